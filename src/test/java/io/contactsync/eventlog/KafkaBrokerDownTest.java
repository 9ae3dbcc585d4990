package io.contactsync.eventlog;

import static io.contactsync.support.Webhooks.respondioEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.KafkaBroker;
import io.contactsync.support.KafkaProfile;
import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.PostgresProfile;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker goes down under a running replica: a webhook is answered 503 naming the event log, nothing is stored,
 * and the replica is not ready. A profile (and so a broker) of its own, as the broker does not come back.
 */
@QuarkusTest
@TestProfile(KafkaBrokerDownTest.OwnBroker.class)
@ExtendWith(PostgresAvailable.class)
class KafkaBrokerDownTest extends SyncTestSupport {

    public static class OwnBroker extends KafkaProfile {
    }

    @Test
    void aWebhookIsRefusedWith503AndTheReplicaIsNotReady() throws Exception {
        String email = "down-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long id = respondio.createContactAsUser(Map.of("firstName", "NoBroker", "email", email));
        String contact = new ObjectMapper().writeValueAsString(respondio.contact(id).orElseThrow());
        given().get("/q/health/ready").then().statusCode(200);
        long rows = inboxRows();

        KafkaBroker.shutDown();

        String error = Webhooks.respondio(respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contact))
                .then().statusCode(503).extract().jsonPath().getString("error");
        assertTrue(error.contains("event log (Kafka at") && error.contains("retry later"), error);
        String health = given().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertTrue(health.contains("event-log") && health.contains("unreachable"), health);
        assertEquals(rows, inboxRows(), "nothing stored");
        assertTrue(runsOf(email).isEmpty());
    }

    private static long inboxRows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + PostgresProfile.DATABASE,
                "postgres", ""); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
