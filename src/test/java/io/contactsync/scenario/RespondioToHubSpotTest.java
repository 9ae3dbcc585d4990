package io.contactsync.scenario;

import static io.contactsync.support.Webhooks.respondioEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** R1.1 / R1.2 decision tables, R1.5 custom fields, R1.6 field filter: signed webhook in, simulator state out. */
@QuarkusTest
class RespondioToHubSpotTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void r1_1_createdInRespondioAndMissingInHubSpot_createsTheHubSpotContact() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email,
                "phone", "+447911123456", "custom_fields", List.of(Map.of("name", "company", "value", "Engines"))));

        send("contact.created", id);

        Map<String, Object> props = hubspotProperties(email);
        assertEquals("Ada", props.get("firstname"));
        assertEquals("Lovelace", props.get("lastname"));
        assertEquals("+447911123456", props.get("phone"));
        assertEquals("Engines", props.get("company"), "R1.5: respond.io custom field -> HubSpot property");
        Map<String, Object> run = lastRunOf(email);
        assertEquals("created", run.get("decision"));
        assertEquals("no HubSpot contact with this email (nor linked): created", run.get("reason"));
        assertEquals(0, respondio.requests().size(), "the webhook's copy of the contact is used: no re-read");
        assertEquals(List.of("/crm/v3/objects/contacts/batch/read", "/crm/v3/objects/contacts/batch/upsert"),
                hubspot.requests().stream().map(RecordedRequest::path).toList(),
                "the dispatcher's batch read by email, then one batch upsert");
        assertEquals(1, hubspotWrites(), "one write on HubSpot");
    }

    @Test
    void r1_1_createdInRespondioAndPresentInHubSpot_updatesOnlyWhatChanged() throws Exception {
        String email = uniqueEmail();
        String hubspotId = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Old", "lastname", "Name",
                "jobtitle", "Engineer"));
        long id = respondio.createContactAsUser(Map.of("firstName", "New", "lastName", "Name", "email", email));

        send("contact.created", id);

        Map<String, Object> props = hubspotProperties(email);
        assertEquals("New", props.get("firstname"));
        assertEquals("Engineer", props.get("jobtitle"), "properties outside the mapping are kept");
        assertEquals("updated", lastRunOf(email).get("decision"));
        assertEquals("firstname differed", lastRunOf(email).get("reason"), "the reason names the changed property");
        assertEquals(hubspotId, lastRunOf(email).get("targetId"));
        RecordedRequest update = onlyWrite();
        assertEquals("/crm/v3/objects/contacts/batch/update", update.path());
        assertEquals("{\"inputs\":[{\"id\":\"" + hubspotId + "\",\"properties\":{\"firstname\":\"New\"}}]}",
                update.body(), "only the changed property is sent");
    }

    @Test
    void r1_1_createdInRespondioWithoutEmail_isSkippedWithTheReason() throws Exception {
        long id = respondio.createContactAsUser(Map.of("firstName", "NoMail", "phone", "+447700900123"));

        send("contact.created", id);

        assertEquals(0, hubspot.requests().size(), "nothing is asked of HubSpot");
        assertEquals(0, hubspot.contactCount());
        Map<String, Object> run = lastRunForSource(id);
        assertEquals("skipped", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("no email"), run.toString());
    }

    @Test
    void r1_2_updatedInRespondioAndPresentInHubSpot_updatesTheHubSpotContact() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Grace", "email", email));
        send("contact.created", id);
        respondio.updateContactAsUser(id, Map.of("lastName", "Hopper"));

        send("contact.updated", id);

        assertEquals("Hopper", hubspotProperties(email).get("lastname"));
        assertEquals("Grace", hubspotProperties(email).get("firstname"));
        assertEquals("updated", lastRunOf(email).get("decision"));
        assertEquals(1, hubspot.contactCount());
    }

    @Test
    void r1_2_updatedInRespondioAndMissingInHubSpot_createsTheHubSpotContact() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Linus", "email", email));

        send("contact.updated", id);

        assertEquals("Linus", hubspotProperties(email).get("firstname"));
        assertEquals("created", lastRunOf(email).get("decision"));
    }

    @Test
    void r1_2_updatedInRespondioWithoutEmail_isSkippedWithTheReason() throws Exception {
        long id = respondio.createContactAsUser(Map.of("firstName", "Anon", "phone", "+447700900456"));

        send("contact.updated", id);

        assertEquals(0, hubspot.requests().size());
        assertEquals("skipped", lastRunForSource(id).get("decision"));
    }

    @Test
    void r1_6_anUpdateOfAFieldOutsideTheTriggerSetDoesNotSync() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Ken", "email", email));
        send("contact.created", id);
        hubspot.clearRequests();
        respondio.updateContactAsUser(id, Map.of("language", "fr"));

        send("contact.updated", id);

        Map<String, Object> run = lastRunOf(email);
        assertEquals("skipped", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("R1.6"), run.toString());
        assertTrue(run.get("reason").toString().endsWith("changed: [language]"),
                "the rule's reason names the changed fields (${variable.changedFields} expanded): " + run);
        assertEquals(0, hubspot.requests().size());

        respondio.updateContactAsUser(id, Map.of("firstName", "Kenneth"));
        send("contact.updated", id);
        assertEquals("Kenneth", hubspotProperties(email).get("firstname"));
    }

    @Test
    void missingValuesNeverBlankHubSpotData() throws Exception {
        String email = uniqueEmail();
        hubspot.createContactAsUser(Map.of("email", email, "firstname", "Keep", "lastname", "Me", "company", "Acme"));
        long id = respondio.createContactAsUser(Map.of("firstName", "Keep", "email", email));

        send("contact.created", id);

        Map<String, Object> props = hubspotProperties(email);
        assertEquals("Me", props.get("lastname"));
        assertEquals("Acme", props.get("company"));
        assertEquals("no-change", lastRunOf(email).get("decision"));
        assertEquals(0, hubspotWrites(), "nothing changed: no write");
    }

    @Test
    void whileDispatchIsPausedWebhooksAreKeptAndAppliedOnResume() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Held", "email", email));
        given().header("Authorization", ADMIN).post("/admin/dispatch/pause").then().statusCode(200)
                .body("paused", org.hamcrest.Matchers.is(true));
        try {
            Webhooks.respondio(respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contactJson(id))).then()
                    .statusCode(202);
            Thread.sleep(700);
            given().header("Authorization", ADMIN).get("/admin/inbox").then().body("PENDING",
                    org.hamcrest.Matchers.is(1));
            assertEquals(0, hubspot.contactCount(), "nothing applied while paused");
        } finally {
            given().header("Authorization", ADMIN).post("/admin/dispatch/resume").then().statusCode(200)
                    .body("paused", org.hamcrest.Matchers.is(false));
        }
        awaitInboxDrained();
        assertEquals("created", lastRunOf(email).get("decision"));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Twice", "email", email));
        String body = respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contactJson(id));

        Webhooks.respondio(body).then().statusCode(202);
        Webhooks.respondio(body).then().statusCode(202).body("duplicates", org.hamcrest.Matchers.is(1));
        awaitInboxDrained();

        assertEquals(1, runsOf(email).size());
        assertEquals(1, hubspot.contactCount());
    }

    @Test
    void eventsOfOneContactAreAppliedInOrderAndTheLatestStateWins() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "v0", "email", email));
        String stale = contactJson(id);
        given().header("Authorization", ADMIN).post("/admin/dispatch/pause").then().statusCode(200);
        try {
            for (int i = 1; i <= 5; i++) {
                respondio.updateContactAsUser(id, Map.of("firstName", "v" + i));
                Webhooks.respondio(respondioEvent("contact.updated", "evt-" + UUID.randomUUID(), stale)).then()
                        .statusCode(202);
            }
        } finally {
            given().header("Authorization", ADMIN).post("/admin/dispatch/resume").then().statusCode(200);
        }
        awaitInboxDrained();

        assertEquals("v5", hubspotProperties(email).get("firstname"),
                "the events behind the first one of the contact re-read it: the current state, not the stale payload");
        assertEquals(1, hubspot.contactCount());
    }

    // ---- helpers

    private void send(String type, long respondioId) throws JsonProcessingException {
        Webhooks.respondio(respondioEvent(type, "evt-" + UUID.randomUUID(), contactJson(respondioId))).then()
                .statusCode(202);
        awaitInboxDrained();
    }

    private String contactJson(long id) throws JsonProcessingException {
        return JSON.writeValueAsString(respondio.contact(id).orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> hubspotProperties(String email) {
        Map<String, Object> contact = hubspot.contactByEmail(email)
                .orElseThrow(() -> new AssertionError("no HubSpot contact " + email));
        return new HashMap<>((Map<String, Object>) contact.get("properties"));
    }

    private long hubspotWrites() {
        return hubspot.requests().stream().filter(r -> !r.method().equals("GET") && !r.path().endsWith("/batch/read"))
                .count();
    }

    private RecordedRequest onlyWrite() {
        List<RecordedRequest> writes = hubspot.requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/batch/read")).toList();
        assertEquals(1, writes.size(), writes.toString());
        return writes.get(0);
    }

    private static Map<String, Object> lastRunForSource(long respondioId) {
        List<Map<String, Object>> runs = io.restassured.RestAssured.given().header("Authorization", ADMIN)
                .get("/admin/runs").then().extract().jsonPath().getList("$");
        return runs.stream().filter(r -> String.valueOf(respondioId).equals(r.get("sourceId"))
                && "respondio-to-hubspot".equals(r.get("scenario"))).findFirst()
                .orElseThrow(() -> new AssertionError("no run for respond.io contact " + respondioId));
    }

    static String uniqueEmail() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
