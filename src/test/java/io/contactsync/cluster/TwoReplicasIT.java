package io.contactsync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.LocalProcesses;
import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.Webhooks;
import io.contactsync.webhook.WebhookSignatures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two packaged app processes share one PostgreSQL database; webhooks go to either (as behind a load balancer), one
 * replica is killed with SIGKILL mid-stream and restarted. Every event is applied exactly once, one contact's events
 * in order, no HubSpot contact twice, the killed replica's shards are taken over within 30 s, the pollers run
 * on one replica at a time, and both together stay within one vendor budget.
 */
@ExtendWith(PostgresAvailable.class)
class TwoReplicasIT {

    private static final int CONTACTS = 1_000;
    private static final int EVENTS_PER_CONTACT = 4;
    private static final int SANDBOX_PORT = 18381;
    private static final int[] APP_PORTS = {18382, 18383};
    private static final String DATABASE = System.getenv().getOrDefault("CONTACTSYNC_TEST_DB", "contactsync")
            + "_replicas_it";
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
        work = Files.createTempDirectory("two-replicas");
        processes.sandbox(SANDBOX_PORT, work.resolve("sandbox"));
        List<String> emails = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String email = "replica-" + i + "@example.com";
            emails.add(email);
            contacts.add(JSON.readTree(post(SANDBOX_PORT, "/sandbox/respondio/_control/contacts",
                    "{\"firstName\":\"Replica" + i + "\",\"email\":\"" + email + "\"}").body()).toString());
        }
        start(0);
        start(1);

        int total = CONTACTS * EVENTS_PER_CONTACT;
        int sent = 0;
        for (int round = 0; round < EVENTS_PER_CONTACT; round++) {
            for (int i = 0; i < CONTACTS; i++) {
                String type = round == 0 ? "contact.created" : "contact.updated";
                deliver(Webhooks.respondioEvent(type, "replica-evt-" + i + "-" + round, contacts.get(i)), sent);
                sent++;
                if (sent == total / 3) {
                    replicas[0].destroyForcibly().waitFor();
                    long takeover = awaitShardsOwnedByOneReplica(System.currentTimeMillis());
                    System.out.printf("replica 0 killed after %d events; its shards taken over in %d ms%n", sent, takeover);
                    assertTrue(takeover <= 30_000, "shards taken over in " + takeover + " ms");
                }
                if (sent == total * 2 / 3) {
                    start(0);
                }
            }
        }
        awaitDrained();

        try (Connection db = database()) {
            assertEquals(0, count(db, "SELECT COUNT(*) FROM inbox_event WHERE status <> 'DONE'"), "all events done");
            assertEquals(total, count(db, "SELECT COUNT(*) FROM inbox_event"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM (SELECT inbox_id FROM sync_run GROUP BY inbox_id"
                    + " HAVING COUNT(*) > 1) twice"), "no event applied twice");
            assertEquals(total, count(db, "SELECT COUNT(DISTINCT inbox_id) FROM sync_run"), "every event applied");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM sync_run later JOIN sync_run earlier"
                    + " ON later.source_id = earlier.source_id AND later.id > earlier.id"
                    + " AND later.inbox_id < earlier.inbox_id"), "one contact's events applied in order");
        }
        Map<String, Integer> byEmail = new HashMap<>();
        for (Object c : JSON.readValue(get(SANDBOX_PORT, "/sandbox/hubspot/_control/contacts"), List.class)) {
            Map<?, ?> props = (Map<?, ?>) ((Map<?, ?>) c).get("properties");
            byEmail.merge(String.valueOf(props.get("email")), 1, Integer::sum);
        }
        for (String email : emails) {
            assertEquals(1, byEmail.getOrDefault(email, 0), email + " exists once in HubSpot");
        }
    }

    @Test
    void thePollersRunOnOneReplicaAndMoveWhenItDies() throws Exception {
        freshDatabase();
        work = Files.createTempDirectory("two-replicas-polling");
        processes.sandbox(SANDBOX_PORT, work.resolve("sandbox"));
        start(0, "-Dhubspot.polling.enabled=true", "-Dhubspot.polling.interval=500ms");
        start(1, "-Dhubspot.polling.enabled=true", "-Dhubspot.polling.interval=500ms");
        long before = hubspotSearches();
        Thread.sleep(10_000);
        long inTenSeconds = hubspotSearches() - before;
        assertTrue(inTenSeconds >= 10 && inTenSeconds <= 24, "one poller every 500 ms, not two: " + inTenSeconds);

        int leader = leaderIndex();
        replicas[leader].destroyForcibly().waitFor();
        long killedAt = System.currentTimeMillis();
        long searches = hubspotSearches();
        while (hubspotSearches() == searches) {
            assertTrue(System.currentTimeMillis() - killedAt < 30_000, "polling moved to the other replica in 30 s");
            Thread.sleep(200);
        }
    }

    @Test
    void twoReplicasTogetherStayWithinOneHubSpotBudget() throws Exception {
        freshDatabase();
        work = Files.createTempDirectory("two-replicas-budget");
        processes.sandbox(SANDBOX_PORT, work.resolve("sandbox"), "-Dsandbox.hubspot.max-per-10s=100");
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            contacts.add(JSON.readTree(post(SANDBOX_PORT, "/sandbox/respondio/_control/contacts",
                    "{\"firstName\":\"Budget" + i + "\",\"email\":\"budget-" + i + "@example.com\"}").body()).toString());
        }
        // one contact per HubSpot write, so that the replicas make enough calls to press on the budget
        start(0, "-Dhubspot.rate-limit.per-10s=100", "-Dhubspot.batch.size=1");
        start(1, "-Dhubspot.rate-limit.per-10s=100", "-Dhubspot.batch.size=1");
        for (int i = 0; i < contacts.size(); i++) {
            deliver(Webhooks.respondioEvent("contact.created", "budget-evt-" + i, contacts.get(i)), i);
        }
        awaitDrained();

        List<?> requests = JSON.readValue(get(SANDBOX_PORT, "/sandbox/hubspot/_control/requests"), List.class);
        long tooMany = requests.stream().filter(r -> ((Number) ((Map<?, ?>) r).get("status")).intValue() == 429).count();
        System.out.printf("two replicas, HubSpot 100 per 10 s: %d calls, %d answered 429%n", requests.size(), tooMany);
        assertTrue(requests.size() >= 150, "a write per contact: " + requests.size());
        assertTrue(tooMany * 100 < requests.size(), tooMany + " of " + requests.size() + " calls answered 429");
        assertEquals(150, JSON.readValue(get(SANDBOX_PORT, "/sandbox/hubspot/_control/contacts"), List.class).size());
    }

    private void start(int replica, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-Dquarkus.profile=sandbox,postgresql",
                "-Dquarkus.datasource.pg.jdbc.url=jdbc:postgresql://localhost:5432/" + DATABASE,
                "-Dhubspot.rate-limit.per-10s=1000000", "-Drespondio.requests-per-second=100000"));
        all.addAll(List.of(options));
        replicas[replica] = processes.app(APP_PORTS[replica], SANDBOX_PORT, work.resolve("replica-" + replica),
                all.toArray(String[]::new));
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

    private long awaitShardsOwnedByOneReplica(long killedAt) throws Exception {
        try (Connection db = database()) {
            while (count(db, "SELECT COUNT(DISTINCT owner) FROM lease WHERE name LIKE 'shard-%'") != 1
                    || count(db, "SELECT COUNT(*) FROM lease WHERE name LIKE 'shard-%' AND expires_at > now()")
                            != Shards.COUNT) {
                assertTrue(System.currentTimeMillis() - killedAt < 60_000, "no takeover within 60 s");
                Thread.sleep(200);
            }
        }
        return System.currentTimeMillis() - killedAt;
    }

    private int leaderIndex() throws Exception {
        String owner;
        try (Connection db = database(); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT owner FROM lease WHERE name = 'pollers'")) {
            assertTrue(rs.next(), "a replica holds the pollers lease");
            owner = rs.getString(1);
        }
        for (int i = 0; i < 2; i++) {
            Map<?, ?> replica = JSON.readValue(get(APP_PORTS[i], "/admin/replica"), Map.class);
            if (owner.equals(replica.get("replica"))) {
                return i;
            }
        }
        throw new AssertionError("the pollers lease is held by neither replica");
    }

    private long hubspotSearches() throws Exception {
        List<?> requests = JSON.readValue(get(SANDBOX_PORT, "/sandbox/hubspot/_control/requests"), List.class);
        return requests.stream().filter(r -> String.valueOf(((Map<?, ?>) r).get("path")).endsWith("/search")).count();
    }

    private void awaitDrained() throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        try (Connection db = database()) {
            while (count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'PENDING'") > 0) {
                assertTrue(System.currentTimeMillis() < deadline, "inbox did not drain within 5 minutes");
                Thread.sleep(500);
            }
        }
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
