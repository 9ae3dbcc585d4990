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

/**
 * R1.3 / R1.4 decision tables, R1.7 extra properties, merge candidates, batch reads and origin markers, and what
 * each costs in respond.io calls: one per contact (none when nothing changed); a search only after respond.io
 * refuses a phone.
 */
@QuarkusTest
class HubSpotToRespondioTest extends SyncTestSupport {

    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    @Test
    void r1_3_createdInHubSpotAndMissingInRespondio_createsTheRespondioContact() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Ada", "lastname", "Lovelace",
                "phone", "+447911000001", "company", "Engines", "favourite_colour", "green"));

        send("contact.creation", id);

        assertEquals(List.of("POST /contact/create_or_update/email:" + email + " 200"), calls(),
                "one respond.io call, no search");
        Map<String, Object> contact = respondio.contactByEmail(email).orElseThrow();
        assertEquals("Ada", contact.get("firstName"));
        assertEquals("Lovelace", contact.get("lastName"));
        assertEquals("+447911000001", contact.get("phone"));
        assertEquals("Engines", customField(contact, "company"), "R1.5: HubSpot property -> respond.io custom field");
        assertEquals("green", customField(contact, "favourite_colour"), "R1.7: extra property carried");
        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals(CREATE_OR_UPDATE_REASON, lastRunOf(email).get("reason"));
        assertEquals(1, lastRunOf(email).get("vendorCalls"), "the HubSpot contact came with the batch read");
    }

    @Test
    void r1_3_createdInHubSpotAndPresentInRespondioWithEmail_updatesIt() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long existing = respondio.createContactAsUser(Map.of("firstName", "Old", "email", email, "language", "en"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "New"));

        send("contact.creation", id);

        assertEquals(List.of("POST /contact/create_or_update/email:" + email + " 200"), calls());
        Map<String, Object> contact = respondio.contact(existing).orElseThrow();
        assertEquals("New", contact.get("firstName"));
        assertEquals("en", contact.get("language"), "fields outside the mapping are kept");
        assertEquals(1, respondio.contactCount());
        assertEquals(String.valueOf(existing), lastRunOf(email).get("targetId"));
        // respond.io's answer ({contactId}) does not say whether it created or updated: the run says both
        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals(CREATE_OR_UPDATE_REASON, lastRunOf(email).get("reason"));
    }

    @Test
    void withoutAFirstNameInHubSpotTheRespondioNameIsKeptAndANewContactGetsTheEmailsLocalPart() {
        String known = RespondioToHubSpotTest.uniqueEmail();
        long existing = respondio.createContactAsUser(Map.of("firstName", "Keep", "email", known));
        String knownId = hubspot.createContactAsUser(Map.of("email", known, "lastname", "Surname"));
        String fresh = RespondioToHubSpotTest.uniqueEmail();
        String freshId = hubspot.createContactAsUser(Map.of("email", fresh, "lastname", "Nameless"));

        send("contact.creation", knownId);
        assertEquals("Keep", respondio.contact(existing).orElseThrow().get("firstName"),
                "the fallback name does not overwrite the one respond.io has");
        assertEquals("Surname", respondio.contact(existing).orElseThrow().get("lastName"));
        assertEquals(List.of("GET /contact/email:" + known + " 200", "PUT /contact/id:" + existing + " 200"), calls(),
                "without a HubSpot first name respond.io is read first, then updated without the fallback name");

        respondio.clearRequests();
        send("contact.creation", freshId);
        assertEquals(fresh.substring(0, fresh.indexOf('@')), respondio.contactByEmail(fresh).orElseThrow().get("firstName"),
                "a new contact needs a firstName: the email's local part");
        assertEquals(List.of("GET /contact/email:" + fresh + " 404",
                "POST /contact/create_or_update/email:" + fresh + " 200"), calls());
    }

    @Test
    void r1_3_presentInRespondioWithoutEmail_createsANewContactAndListsAMergeCandidate() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long samePhone = respondio.createContactAsUser(Map.of("firstName", "Chat", "phone", "+447911000002"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Chat", "phone", "+447911000002"));

        send("contact.creation", id);

        assertEquals(List.of("POST /contact/create_or_update/email:" + email + " 409", "POST /contact/list 200",
                "POST /contact/create_or_update/email:" + email + " 200"), calls(),
                "the search by phone only because respond.io refused the phone");
        assertTrue(respondio.requests().get(1).body().contains("+447911000002"), "searched by the refused phone");
        assertFalse(respondio.requests().get(2).body().contains("phone"), "created without the phone");
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
        Object respondioId = respondio.contactByEmail(email).orElseThrow().get("id");
        hubspot.updateContactAsUser(id, Map.of("lastname", "Hopper"));
        respondio.clearRequests();

        send("contact.propertyChange", id);

        assertEquals(List.of("PUT /contact/id:" + respondioId + " 200"), calls(), "linked: no lookup, one write");
        assertEquals("{\"lastName\":\"Hopper\"}", respondio.requests().get(0).body(), "only the changed field");
        Map<String, Object> contact = respondio.contactByEmail(email).orElseThrow();
        assertEquals("Hopper", contact.get("lastName"));
        assertEquals("updated", lastRunOf(email).get("decision"));
        assertEquals("lastName differed", lastRunOf(email).get("reason"), "the reason names the changed field");
        assertEquals(1, respondio.contactCount());
    }

    @Test
    void r1_4_linkedAndNoMappedFieldDiffers_isNoChangeWithoutARespondioCall() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Tim", "phone", "+44 7911 000004"));
        send("contact.creation", id);
        hubspot.updateContactAsUser(id, Map.of("phone", "+447911000004"));
        respondio.clearRequests();

        send("contact.propertyChange", id);

        assertEquals(List.of(), calls(), "compared with respond.io's state at the last sync: no call");
        assertEquals("no-change", lastRunOf(email).get("decision"));
        assertEquals(0, lastRunOf(email).get("vendorCalls"));
    }

    @Test
    void r1_4_linkedContactDeletedInRespondio_isCreatedAgainByEmail() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Gone"));
        send("contact.creation", id);
        long deleted = ((Number) respondio.contactByEmail(email).orElseThrow().get("id")).longValue();
        respondio.deleteContactAsUser(deleted);
        hubspot.updateContactAsUser(id, Map.of("lastname", "Back"));
        respondio.clearRequests();

        send("contact.propertyChange", id);

        assertEquals(List.of("PUT /contact/id:" + deleted + " 404", "POST /contact/create_or_update/email:" + email
                + " 200"), calls());
        Map<String, Object> recreated = respondio.contactByEmail(email).orElseThrow();
        assertEquals("Back", recreated.get("lastName"));
        assertEquals("Gone", recreated.get("firstName"),
                "mapped again as a new contact: every mapped field is sent, not only the changed one");
        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals(String.valueOf(recreated.get("id")), lastRunOf(email).get("targetId"));

        hubspot.updateContactAsUser(id, Map.of("lastname", "Again"));
        respondio.clearRequests();
        send("contact.propertyChange", id);
        assertEquals(List.of("PUT /contact/id:" + recreated.get("id") + " 200"), calls(), "linked to the new contact");
    }

    @Test
    void r1_3_phoneHeldByARespondioContactWithAnotherEmail_failsNamingThePhoneMasked() {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long holder = respondio.createContactAsUser(Map.of("firstName", "Other", "email",
                RespondioToHubSpotTest.uniqueEmail(), "phone", "+447911000005"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Clash", "phone", "+447911000005"));

        send("contact.creation", id);

        assertEquals(List.of("POST /contact/create_or_update/email:" + email + " 409", "POST /contact/list 200"),
                calls());
        Map<String, Object> run = lastRunOf(email);
        assertEquals("failed", run.get("decision"));
        String reason = (String) run.get("reason");
        assertTrue(reason.contains("phone conflict: respond.io contact " + holder + " has the phone +44********05"),
                reason);
        assertFalse(reason.contains("+447911000005"), "the phone is masked");
        assertEquals(1, respondio.contactCount(), "nothing written");
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

    private static final String CREATE_OR_UPDATE_REASON = "respond.io create_or_update by email: created the contact,"
            + " or updated the one with this email (its answer does not say which)";

    /** The respond.io calls made since the last reset or clearRequests: "METHOD path status". */
    private List<String> calls() {
        return respondio.requests().stream().map(r -> r.method() + " " + r.path() + " " + r.status()).toList();
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
