package io.contactsync.scenario;

import static io.contactsync.support.Webhooks.hubspotEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** R1.3 / R1.4 decision tables, R1.7 extra properties, merge candidates, batch reads and origin markers. */
@QuarkusTest
class HubSpotToRespondioTest extends SyncTestSupport {

    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    @Test
    void r1_3_createdInHubSpotAndMissingInRespondio_createsTheRespondioContact() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Ada", "lastname", "Lovelace",
                "phone", "+447911000001", "company", "Engines", "favourite_colour", "green"));

        send("contact.creation", id);

        Map<String, Object> contact = respondio.contactByEmail(email).orElseThrow();
        assertEquals("Ada", contact.get("firstName"));
        assertEquals("Lovelace", contact.get("lastName"));
        assertEquals("+447911000001", contact.get("phone"));
        assertEquals("Engines", customField(contact, "company"), "R1.5: HubSpot property -> respond.io custom field");
        assertEquals("green", customField(contact, "favourite_colour"), "R1.7: extra property carried");
        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals("no respond.io contact with this email (nor linked): created", lastRunOf(email).get("reason"));
    }

    @Test
    void r1_3_createdInHubSpotAndPresentInRespondioWithEmail_updatesIt() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long existing = respondio.createContactAsUser(Map.of("firstName", "Old", "email", email, "language", "en"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "New"));

        send("contact.creation", id);

        Map<String, Object> contact = respondio.contact(existing).orElseThrow();
        assertEquals("New", contact.get("firstName"));
        assertEquals("en", contact.get("language"), "fields outside the mapping are kept");
        assertEquals(1, respondio.contactCount());
        assertEquals("updated", lastRunOf(email).get("decision"));
    }

    @Test
    void r1_3_presentInRespondioWithoutEmail_createsANewContactAndListsAMergeCandidate() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long samePhone = respondio.createContactAsUser(Map.of("firstName", "Chat", "phone", "+447911000002"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Chat", "phone", "+447911000002"));

        send("contact.creation", id);

        assertEquals(2, respondio.contactCount(), "a new contact beside the phone-only one");
        Map<String, Object> created = respondio.contactByEmail(email).orElseThrow();
        Map<String, Object> run = lastRunOf(email);
        assertEquals("merge-candidate", run.get("decision"));
        given().header("Authorization", ADMIN).get("/admin/merge-candidates").then().statusCode(200)
                .body("email", hasItem(email))
                .body("find { it.email == '" + email + "' }.respondioMatchedId", org.hamcrest.Matchers.is(String.valueOf(samePhone)))
                .body("find { it.email == '" + email + "' }.respondioCreatedId",
                        org.hamcrest.Matchers.is(String.valueOf(created.get("id"))));
    }

    @Test
    void r1_4_updatedInHubSpotAndPresentInRespondio_updatesIt() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Grace"));
        send("contact.creation", id);
        hubspot.updateContactAsUser(id, Map.of("lastname", "Hopper"));

        send("contact.propertyChange", id);

        Map<String, Object> contact = respondio.contactByEmail(email).orElseThrow();
        assertEquals("Hopper", contact.get("lastName"));
        assertEquals("updated", lastRunOf(email).get("decision"));
        assertEquals("lastName differed", lastRunOf(email).get("reason"), "the reason names the changed field");
        assertEquals(1, respondio.contactCount());
    }

    @Test
    void r1_4_updatedInHubSpotAndMissingInRespondio_createsIt() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Linus"));

        send("contact.propertyChange", id);

        assertEquals("Linus", respondio.contactByEmail(email).orElseThrow().get("firstName"));
        assertEquals("created", lastRunOf(email).get("decision"));
    }

    @Test
    void r1_4_updatedInHubSpotAndPresentInRespondioWithoutEmail_createsAndListsAMergeCandidate() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        respondio.createContactAsUser(Map.of("firstName", "Phone", "phone", "+447911000003"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "phone", "+447911000003"));

        send("contact.propertyChange", id);

        assertEquals("merge-candidate", lastRunOf(email).get("decision"));
        assertEquals(2, respondio.contactCount());
    }

    @Test
    void aHubSpotContactWithoutEmailIsSkipped() {
        String id = hubspot.createContactAsUser(Map.of("firstname", "NoMail"));

        send("contact.creation", id);

        assertEquals(0, respondio.contactCount());
        assertTrue(respondio.requests().isEmpty());
    }

    @Test
    void aChangeMadeByContactSyncItselfIsNotReadNorSynced() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Own"));
        hubspot.clearRequests();

        Webhooks.hubspot("[" + hubspotEvent(EVENT_IDS.incrementAndGet(), "contact.propertyChange", id, "INTEGRATION",
                "54321") + "]").then().statusCode(202);
        awaitInboxDrained();

        assertTrue(hubspot.requests().isEmpty(), "origin marker: not even read");
        assertTrue(respondio.requests().isEmpty());
    }

    @Test
    void aWebhookBatchIsReadWithOneBatchCall() {
        List<String> events = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = RespondioToHubSpotTest.uniqueEmail();
            emails.add(email);
            String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Batch" + i));
            events.add(hubspotEvent(EVENT_IDS.incrementAndGet(), "contact.creation", id, "CRM_UI", "userId:1"));
        }
        hubspot.clearRequests();

        Webhooks.hubspot("[" + String.join(",", events) + "]").then().statusCode(202).body("accepted",
                org.hamcrest.Matchers.is(20));
        awaitInboxDrained();

        assertEquals(20, respondio.contactCount());
        long batchReads = hubspot.requests().stream().filter(r -> r.path().endsWith("/batch/read")).count();
        assertTrue(batchReads >= 1 && batchReads <= 2, "20 contacts read in " + batchReads + " batch calls");
        assertEquals(batchReads, hubspot.requests().size(), "no other HubSpot call");
        emails.forEach(e -> assertFalse(runsOf(e).isEmpty()));
    }

    private void send(String type, String objectId) {
        Webhooks.hubspot("[" + hubspotEvent(EVENT_IDS.incrementAndGet(), type, objectId, "CRM_UI", "userId:1") + "]")
                .then().statusCode(202);
        awaitInboxDrained();
    }

    private static Object customField(Map<String, Object> contact, String name) {
        for (Object o : (List<?>) contact.get("custom_fields")) {
            Map<?, ?> f = (Map<?, ?>) o;
            if (name.equals(f.get("name"))) {
                return f.get("value");
            }
        }
        return null;
    }
}
