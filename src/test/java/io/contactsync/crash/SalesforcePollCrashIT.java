package io.contactsync.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.LocalHttp;
import io.contactsync.support.LocalProcesses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged app is killed with SIGKILL in the middle of a Salesforce poll of 3,000 changed Leads (after the first
 * 2,000-record batch was stored, while the second is on its way) and restarted: the poll resumes at the watermark,
 * every Lead reaches HubSpot exactly once (one contact per email, no second write), and the inbox holds exactly one
 * event per Lead (the watermark neither skipped nor repeated one). Sandbox in a process of its own.
 */
class SalesforcePollCrashIT {

    private static final int LEADS = 3_000;
    private static final int SANDBOX_PORT = 18640;
    private static final int APP_PORT = 18641;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalHttp http = new LocalHttp();
    private final LocalProcesses processes = new LocalProcesses();

    @AfterEach
    void stopProcesses() {
        processes.close();
    }

    @Test
    void aPollKilledMidwayResumesAtItsWatermarkAndAppliesEveryRecordOnce() throws Exception {
        Path work = Files.createTempDirectory("salesforce-crash-test");
        processes.sandbox(SANDBOX_PORT, work.resolve("sandbox"));
        Process app = startApp(work, "3600");
        Thread.sleep(1100);
        for (int i = 0; i < LEADS; i++) {
            http.post(SANDBOX_PORT, "/sandbox/salesforce/_control/leads", "{\"LastName\":\"Crash" + i
                    + "\",\"Company\":\"Crash Ltd\",\"Email\":\"sf-crash-" + i + "@example.com\"}", null);
        }
        http.post(SANDBOX_PORT, "/sandbox/salesforce/_control/faults", "{\"status\":0,\"count\":1,"
                + "\"retryAfterSeconds\":0,\"delayMillis\":8000,\"pathContains\":\"/query/01g\"}", null);

        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
            try {
                http.post(APP_PORT, "/admin/salesforce/poll", "", "Bearer sandbox-admin-token");
            } catch (IOException | InterruptedException e) {
                // the app is killed while it answers
            }
        });
        long deadline = System.currentTimeMillis() + 30_000;
        while (inbox().getOrDefault("total", 0L) < 2_000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(inbox().get("total") >= 2_000 && inbox().get("total") < LEADS,
                "killed after the first batch, before the second: " + inbox());
        app.destroyForcibly().waitFor();
        poll.join();

        startApp(work, "1");
        awaitAllDone();

        List<Map<String, Object>> contacts = JSON.readValue(http.get(SANDBOX_PORT,
                "/sandbox/hubspot/_control/contacts", null), List.class);
        Map<String, Integer> byEmail = new HashMap<>();
        for (Map<String, Object> c : contacts) {
            byEmail.merge(String.valueOf(((Map<?, ?>) c.get("properties")).get("email")), 1, Integer::sum);
        }
        for (int i = 0; i < LEADS; i++) {
            assertEquals(1, byEmail.getOrDefault("sf-crash-" + i + "@example.com", 0), "lead " + i + " applied once");
        }
        Map<?, ?> stats = JSON.readValue(http.get(SANDBOX_PORT, "/sandbox/hubspot/_control/stats", null), Map.class);
        assertEquals(0, ((Number) ((Map<?, ?>) stats.get("byMethod")).get("PATCH")).intValue(),
                "no HubSpot contact written twice: " + stats);
        Map<String, Long> inbox = inbox();
        assertEquals(LEADS, inbox.get("DONE"), "one inbox event per Lead: " + inbox);
        assertEquals(0, inbox.get("DEAD"));
    }

    private void awaitAllDone() throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Long> inbox = inbox();
            if (inbox.getOrDefault("DONE", 0L) >= LEADS && inbox.getOrDefault("PENDING", 0L) == 0
                    && inbox.getOrDefault("inFlight", 0L) == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not every Lead was applied within 90 s: " + inbox());
    }

    /** The app's inbox counts by status, {@code inFlight}, and {@code total} (0s while it does not answer). */
    private Map<String, Long> inbox() {
        Map<String, Long> counts = new HashMap<>();
        try {
            Map<?, ?> body = JSON.readValue(http.get(APP_PORT, "/admin/inbox", "Bearer sandbox-admin-token"),
                    Map.class);
            long total = 0;
            for (Map.Entry<?, ?> e : body.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    counts.put(e.getKey().toString(), n.longValue());
                    if (!e.getKey().equals("inFlight")) {
                        total += n.longValue();
                    }
                }
            }
            counts.put("total", total);
        } catch (IOException | InterruptedException | RuntimeException e) {
            counts.put("total", 0L);
        }
        return counts;
    }

    private Process startApp(Path work, String pollSeconds) throws Exception {
        return processes.app(APP_PORT, SANDBOX_PORT, work.resolve("app"), "-Dsalesforce.enabled=true",
                "-Dsalesforce.polling.interval=" + pollSeconds, "-Dhubspot.rate-limit.per-10s=1000000");
    }
}
