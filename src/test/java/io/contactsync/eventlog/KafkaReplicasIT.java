package io.contactsync.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.LocalProcesses;
import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.Webhooks;
import io.contactsync.webhook.WebhookSignatures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two packaged app processes on one PostgreSQL database with Kafka as the event log (a real single-node broker,
 * started here from the kafka_2.13 jars); webhooks go to either, one replica is killed with SIGKILL mid-stream and
 * restarted. Every event is applied exactly once, one contact's events in order, no HubSpot contact twice, and the
 * killed replica's partitions are consumed by the survivor within 30 s.
 */
@ExtendWith(PostgresAvailable.class)
class KafkaReplicasIT {

    private static final int CONTACTS = 2_500;
    private static final int EVENTS_PER_CONTACT = 4;
    private static final int PARTITIONS = 16;
    private static final int SENDERS = 16;
    private static final int SANDBOX_PORT = 18481;
    private static final int[] APP_PORTS = {18482, 18483};
    private static final int KAFKA_PORT = 18484;
    private static final int KAFKA_CONTROLLER_PORT = 18485;
    private static final String DATABASE = System.getenv().getOrDefault("CONTACTSYNC_TEST_DB", "contactsync")
            + "_kafka_it";
    private static final String KEY = "sandbox-respondio-signing-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalProcesses processes = new LocalProcesses();
    private final Process[] replicas = new Process[2];
    private Path work;

    @AfterEach
    void stop() {
        processes.close();
    }

    @Test
    void everyEventIsAppliedOnceInOrderWhenAReplicaIsKilledMidStream() throws Exception {
        freshDatabase();
        work = Files.createTempDirectory("kafka-replicas");
        processes.kafka(KAFKA_PORT, KAFKA_CONTROLLER_PORT, work.resolve("kafka"));
        processes.sandbox(SANDBOX_PORT, work.resolve("sandbox"));
        String[] contacts = new String[CONTACTS];
        IntStream.range(0, CONTACTS).parallel().forEach(i -> contacts[i] = createContact(i));
        start(0);
        start(1);
        awaitPartitions(1, p -> p > 0 && p < PARTITIONS, "the group shared the partitions out");

        int total = CONTACTS * EVENTS_PER_CONTACT;
        AtomicInteger sent = new AtomicInteger();
        long started = System.currentTimeMillis();
        List<Future<?>> senders = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.add(threads.submit(() -> {
                // each sender owns every SENDERS-th contact and sends their events round by round: in order per contact
                for (int round = 0; round < EVENTS_PER_CONTACT; round++) {
                    for (int i = sender; i < CONTACTS; i += SENDERS) {
                        String type = round == 0 ? "contact.created" : "contact.updated";
                        int n = sent.incrementAndGet();
                        deliver(Webhooks.respondioEvent(type, "kafka-evt-" + i + "-" + round, contacts[i]), n);
                        if (n == total / 3) {
                            killReplicaZero(n);
                        }
                        if (n == total * 2 / 3) {
                            start(0);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get();
        }
        threads.shutdown();
        System.out.printf("%d events accepted in %d ms%n", total, System.currentTimeMillis() - started);
        awaitDrained(total);

        try (Connection db = database()) {
            assertEquals(0, count(db, "SELECT COUNT(*) FROM inbox_event WHERE status <> 'DONE'"), "all events done");
            assertEquals(total, count(db, "SELECT COUNT(*) FROM inbox_event WHERE shard = -1"), "all from the log");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM (SELECT inbox_id FROM sync_run GROUP BY inbox_id"
                    + " HAVING COUNT(*) > 1) twice"), "no event applied twice");
            assertEquals(total, count(db, "SELECT COUNT(DISTINCT inbox_id) FROM sync_run"), "every event applied");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM sync_run later JOIN sync_run earlier"
                    + " ON later.source_id = earlier.source_id AND later.id > earlier.id"
                    + " AND later.inbox_id < earlier.inbox_id"), "one contact's events applied in order");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM inbox_event later JOIN inbox_event earlier"
                    + " ON later.contact_key = earlier.contact_key AND later.id > earlier.id"
                    + " AND later.event_id < earlier.event_id"), "inbox rows follow the log's order per contact");
        }
        System.out.printf("%d events applied %d ms after the first was sent%n", total,
                System.currentTimeMillis() - started);
        Map<String, Integer> byEmail = new HashMap<>();
        for (Object c : JSON.readValue(get(SANDBOX_PORT, "/sandbox/hubspot/_control/contacts"), List.class)) {
            Map<?, ?> props = (Map<?, ?>) ((Map<?, ?>) c).get("properties");
            byEmail.merge(String.valueOf(props.get("email")), 1, Integer::sum);
        }
        for (int i = 0; i < CONTACTS; i++) {
            assertEquals(1, byEmail.getOrDefault(email(i), 0), email(i) + " exists once in HubSpot");
        }
    }

    private void killReplicaZero(int sent) throws Exception {
        replicas[0].destroyForcibly().waitFor();
        long killedAt = System.currentTimeMillis();
        awaitPartitions(1, p -> p == PARTITIONS, "the survivor consumes every partition");
        long takeover = System.currentTimeMillis() - killedAt;
        System.out.printf("replica 0 killed after %d events; its partitions taken over in %d ms%n", sent, takeover);
        assertTrue(takeover <= 30_000, "partitions taken over in " + takeover + " ms");
    }

    private static String email(int contact) {
        return "kafka-replica-" + contact + "@example.com";
    }

    /** The respond.io contact as the sandbox answers it, which is what its webhooks carry. */
    private String createContact(int contact) {
        try {
            return JSON.readTree(post(SANDBOX_PORT, "/sandbox/respondio/_control/contacts", "{\"firstName\":\"Replica"
                    + contact + "\",\"email\":\"" + email(contact) + "\"}").body()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void start(int replica) throws Exception {
        replicas[replica] = processes.app(APP_PORTS[replica], SANDBOX_PORT, work.resolve("replica-" + replica),
                "-Dquarkus.profile=sandbox,postgresql",
                "-Dquarkus.datasource.pg.jdbc.url=jdbc:postgresql://localhost:5432/" + DATABASE,
                "-Dsync.inbox=kafka", "-Dsync.kafka.bootstrap-servers=127.0.0.1:" + KAFKA_PORT,
                "-Dsync.kafka.partitions=" + PARTITIONS,
                "-Dhubspot.rate-limit.per-10s=1000000", "-Drespondio.requests-per-second=100000");
    }

    /** To the replica whose turn it is, else to the other one, until one accepts (a sender retries). */
    private void deliver(String body, int turn) throws InterruptedException {
        byte[] bytes = Webhooks.bytes(body);
        String signature = WebhookSignatures.respondio(KEY, bytes);
        for (int attempt = 0; ; attempt++) {
            int port = APP_PORTS[(turn + attempt) % 2];
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/webhooks/respondio")).header("Content-Type", "application/json")
                        .header("X-Webhook-Signature", signature).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    return;
                }
            } catch (IOException e) {
                // that replica is down: the other one takes it
            }
            Thread.sleep(50);
        }
    }

    private void awaitPartitions(int replica, java.util.function.IntPredicate held, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!held.test(((List<?>) JSON.readValue(get(APP_PORTS[replica], "/admin/replica"), Map.class)
                .get("partitions")).size())) {
            assertTrue(System.currentTimeMillis() < deadline, what + ": not within 60 s");
            Thread.sleep(100);
        }
    }

    /** Every event is in the inbox table (consumed), none pending, and the group's offsets are at the log's end. */
    private void awaitDrained(int total) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        try (Connection db = database()) {
            while (count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'PENDING'") > 0
                    || count(db, "SELECT COUNT(*) FROM inbox_event") < total || logLag() != 0) {
                assertTrue(System.currentTimeMillis() < deadline, "the log did not drain within 5 minutes");
                Thread.sleep(500);
            }
        }
    }

    private long logLag() throws Exception {
        Object lag = JSON.readValue(get(APP_PORTS[1], "/admin/inbox"), Map.class).get("logLag");
        return lag == null ? -1 : ((Number) lag).longValue();
    }

    private static void freshDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DATABASE, "postgres", "");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer sandbox-admin-token").build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
