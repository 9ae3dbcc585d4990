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
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.contactsync.support.LocalHttp;
import io.contactsync.support.LocalProcesses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Accepted work is never lost: in the middle of a Salesforce import of 3,000 Leads, while a chunk's HubSpot batch
 * upsert is written but not yet answered, the packaged app is stopped (SIGTERM) and restarted, and later killed
 * (SIGKILL) and restarted. Each time the job is taken up again after its checkpoint; it finishes with every Lead in
 * HubSpot exactly once and a report that counts each Lead once (the chunks in progress at the stops are redone and
 * find their contacts, they do not create them again), and it never started over (one HubSpot batch read per chunk,
 * plus the chunks redone). Sandbox in a process of its own.
 */
class SalesforceJobResumeIT {

    private static final int LEADS = 3_000;
    private static final int CHUNK = 100;
    private static final int SANDBOX_PORT = 18586;
    private static final int APP_PORT = 18587;
    private static final String ADMIN = "Bearer sandbox-admin-token";
    private static final String READ = "POST /crm/v3/objects/contacts/batch/read";
    private static final String UPSERT = "POST /crm/v3/objects/contacts/batch/upsert";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalHttp http = new LocalHttp();
    private final LocalProcesses processes = new LocalProcesses();

    @AfterEach
    void stopProcesses() {
        processes.close();
    }

    @Test
    void anImportStoppedAndKilledMidwayGoesOnAfterItsCheckpointAndImportsEveryLeadOnce() throws Exception {
        Path work = Files.createTempDirectory("salesforce-job-resume-test");
        processes.sandbox(SANDBOX_PORT, work.resolve("sandbox"));
        CompletableFuture<Void> leads = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < LEADS; i++) {
                try {
                    http.post(SANDBOX_PORT, "/sandbox/salesforce/_control/leads", "{\"LastName\":\"Resume" + i
                            + "\",\"Company\":\"Resume Ltd\",\"Email\":\"sf-resume-" + i + "@example.com\"}", null);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("lead " + i + " not created", e);
                }
            }
        });
        Process app = startApp(work);
        leads.join();
        String id = JSON.readTree(http.post(APP_PORT, "/admin/salesforce/import", "{\"objects\":[\"Lead\"]}", ADMIN)
                .body()).get("id").asText();

        app = interruptMidChunk(app, id, 1, Process::destroy, work);
        interruptMidChunk(app, id, 2, Process::destroyForcibly, work);
        JsonNode report = awaitEnded(id);
        String counts = ((ObjectNode) report.deepCopy()).without(List.of("skipped", "failed")).toString();

        assertEquals("done", report.path("state").asText(), counts);
        assertEquals(LEADS, report.path("total").asInt(), counts);
        assertEquals(LEADS, report.path("processed").asInt(), counts);
        assertEquals(LEADS - 2 * CHUNK, report.path("created").asInt(), "the chunks redone create nothing: " + counts);
        assertEquals(2 * CHUNK, report.path("updated").asInt() + report.path("unchanged").asInt(), counts);
        assertEquals(0, report.path("skippedCount").asInt(), counts);
        assertEquals(0, report.path("failedCount").asInt(), counts);
        Map<String, Integer> byEmail = new HashMap<>();
        for (Map<String, Object> contact : hubspotContacts()) {
            byEmail.merge(String.valueOf(((Map<?, ?>) contact.get("properties")).get("email")), 1, Integer::sum);
        }
        assertEquals(LEADS, byEmail.size(), "no other contact");
        for (int i = 0; i < LEADS; i++) {
            assertEquals(1, byEmail.getOrDefault("sf-resume-" + i + "@example.com", 0), "lead " + i + " imported once");
        }
        Map<?, ?> calls = (Map<?, ?>) JSON.readValue(http.get(SANDBOX_PORT, "/sandbox/hubspot/_control/stats", null),
                Map.class).get("byEndpoint");
        assertEquals(LEADS / CHUNK + 2, ((Number) calls.get(READ)).intValue(),
                "one batch read per chunk and the two chunks redone, not a second import: " + calls);
        assertTrue(((Number) calls.get(UPSERT)).intValue() <= LEADS / CHUNK + 2, calls.toString());
    }

    /**
     * Once the job has processed {@code thirds} thirds of the Leads, holds the next chunk's HubSpot upsert back (the
     * sandbox writes it at once and answers after 30 s), stops the app with {@code stop} while the job waits on it
     * (its chunk in HubSpot and not recorded), and starts the app again.
     */
    private Process interruptMidChunk(Process app, String id, int thirds, Consumer<Process> stop, Path work)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (job(id).path("processed").asLong() < LEADS * thirds / 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        http.post(SANDBOX_PORT, "/sandbox/hubspot/_control/faults", "{\"status\":0,\"count\":1,\"retryAfterSeconds\":0,"
                + "\"delayMillis\":30000,\"pathContains\":\"/batch/upsert\"}", null);
        while (System.currentTimeMillis() < deadline + 20_000) {
            Map<?, ?> stats = JSON.readValue(http.get(SANDBOX_PORT, "/sandbox/hubspot/_control/stats", null),
                    Map.class);
            long processed = job(id).path("processed").asLong();
            if (((Number) stats.get("faultsServed")).intValue() == thirds
                    && hubspotContacts().size() == processed + CHUNK) {
                assertTrue(processed >= LEADS * thirds / 3 && processed < LEADS, "stopped midway: " + processed);
                stop.accept(app);
                app.waitFor();
                return startApp(work);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not reach the held upsert: " + job(id));
    }

    private JsonNode awaitEnded(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode report = job(id);
            if (report.path("state").asText().matches("done|failed")) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not end within 40 s of the restart: " + job(id));
    }

    private JsonNode job(String id) throws Exception {
        return JSON.readTree(http.get(APP_PORT, "/admin/salesforce/jobs/" + id, ADMIN));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> hubspotContacts() throws Exception {
        return JSON.readValue(http.get(SANDBOX_PORT, "/sandbox/hubspot/_control/contacts", null), List.class);
    }

    private Process startApp(Path work) throws Exception {
        return processes.app(APP_PORT, SANDBOX_PORT, work.resolve("app"), "-Dsalesforce.enabled=true",
                "-Dsalesforce.polling.interval=3600", "-Dhubspot.rate-limit.per-10s=1000000");
    }
}
