package io.contactsync.scenario;

import static io.contactsync.support.Webhooks.respondioEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SandboxFault;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/**
 * Issue 10: the respond.io -> HubSpot writes of many contacts go out as HubSpot batch calls; a contact HubSpot refuses
 * fails alone; one contact's events stay in order; a stale copy of a contact never wins.
 */
@QuarkusTest
class BatchedWritesTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

    @Test
    void aContactHubSpotRefusesFailsAloneAndTheOther99AreWritten() throws Exception {
        long deadBefore = deadLetterCount();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            ids.add(respondio.createContactAsUser(Map.of("firstName", "Batch" + i, "email", RespondioToHubSpotTest.uniqueEmail())));
        }
        String refusedEmail = RespondioToHubSpotTest.uniqueEmail();
        long refused = respondio.createContactAsUser(Map.of("firstName", "Refused!", "email", refusedEmail));
        ids.add(50, refused);
        hubspot.addPropertyValidationRule("firstname", "[^!]*");

        sendAllInOneDispatch(ids, "contact.created");

        assertEquals(99, hubspot.contactCount(), "the other 99 are written");
        Map<String, Object> run = lastRunOf(refusedEmail);
        assertEquals("failed", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("Refused! does not meet the validation rules of firstname"),
                "HubSpot's own reason: " + run);
        assertEquals(deadBefore + 1, deadLetterCount(), "only the refused contact is a dead letter");
        List<RecordedRequest> upserts = hubspot.requests().stream().filter(r -> r.path().equals(UPSERT)).toList();
        assertTrue(upserts.size() <= 20, "a refused batch is split until the refused contact stands alone, not sent"
                + " one by one: " + upserts.size() + " upserts");
        assertEquals(0, hubspot.requests().stream().filter(r -> r.path().equals("/crm/v3/objects/contacts")).count(),
                "no single-contact create");
    }

    @Test
    void twoEventsOfOneContactInOneBatchWindowAreAppliedInOrderAndTheLastStateWins() throws Exception {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "First", "email", email));
        String first = contactJson(id);
        respondio.updateContactAsUser(id, Map.of("firstName", "Second"));
        String second = contactJson(id);
        pauseDispatch();
        try {
            Webhooks.respondio(respondioEvent("contact.created", "evt-" + UUID.randomUUID(), first)).then().statusCode(202);
            Webhooks.respondio(respondioEvent("contact.updated", "evt-" + UUID.randomUUID(), second)).then().statusCode(202);
        } finally {
            resumeDispatch();
        }
        awaitInboxDrained();

        List<Map<String, Object>> runs = runsOf(email);
        assertEquals(2, runs.size());
        assertEquals("created", runs.get(1).get("decision"), "the older event first: " + runs);
        assertEquals("Second", hubspotFirstName(email));
        assertEquals(1, hubspot.contactCount());
    }

    @Test
    void aStaleCopyOfTheContactIsReadAgainAndDoesNotWin() throws Exception {
        String email = RespondioToHubSpotTest.uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Old", "email", email));
        String old = contactJson(id);
        hubspot.injectFaults(new SandboxFault(503, 40, 0, 0, null));
        String staleEventId = "evt-" + UUID.randomUUID();
        Webhooks.respondio(respondioEvent("contact.created", staleEventId, old)).then().statusCode(202);
        awaitInboxDrained();
        hubspot.clearFaults();
        List<Map<String, Object>> dead = given().header("Authorization", ADMIN).queryParam("limit", 1000)
                .get("/admin/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Object staleEvent = dead.stream().filter(d -> staleEventId.equals(d.get("eventId"))).findFirst()
                .orElseThrow(() -> new AssertionError("the event is a dead letter: " + dead)).get("id");

        respondio.updateContactAsUser(id, Map.of("firstName", "New"));
        Webhooks.respondio(respondioEvent("contact.updated", "evt-" + UUID.randomUUID(), contactJson(id))).then()
                .statusCode(202);
        awaitInboxDrained();
        assertEquals("New", hubspotFirstName(email));
        respondio.clearRequests();

        given().header("Authorization", ADMIN).post("/admin/dead-letters/" + staleEvent + "/replay").then()
                .statusCode(200);
        awaitInboxDrained();

        assertEquals("New", hubspotFirstName(email), "the replayed older copy did not win");
        assertEquals(1, respondio.requests().size(), "the replayed event read the contact again");
        assertEquals("skipped", lastRunOf(email).get("decision"), "nothing changed since the last sync");
    }

    // ---- helpers

    private void sendAllInOneDispatch(List<Long> ids, String type) throws JsonProcessingException {
        pauseDispatch();
        try {
            for (long id : ids) {
                Webhooks.respondio(respondioEvent(type, "evt-" + UUID.randomUUID(), contactJson(id))).then()
                        .statusCode(202);
            }
        } finally {
            resumeDispatch();
        }
        awaitInboxDrained();
    }

    private static void pauseDispatch() {
        given().header("Authorization", ADMIN).post("/admin/dispatch/pause").then().statusCode(200);
    }

    private static void resumeDispatch() {
        given().header("Authorization", ADMIN).post("/admin/dispatch/resume").then().statusCode(200);
    }

    private String contactJson(long id) throws JsonProcessingException {
        return JSON.writeValueAsString(new LinkedHashMap<>(respondio.contact(id).orElseThrow()));
    }

    @SuppressWarnings("unchecked")
    private String hubspotFirstName(String email) {
        Map<String, Object> contact = hubspot.contactByEmail(email)
                .orElseThrow(() -> new AssertionError("no HubSpot contact " + email));
        return String.valueOf(((Map<String, Object>) contact.get("properties")).get("firstname"));
    }
}
