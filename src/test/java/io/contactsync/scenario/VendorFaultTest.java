package io.contactsync.scenario;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.SandboxFault;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/** R5.5: 429 with Retry-After, 5xx and slow answers are waited out or retried; exhausted retries are dead letters. */
@QuarkusTest
class VendorFaultTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rateLimitsServerErrorsAndSlowAnswersEndWithEverythingAppliedOnce() throws Exception {
        long deadBefore = deadLetterCount();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(respondio.createContactAsUser(Map.of("firstName", "Fault" + i, "email",
                    RespondioToHubSpotTest.uniqueEmail())));
        }
        hubspot.injectFaults(new SandboxFault(429, 3, 1, 0, null));
        hubspot.injectFaults(new SandboxFault(500, 3, 0, 0, null));
        hubspot.injectFaults(new SandboxFault(0, 1, 0, 300, null));

        for (long id : ids) {
            send(id);
        }
        awaitInboxDrained();

        assertEquals(10, hubspot.contactCount(), "every event applied, none twice");
        assertEquals(deadBefore, deadLetterCount());
        assertTrue(hubspot.faultsServed() >= 7, "the faults were really served (the lookups and writes of the 10"
                + " contacts leave in as few as 2 batch calls)");
    }

    @Test
    void exhaustedRetriesLandInDeadLettersAndReplaySucceeds() throws Exception {
        long deadBefore = deadLetterCount();
        String email = RespondioToHubSpotTest.uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Dead", "email", email));
        hubspot.injectFaults(new SandboxFault(503, 50, 0, 0, null));

        send(id);
        awaitInboxDrained();

        assertEquals(deadBefore + 1, deadLetterCount());
        assertEquals("failed", lastRunOf(email).get("decision"));
        List<Map<String, Object>> dead = given().header("Authorization", ADMIN).get("/admin/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Object inboxId = dead.get(dead.size() - 1).get("id");
        assertTrue(String.valueOf(dead.get(dead.size() - 1).get("error")).contains("503"));

        hubspot.clearFaults();
        given().header("Authorization", ADMIN).post("/admin/dead-letters/" + inboxId + "/replay").then().statusCode(200);
        awaitInboxDrained();

        assertEquals(deadBefore, deadLetterCount());
        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals(1, hubspot.contactCount());
        given().header("Authorization", ADMIN).post("/admin/dead-letters/" + inboxId + "/replay").then().statusCode(404);
    }

    private void send(long respondioId) throws Exception {
        String contact = JSON.writeValueAsString(respondio.contact(respondioId).orElseThrow());
        Webhooks.respondio(Webhooks.respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contact)).then()
                .statusCode(202);
    }
}
