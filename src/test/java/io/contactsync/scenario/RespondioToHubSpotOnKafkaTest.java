package io.contactsync.scenario;

import static io.contactsync.support.Webhooks.respondioEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.KafkaProfile;
import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RespondioToHubSpotTest} with Kafka as the event log (and PostgreSQL as the state store). */
@QuarkusTest
@TestProfile(KafkaProfile.class)
@ExtendWith(PostgresAvailable.class)
class RespondioToHubSpotOnKafkaTest extends RespondioToHubSpotTest {

    /** The log cannot tell a re-delivery at intake: both are logged, the second is dropped when consumed. */
    @Override
    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Twice", "email", email));
        String body = respondioEvent("contact.created", "evt-" + UUID.randomUUID(),
                new ObjectMapper().writeValueAsString(respondio.contact(id).orElseThrow()));

        Webhooks.respondio(body).then().statusCode(202).body("accepted", org.hamcrest.Matchers.is(1));
        Webhooks.respondio(body).then().statusCode(202).body("accepted", org.hamcrest.Matchers.is(1));
        awaitInboxDrained();

        assertEquals(1, runsOf(email).size());
        assertEquals(1, hubspot.contactCount());
    }

    /** While paused the event waits in the log (logLag), not as a pending inbox row: the consumer reads nothing. */
    @Override
    @Test
    void whileDispatchIsPausedWebhooksAreKeptAndAppliedOnResume() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Held", "email", email));
        given().header("Authorization", ADMIN).post("/admin/dispatch/pause").then().statusCode(200)
                .body("paused", org.hamcrest.Matchers.is(true));
        try {
            Webhooks.respondio(respondioEvent("contact.created", "evt-" + UUID.randomUUID(),
                    new ObjectMapper().writeValueAsString(respondio.contact(id).orElseThrow()))).then().statusCode(202);
            Thread.sleep(700);
            given().header("Authorization", ADMIN).get("/admin/inbox").then().body("logLag",
                    org.hamcrest.Matchers.is(1)).body("PENDING", org.hamcrest.Matchers.is(0));
            assertEquals(0, hubspot.contactCount(), "nothing applied while paused");
        } finally {
            given().header("Authorization", ADMIN).post("/admin/dispatch/resume").then().statusCode(200)
                    .body("paused", org.hamcrest.Matchers.is(false));
        }
        awaitInboxDrained();
        assertEquals("created", lastRunOf(email).get("decision"));
    }
}
