package io.contactsync.support;

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
import java.util.List;

/**
 * Starts the packaged app ({@code target/quarkus-app}) and the sandbox ({@code sandbox/}, from the test classes) as
 * processes of their own, for the tests that kill, restart or misconfigure the real artifact. Stops them all on
 * {@link #close()}.
 */
public final class LocalProcesses implements AutoCloseable {

    private static final Path APP_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    /** The sandbox on {@code port}, sending no webhooks; returns once it answers. */
    public Process sandbox(int port, Path workDir, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Dsandbox.port=" + port,
                "-Dsandbox.webhooks.enabled=false"));
        command.addAll(List.of(options));
        String classpath = Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/sandbox.classpath")).trim();
        command.addAll(List.of("-cp", classpath, "io.contactsync.sandbox.SandboxServer"));
        Process process = launch(command, workDir, "sandbox.log");
        awaitAnswer(process, "http://localhost:" + port + "/sandbox/hubspot/_control/stats", workDir.resolve("sandbox.log"));
        return process;
    }

    /**
     * A real single-node Kafka broker (KRaft: broker and controller in one process) from the kafka_2.13 jars on the
     * test classpath, listening on 127.0.0.1:{@code port}, every replication factor 1; returns once it accepts
     * connections. Its data and log are in {@code workDir}.
     */
    public Process kafka(int port, int controllerPort, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path properties = workDir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + workDir.resolve("data").toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0") + "\n");
        String classpath = Files.readString(Path.of("target/sandbox.classpath")).trim();
        List<String> format = List.of(java(), "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp",
                classpath, "kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c", properties.toAbsolutePath().toString());
        Process formatting = new ProcessBuilder(format).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("format.log").toFile()).start();
        if (formatting.waitFor() != 0) {
            throw new AssertionError("kafka storage format failed: " + Files.readString(workDir.resolve("format.log")));
        }
        Process broker = launch(List.of(java(), "-Xmx512m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", classpath, "kafka.Kafka", properties.toAbsolutePath().toString()), workDir, "kafka.log");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && broker.isAlive()) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return broker;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Kafka broker did not listen on " + port + "; see " + workDir.resolve("kafka.log"));
    }

    /** The packaged app in the sandbox profile on {@code port}; returns once {@code /q/health/ready} answers 200. */
    public Process app(int port, int sandboxPort, Path dataDir, String... options) throws IOException, InterruptedException {
        Process process = launch(appCommand(port, sandboxPort, dataDir, options), dataDir, "app.log");
        awaitAnswer(process, "http://localhost:" + port + "/q/health/ready", dataDir.resolve("app.log"));
        return process;
    }

    /** The packaged app, left to start or fail on its own. */
    public Process appUnchecked(int port, int sandboxPort, Path dataDir, String... options) throws IOException {
        return launch(appCommand(port, sandboxPort, dataDir, options), dataDir, "app.log");
    }

    /** The packaged app with only what {@code options} set (no profile), left to start or fail on its own. */
    public Process productionApp(Path workDir, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(options);
        command.addAll(List.of("-jar", APP_JAR.toAbsolutePath().toString()));
        return launch(command, workDir, "app.log");
    }

    private static List<String> appCommand(int port, int sandboxPort, Path dataDir, String... options) {
        List<String> command = new ArrayList<>(List.of(java(), "-Dquarkus.profile=sandbox",
                "-Dquarkus.http.port=" + port, "-Dsandbox.port=" + sandboxPort,
                "-Dstore.data-dir=" + dataDir.toAbsolutePath(),
                "-Dsync.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "-Dsync.kamelets-dir=" + Path.of("kamelets").toAbsolutePath(),
                "-Dsync.mappings-dir=" + Path.of("mappings").toAbsolutePath()));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", APP_JAR.toAbsolutePath().toString()));
        return command;
    }

    private Process launch(List<String> command, Path workDir, String logName) throws IOException {
        Files.createDirectories(workDir);
        // appended: a process restarted in the same directory keeps the log of the one before
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(logName).toFile())).start();
        started.add(process);
        return process;
    }

    private void awaitAnswer(Process process, String url, Path log) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " did not answer 200; see " + log + ":\n" + Files.readString(log));
    }

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
        for (Process process : started) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
