package io.contactsync.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.Webhooks;
import io.contactsync.webhook.WebhookSignatures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * R5.3: the packaged app receives a stream of signed webhooks, is killed with SIGKILL mid-stream and restarted.
 * Senders retry what was not acknowledged, as the vendors do. Afterwards every accepted event is applied and no
 * contact exists twice. The vendor sandbox runs in a second process (same jar), so its state survives the kill.
 */
class CrashRecoveryIT {

    private static final int CONTACTS = 300;
    private static final int SANDBOX_PORT = 18181;
    private static final int APP_PORT = 18182;
    private static final String KEY = "sandbox-respondio-signing-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void everyAcceptedEventIsAppliedOnceAfterKillNine() throws Exception {
        Path work = Files.createTempDirectory("crash-test");
        start(SANDBOX_PORT, work.resolve("sandbox"), "-Dsandbox.enabled=true", "-Dsandbox.webhooks.enabled=false");
        List<String> events = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String email = "crash-" + i + "@example.com";
            emails.add(email);
            String created = post(SANDBOX_PORT, "/sandbox/respondio/_control/contacts",
                    "{\"firstName\":\"Crash" + i + "\",\"email\":\"" + email + "\"}", Map.of()).body();
            String contact = JSON.readTree(created).toString();
            events.add(Webhooks.respondioEvent("contact.created", "crash-evt-" + i, contact));
        }

        Process app = startApp(work.resolve("app"));
        int accepted = 0;
        boolean killed = false;
        for (int i = 0; i < events.size(); i++) {
            while (!deliver(events.get(i))) {
                Thread.sleep(100);
                if (!app.isAlive()) {
                    app = startApp(work.resolve("app"));
                }
            }
            accepted++;
            if (!killed && accepted == CONTACTS / 3) {
                app.destroyForcibly().waitFor();
                killed = true;
            }
        }
        for (int i = 0; i < 20; i++) {
            assertTrue(deliver(events.get(i)), "re-deliveries are acknowledged");
        }

        awaitDrained();
        List<Map<String, Object>> hubspot = JSON.readValue(
                get(SANDBOX_PORT, "/sandbox/hubspot/_control/contacts"), List.class);
        Map<String, Integer> byEmail = new HashMap<>();
        for (Map<String, Object> c : hubspot) {
            Map<?, ?> props = (Map<?, ?>) c.get("properties");
            byEmail.merge(String.valueOf(props.get("email")), 1, Integer::sum);
        }
        assertTrue(killed);
        for (String email : emails) {
            assertEquals(1, byEmail.getOrDefault(email, 0), email + " applied exactly once");
        }
        Map<?, ?> inbox = JSON.readValue(get(APP_PORT, "/admin/inbox"), Map.class);
        assertEquals(0, ((Number) inbox.get("DEAD")).intValue(), "no dead letters: " + inbox);
    }

    private boolean deliver(String body) {
        try {
            byte[] bytes = Webhooks.bytes(body);
            return post(APP_PORT, "/webhooks/respondio", body,
                    Map.of("X-Webhook-Signature", WebhookSignatures.respondio(KEY, bytes))).statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitDrained() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                Map<?, ?> inbox = JSON.readValue(get(APP_PORT, "/admin/inbox"), Map.class);
                if (((Number) inbox.get("PENDING")).intValue() == 0 && ((Number) inbox.get("inFlight")).intValue() == 0) {
                    return;
                }
            } catch (IOException e) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("inbox did not drain within 2 minutes");
    }

    private Process startApp(Path dataDir) throws Exception {
        String sandbox = "http://localhost:" + SANDBOX_PORT + "/sandbox";
        return start(APP_PORT, dataDir, "-Dsandbox.enabled=false", "-Dhubspot.base-url=" + sandbox + "/hubspot",
                "-Drespondio.base-url=" + sandbox + "/respondio/v2", "-Dhubspot.rate-limit.per-10s=1000000",
                "-Drespondio.requests-per-second=100000");
    }

    private Process start(int port, Path dataDir, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Dquarkus.profile=sandbox",
                "-Dquarkus.http.port=" + port, "-Dstore.data-dir=" + dataDir.toAbsolutePath(),
                "-Dsync.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "-Dsync.kamelets-dir=" + Path.of("kamelets").toAbsolutePath(),
                "-Dsync.mappings-dir=" + Path.of("mappings").toAbsolutePath()));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Files.createDirectories(dataDir);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app.log").toFile()).start();
        processes.add(p);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("app on port " + port + " did not become ready; see " + dataDir.resolve("app.log"));
    }

    private HttpResponse<String> post(int port, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer sandbox-admin-token").build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
