package io.contactsync.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/**
 * Every console page answers within 200 ms with 100,000 runs in the history (and as many inbox events, 300 of them
 * dead letters): the runs are written straight to the database of an app of its own (a fresh H2 file), then each
 * page is fetched 20 times after a warm-up; the median and the slowest are printed, the median is asserted. The
 * machine's 2 cores are shared with other builds, whose bursts can slow every request of a round several times
 * over: a page whose round misses the budget is measured again, up to 3 rounds, and the best round counts.
 */
@QuarkusTest
@TestProfile(ConsolePageTimeTest.FreshDatabase.class)
class ConsolePageTimeTest {

    static final int RUNS = 100_000;
    static final int DEAD_LETTERS = 300;
    static final long BUDGET_MILLIS = 200;
    private static final int TIMED = 20;
    private static final int ROUNDS = 3;
    private static final String[] SCENARIOS = {"respondio-to-hubspot", "hubspot-to-respondio",
            "hubspot-to-brevo/newsletter"};
    private static final String[] DECISIONS = {"created", "updated", "no-change", "skipped", "skipped", "failed"};

    /** An app of its own, on an empty H2 file: the 100,000 runs stay out of the other tests' database. */
    public static class FreshDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("store.data-dir", "./target/h2-console-page-time-" + UUID.randomUUID());
        }
    }

    @Inject
    Database database;

    @Test
    void everyPageAnswersWithin200msWith100000RunsInTheHistory() {
        long inserting = System.nanoTime();
        insertHistory();
        System.out.printf("console page time: %,d runs and inbox events written in %d ms%n", RUNS,
                (System.nanoTime() - inserting) / 1_000_000);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/console");
        pages.put("contacts, latest runs", "/console/contacts");
        pages.put("contact by email (200 runs)", "/console/contacts?q=" + email(7));
        pages.put("contact by email, older page", "/console/contacts?q=" + email(7) + "&before=" + (RUNS / 2));
        pages.put("contact by vendor id", "/console/contacts?q=" + vendorId(7));
        pages.put("dead letters", "/console/dead-letters");
        pages.put("dead letters, filtered", "/console/dead-letters?scenario=respondio-to-hubspot&error=503");
        pages.put("integrations", "/console/integrations");
        pages.put("routes and mappings", "/console/routes");

        List<String> slow = new ArrayList<>();
        System.out.printf("console page time with %,d runs (median and slowest of %d):%n", RUNS, TIMED);
        pages.forEach((name, path) -> {
            for (int i = 0; i < 3; i++) {
                fetch(path);
            }
            long median = Long.MAX_VALUE;
            for (int round = 1; round <= ROUNDS && median >= BUDGET_MILLIS; round++) {
                long[] millis = round(path);
                median = millis[TIMED / 2];
                System.out.printf("  %-32s %4d ms median, %4d ms slowest  %s%s%n", name, median, millis[TIMED - 1],
                        path, round > 1 ? " (round " + round + ")" : "");
            }
            if (median >= BUDGET_MILLIS) {
                slow.add(name + ": " + median + " ms");
            }
        });
        assertTrue(slow.isEmpty(), "pages over " + BUDGET_MILLIS + " ms: " + slow);
    }

    /** The times of {@link #TIMED} fetches, sorted. */
    private static long[] round(String path) {
        long[] millis = new long[TIMED];
        for (int i = 0; i < TIMED; i++) {
            millis[i] = fetch(path);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static long fetch(String path) {
        long started = System.nanoTime();
        given().header("Authorization", "Bearer test-admin-token").get(path).then().statusCode(200);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * 100,000 runs of 500 contacts over the last 28 hours (one run a second, so about 3,600 in the last hour), each
     * with its inbox event; the first 300 events are dead letters.
     */
    private void insertHistory() {
        Instant now = Instant.now();
        Jdbc.inTransaction(database, c -> {
            try (PreparedStatement inbox = c.prepareStatement("INSERT INTO inbox_event (id, source, event_id,"
                    + " event_type, contact_key, payload, status, attempts, last_error, received_at, updated_at)"
                    + " VALUES (?, 'respondio', ?, 'contact.updated', ?, '{}', ?, 1, ?, ?, ?)");
                    PreparedStatement run = c.prepareStatement("INSERT INTO sync_run (inbox_id, scenario,"
                            + " trigger_type, event_id, contact_email, source_id, decision, reason, target_id,"
                            + " vendor_calls, duration_ms, started_at) VALUES (?, ?, 'respondio:contact.updated', ?,"
                            + " ?, ?, ?, ?, ?, 3, 120, ?)")) {
                for (int i = 1; i <= RUNS; i++) {
                    Timestamp at = Timestamp.from(now.minusSeconds(RUNS - i));
                    int contact = i % 500;
                    boolean dead = i <= DEAD_LETTERS;
                    inbox.setLong(1, i);
                    inbox.setString(2, "evt-" + i);
                    inbox.setString(3, "respondio:" + vendorId(contact));
                    inbox.setString(4, dead ? "DEAD" : "DONE");
                    inbox.setString(5, dead ? "respondio-to-hubspot: hubspot create failed after 5 attempts:"
                            + " IOException: HTTP 503" : null);
                    inbox.setTimestamp(6, at);
                    inbox.setTimestamp(7, at);
                    inbox.addBatch();
                    String decision = dead ? "failed" : DECISIONS[i % DECISIONS.length];
                    run.setLong(1, i);
                    run.setString(2, SCENARIOS[i % SCENARIOS.length]);
                    run.setString(3, "evt-" + i);
                    run.setString(4, email(contact));
                    run.setString(5, vendorId(contact));
                    run.setString(6, decision);
                    run.setString(7, "firstname, phone differed");
                    run.setString(8, "9" + vendorId(contact));
                    run.setTimestamp(9, at);
                    run.addBatch();
                    if (i % 5_000 == 0) {
                        inbox.executeBatch();
                        run.executeBatch();
                    }
                }
            }
            return null;
        });
    }

    private static String email(int contact) {
        return "contact" + contact + "@example.com";
    }

    private static String vendorId(int contact) {
        return Long.toString(70_000_000L + contact);
    }
}
