import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One configuration of bench/replicas.sh: the replicas (their base URLs and pids) are running on PostgreSQL, with the
 * database inbox or Kafka as the event log, against the sandbox. Measures durable intake (webhooks spread over the
 * replicas, closed loop) and end-to-end syncs respond.io -> HubSpot, with the CPU the replicas, PostgreSQL and the
 * broker spent per event, and prints one RESULT line for the script's table.
 *
 *   java bench/ReplicasBench.java --mode kafka --base-urls http://localhost:18500,http://localhost:18501 \
 *       --pids 123,124 --sandbox-url http://localhost:18510 [--broker-pid 125] [--intake 5000] [--e2e 1000]
 *       [--concurrency 32]
 */
public class ReplicasBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String KEY = "sandbox-respondio-signing-key";
    static final String ADMIN = "Bearer sandbox-admin-token";
    static final double TICKS = 100.0;
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static String mode;
    static List<String> apps;
    static List<String> pids;
    static String sandbox;
    static String brokerPid;

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i].substring(2), argv[i + 1]);
        }
        mode = a.get("mode");
        apps = List.of(a.get("base-urls").split(","));
        pids = List.of(a.get("pids").split(","));
        sandbox = a.get("sandbox-url");
        brokerPid = a.get("broker-pid");
        int intake = Integer.parseInt(a.getOrDefault("intake", "5000"));
        int e2e = Integer.parseInt(a.getOrDefault("e2e", "1000"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "32"));

        System.out.printf("== %s, %d replica(s): intake %d events, end-to-end %d syncs, %d senders%n", mode,
                apps.size(), intake, e2e, concurrency);
        post(sandbox + "/sandbox/hubspot/_control/reset", "");
        post(sandbox + "/sandbox/respondio/_control/reset", "");

        // warm-up: the JIT sees the paths before the clock runs
        send(webhooks(concurrency * 20, i -> respondioEvent("contact.updated", "warm-" + RUN + "-" + i, missingContact(i))),
                concurrency);
        awaitDrained(0);

        Cpu before = Cpu.now();
        long t0 = System.nanoTime();
        send(webhooks(intake, i -> respondioEvent("contact.updated", "in-" + RUN + "-" + i, missingContact(i))),
                concurrency);
        double intakeSeconds = (System.nanoTime() - t0) / 1e9;
        Cpu intakeCpu = Cpu.now().minus(before);
        awaitDrained(0);

        String[] contacts = new String[e2e];
        parallel(e2e, 16, i -> contacts[i] = post(sandbox + "/sandbox/respondio/_control/contacts",
                "{\"firstName\":\"Bench" + i + "\",\"lastName\":\"Replica\",\"email\":\"" + email(i) + "\"}"));
        long doneBefore = doneOrDead();
        before = Cpu.now();
        t0 = System.nanoTime();
        send(webhooks(e2e, i -> respondioEvent("contact.created", "e2e-" + RUN + "-" + i, contacts[i])), concurrency);
        awaitDrained(doneBefore + e2e);
        double e2eSeconds = (System.nanoTime() - t0) / 1e9;
        Cpu e2eCpu = Cpu.now().minus(before);

        String hubspot = get(sandbox + "/sandbox/hubspot/_control/contacts");
        Map<String, Integer> byEmail = new HashMap<>();
        Matcher m = Pattern.compile("\"email\"\\s*:\\s*\"(bench-[^\"]+)\"").matcher(hubspot);
        while (m.find()) {
            byEmail.merge(m.group(1), 1, Integer::sum);
        }
        long once = Stream.iterate(0, i -> i + 1).limit(e2e).filter(i -> byEmail.getOrDefault(email(i), 0) == 1).count();
        boolean ok = once == e2e && byEmail.size() == e2e;

        System.out.printf(Locale.ROOT, "  intake: %.0f events/s; CPU %s%n", intake / intakeSeconds, intakeCpu.perEvent(intake));
        System.out.printf(Locale.ROOT, "  end-to-end: %.0f syncs/s; CPU %s%n", e2e / e2eSeconds, e2eCpu.perEvent(e2e));
        System.out.printf("  HubSpot: %d of %d contacts created exactly once (%s)%n", once, e2e, ok ? "ok" : "FAIL");
        System.out.printf(Locale.ROOT, "RESULT|%s|%d|%.0f|%.3f|%.3f|%.3f|%.0f|%.3f|%.3f|%.3f|%s%n", mode, apps.size(),
                intake / intakeSeconds, intakeCpu.appMs(intake), intakeCpu.pgMs(intake), intakeCpu.brokerMs(intake),
                e2e / e2eSeconds, e2eCpu.appMs(e2e), e2eCpu.pgMs(e2e), e2eCpu.brokerMs(e2e), ok ? "ok" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    static String email(int i) {
        return "bench-" + RUN + "-" + i + "@example.com";
    }

    /** A contact respond.io does not have: its run costs one GET (404) and is skipped, so intake is what is timed. */
    static String missingContact(int i) {
        return "{\"id\":" + (900_000_000L + i) + ",\"firstName\":\"Intake\",\"email\":\"intake-" + i + "@example.com\"}";
    }

    static String respondioEvent(String type, String eventId, String contact) {
        return "{\"event_type\":\"" + type + "\",\"event_id\":\"" + eventId + "\",\"contact\":" + contact + "}";
    }

    interface Body {
        String of(int i);
    }

    /** Signed webhooks, spread round-robin over the replicas (a load balancer). */
    static HttpRequest[] webhooks(int n, Body body) throws Exception {
        HttpRequest[] requests = new HttpRequest[n];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (int i = 0; i < n; i++) {
            byte[] bytes = body.of(i).getBytes(StandardCharsets.UTF_8);
            requests[i] = HttpRequest.newBuilder(URI.create(apps.get(i % apps.size()) + "/webhooks/respondio"))
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Signature", Base64.getEncoder().encodeToString(mac.doFinal(bytes)))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        }
        return requests;
    }

    static void send(HttpRequest[] requests, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests.length; i = next.getAndIncrement()) {
                    if (HTTP.send(requests[i], HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " webhooks were not answered 202");
        }
    }

    /** No event pending or in flight on any replica, the log consumed, and at least {@code doneOrDead} finished. */
    static void awaitDrained(long doneOrDead) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            boolean idle = true;
            for (String app : apps) {
                String inbox = get(app + "/admin/inbox");
                idle &= number(inbox, "PENDING") == 0 && number(inbox, "inFlight") == 0
                        && (!inbox.contains("logLag") || number(inbox, "logLag") == 0);
            }
            if (idle && doneOrDead() >= doneOrDead) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the replicas did not drain within 10 minutes");
    }

    static long doneOrDead() throws Exception {
        String inbox = get(apps.get(0) + "/admin/inbox");
        return number(inbox, "DONE") + number(inbox, "DEAD");
    }

    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static void parallel(int n, int threads, java.util.function.IntConsumer task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
    }

    static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", ADMIN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(String url, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CPU seconds of the replicas, of every PostgreSQL process, of the broker, and of the whole machine. */
    record Cpu(double app, double pg, double broker, double machine, double wall) {

        static Cpu now() {
            double app = 0;
            for (String pid : pids) {
                app += process(pid);
            }
            return new Cpu(app, postgres(), brokerPid == null ? 0 : process(brokerPid), machineBusy(),
                    System.nanoTime() / 1e9);
        }

        Cpu minus(Cpu before) {
            return new Cpu(app - before.app, pg - before.pg, broker - before.broker, machine - before.machine,
                    wall - before.wall);
        }

        double appMs(int events) {
            return app * 1000 / events;
        }

        double pgMs(int events) {
            return pg * 1000 / events;
        }

        double brokerMs(int events) {
            return broker * 1000 / events;
        }

        String perEvent(int events) {
            return String.format(Locale.ROOT, "per event: replicas %.2f ms, PostgreSQL %.2f ms, broker %.2f ms"
                    + " (%.1f s wall, machine busy %.1f of %d CPU-s)", appMs(events), pgMs(events), brokerMs(events),
                    wall, machine, (int) Math.round(wall * Runtime.getRuntime().availableProcessors()));
        }

        static double process(String pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** Every postgres process (the server and its backends: the replicas' pooled connections stay open). */
        static double postgres() {
            double total = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        if (stat.contains("(postgres)")) {
                            total += process(p.getFileName().toString());
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return total;
        }

        static double machineBusy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                return (total - Long.parseLong(f[4]) - Long.parseLong(f[5])) / TICKS;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
