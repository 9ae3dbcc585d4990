package io.contactsync.eventlog;

import static io.contactsync.support.Webhooks.respondioEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.SandboxFault;
import io.contactsync.support.KafkaBroker;
import io.contactsync.support.KafkaProfile;
import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.PostgresProfile;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka as the event log against a real broker (in-process KRaft): offsets committed only after the run is recorded,
 * a rebalance mid-run hands partitions over with their runs recorded, dead letters replayed through the log (the
 * broker going down: {@link KafkaBrokerDownTest}).
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
@ExtendWith(PostgresAvailable.class)
class KafkaEventLogTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "contactsync-events";
    private static final String GROUP = "contact-sync";

    @Test
    void theOffsetIsCommittedOnlyAfterTheRunIsRecorded() throws Exception {
        String email = email();
        long id = respondio.createContactAsUser(Map.of("firstName", "Slow", "email", email));
        hubspot.injectFaults(new SandboxFault(0, 1, 0, 3_000, null));
        long before = endOffsets();
        String eventId = "evt-" + UUID.randomUUID();

        Webhooks.respondio(respondioEvent("contact.created", eventId, contact(id))).then()
                .statusCode(202).body("accepted", org.hamcrest.Matchers.is(1));

        assertEquals(before + 1, endOffsets(), "the broker had the event before the 202");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM inbox_event WHERE status ="
                + " 'PENDING' AND shard = -1") == 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, logLag(), "the run is in flight: its offset is not committed");
            assertTrue(runsOf(email).isEmpty());
            Thread.sleep(300);
        }
        awaitInboxDrained();
        assertEquals(0, logLag());
        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals(1, count("SELECT COUNT(*) FROM inbox_event WHERE status = 'DONE' AND shard = -1"
                + " AND event_id = '" + eventId + "'"), "the event has its inbox row (the event-id dedupe)");
    }

    @Test
    void partitionsRevokedMidRunAreHandedOverWithTheirRunsRecorded() throws Exception {
        List<String> emails = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            emails.add(email());
            ids.add(respondio.createContactAsUser(Map.of("firstName", "Moving" + i, "email", emails.get(i))));
        }
        hubspot.injectFaults(new SandboxFault(0, 16, 0, 1_500, null));
        for (long id : ids) {
            Webhooks.respondio(respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contact(id))).then()
                    .statusCode(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM inbox_event WHERE status ="
                + " 'PENDING' AND shard = -1") == 16);

        Map<TopicPartition, Long> committedAtHandOver = new HashMap<>();
        Map<TopicPartition, Long> endAtHandOver = new HashMap<>();
        try (KafkaConsumer<String, String> newcomer = new KafkaConsumer<>(newcomerProperties())) {
            newcomer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> {
                        OffsetAndMetadata committed = newcomer.committed(Set.of(p)).get(p);
                        committedAtHandOver.put(p, committed == null ? 0 : committed.offset());
                    });
                    endAtHandOver.putAll(newcomer.endOffsets(partitions));
                }

                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                }
            });
            long deadline = System.currentTimeMillis() + 60_000;
            while (committedAtHandOver.isEmpty() && System.currentTimeMillis() < deadline) {
                newcomer.poll(Duration.ofMillis(200));
            }
        }
        assertFalse(committedAtHandOver.isEmpty(), "the newcomer was given partitions");
        assertTrue(endAtHandOver.values().stream().mapToLong(Long::longValue).sum() > 0,
                "partitions with events moved: " + endAtHandOver);
        assertEquals(endAtHandOver, committedAtHandOver,
                "every event of a moved partition was recorded and committed before it moved");

        awaitInboxDrained();
        for (String email : emails) {
            assertEquals(1, runsOf(email).size(), email + " applied once");
        }
        assertEquals(16, hubspot.contactCount());
    }

    @Test
    void aDeadLetterIsListedAndReplayedThroughTheLog() throws Exception {
        String email = email();
        long id = respondio.createContactAsUser(Map.of("firstName", "Dead", "email", email));
        hubspot.injectFaults(new SandboxFault(500, 100, 0, 0, null));
        Webhooks.respondio(respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contact(id))).then()
                .statusCode(202);
        awaitInboxDrained();
        hubspot.clearFaults();

        List<Map<String, Object>> dead = given().header("Authorization", ADMIN).get("/admin/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, dead.size(), dead.toString());
        long inboxId = ((Number) dead.get(0).get("id")).longValue();
        assertEquals(1, count("SELECT COUNT(*) FROM sync_run WHERE decision = 'failed' AND inbox_id = " + inboxId));
        long logged = endOffsets();

        given().header("Authorization", ADMIN).post("/admin/dead-letters/" + inboxId + "/replay").then()
                .statusCode(200);
        assertEquals(logged + 1, endOffsets(), "the replay went through the contact's partition");
        awaitInboxDrained();

        assertEquals("created", lastRunOf(email).get("decision"));
        assertEquals(2, count("SELECT COUNT(*) FROM sync_run WHERE inbox_id = " + inboxId), "the failed run and the replay");
        assertEquals(0, deadLetterCount());
        assertEquals(1, hubspot.contactCount());
    }

    private static String email() {
        return "k-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private String contact(long id) throws Exception {
        return JSON.writeValueAsString(respondio.contact(id).orElseThrow());
    }

    private static long logLag() {
        return given().header("Authorization", ADMIN).get("/admin/inbox").then().statusCode(200).extract().jsonPath()
                .getLong("logLag");
    }

    private static long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                    .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static Map<String, Object> newcomerProperties() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + PostgresProfile.DATABASE,
                "postgres", ""); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
