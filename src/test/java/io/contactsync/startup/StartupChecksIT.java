package io.contactsync.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.contactsync.support.LocalProcesses;

/**
 * The packaged production app, configured as an operator would (no profile, only the vendor credentials): it starts
 * without optional keys, loads routes from a linked folder, never serves a sandbox endpoint, and refuses to start
 * (or reports not ready) with a message naming the key and the path when its routes or mappings cannot work.
 */
class StartupChecksIT {

    private static final int PORT = 18290;
    private static final Path ROUTES = Path.of("routes").toAbsolutePath();
    private static final Path MAPPINGS = Path.of("mappings").toAbsolutePath();
    private static final Path KAMELETS = Path.of("kamelets").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalProcesses processes = new LocalProcesses();
    private Path work;

    @BeforeEach
    void workFolder() throws IOException {
        work = Files.createTempDirectory("startup-checks");
    }

    @AfterEach
    void stop() {
        processes.close();
    }

    @Test
    void startsWithOnlyTheVendorCredentialsAndServesNoSandboxWhateverItsConfiguration() throws Exception {
        Process app = start(ROUTES, MAPPINGS, "-Dsandbox.enabled=true", "-Dquarkus.profile=prod");
        awaitReady(app);
        assertEquals(404, get("/sandbox/hubspot/_control/stats").statusCode());
        assertEquals(404, get("/sandbox/respondio/v2/contact/email:ada@example.com").statusCode());
        assertEquals(401, postJson("/webhooks/respondio").statusCode(), "the webhook route is loaded");
    }

    @Test
    void aRoutesFolderGivenAsASymbolicLinkIsLoadedLikeAPlainOne() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("routes-link"), ROUTES);
        awaitReady(start(link, MAPPINGS));
        assertEquals(401, postJson("/webhooks/respondio").statusCode(), "the webhook route is loaded");
    }

    @Test
    void aKubernetesConfigMapFolderIsLoaded() throws Exception {
        Path mounted = Files.createDirectories(work.resolve("configmap"));
        Path version = Files.createDirectories(mounted.resolve("..2026_12_01_10_00_00.1"));
        Files.createSymbolicLink(mounted.resolve("..data"), version.getFileName());
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path route : files.toList()) {
                Files.copy(route, version.resolve(route.getFileName()));
                Files.createSymbolicLink(mounted.resolve(route.getFileName()), Path.of("..data").resolve(route.getFileName()));
            }
        }
        awaitReady(start(mounted, MAPPINGS));
        assertEquals(401, postJson("/webhooks/hubspot").statusCode(), "the webhook route is loaded");
    }

    @Test
    void aMissingRoutesFolderIsRefusedByName() throws Exception {
        Path missing = work.resolve("no-routes-here");
        assertRefused(start(missing, MAPPINGS), "sync.routes-dir=" + missing + ": no such folder");
    }

    @Test
    void anEmptyRoutesFolderIsRefusedByName() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        assertRefused(start(empty, MAPPINGS), "sync.routes-dir=" + empty + ": no *.camel.yaml route file in it");
    }

    @Test
    void aRoutesFolderWithoutAScenarioRouteIsRefusedNamingTheRoute() throws Exception {
        Path partial = copyOf(ROUTES, "partial-routes");
        Files.delete(partial.resolve("hubspot-to-respondio.camel.yaml"));
        assertRefused(start(partial, MAPPINGS),
                "sync.routes-dir=" + partial + ": route 'hubspot-to-respondio' is missing");
    }

    @Test
    void aMissingOrBrokenMappingFileIsRefusedByName() throws Exception {
        Path broken = copyOf(MAPPINGS, "broken-mappings");
        Files.writeString(broken.resolve("hubspot-to-respondio.jsonata"), "{ \"firstName\": $substring(");
        Files.delete(broken.resolve("respondio-to-hubspot.jsonata"));
        Process app = start(ROUTES, broken);
        assertRefused(app, "sync.mappings-dir=" + broken + ": hubspot-to-respondio.jsonata is not valid JSONata");
        assertTrue(log().contains("sync.mappings-dir=" + broken + ": respondio-to-hubspot.jsonata is missing"), log());
    }

    @Test
    void aMappingFileBrokenAfterStartUpMakesTheAppNotReady() throws Exception {
        Path mappings = copyOf(MAPPINGS, "live-mappings");
        awaitReady(start(ROUTES, mappings));
        Files.writeString(mappings.resolve("hubspot-to-brevo.jsonata"), "{ \"email\": ");
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.body().contains("sync.mappings-dir=" + mappings + ": hubspot-to-brevo.jsonata is not valid JSONata"),
                ready.body());
    }

    @Test
    void theProductionArtifactHoldsNoSandboxClass() throws IOException {
        List<String> sandboxEntries = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(Path.of("target/quarkus-app"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().map(ZipEntry::getName)
                            .filter(name -> name.endsWith(".class") && name.contains("contactsync/sandbox/")
                                    || name.contains("contactsync.sandbox"))
                            .forEach(name -> sandboxEntries.add(jar + "!" + name));
                }
            }
        }
        assertTrue(sandboxEntries.isEmpty(), "sandbox classes in the production artifact: " + sandboxEntries);
    }

    private Process start(Path routes, Path mappings, String... extra) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dquarkus.http.port=" + PORT,
                "-Dstore.data-dir=" + work.resolve("data"), "-Dsync.routes-dir=" + routes,
                "-Dsync.mappings-dir=" + mappings, "-Dsync.kamelets-dir=" + KAMELETS, "-Dhubspot.access-token=operator-hubspot-token",
                "-Dhubspot.client-secret=operator-client-secret", "-Drespondio.api-token=operator-respondio-token",
                "-Drespondio.webhook-signing-key=operator-signing-key", "-Dbrevo.api-key=operator-brevo-key"));
        options.addAll(List.of(extra));
        return processes.productionApp(work, options);
    }

    private void awaitReady(Process app) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && app.isAlive()) {
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app did not become ready:\n" + log());
    }

    private void assertRefused(Process app, String message) throws Exception {
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the app should have stopped");
        assertFalse(app.exitValue() == 0, "exit status");
        assertTrue(log().contains(message), "expected '" + message + "' in the log:\n" + log());
    }

    private String log() {
        try {
            return Files.readString(work.resolve("app.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path copyOf(Path folder, String name) throws IOException {
        Path copy = Files.createTempDirectory(name);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
