import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * contact-sync benchmark: load generator and figures, against a running app in the sandbox profile.
 * JDK 17, no dependencies. Run through bench/run.sh (which builds, starts and stops the app), or directly:
 *
 * <pre>java bench/Bench.java --base-url http://localhost:8080 [--pid N] [--intake 20000] [--concurrency 64] ...</pre>
 *
 * See bench/README.md for what is measured and how to read it.
 */
public class Bench {

    // Sandbox-profile secrets (src/main/resources/application.properties, %sandbox)
    static final String RESPONDIO_SIGNING_KEY = "sandbox-respondio-signing-key";
    static final String HUBSPOT_CLIENT_SECRET = "sandbox-hubspot-client-secret";
    static final String ADMIN_TOKEN = "sandbox-admin-token";

    // Targets the product aims at
    static final double TARGET_INTAKE_PER_S = 5000;
    static final double TARGET_E2E_PER_S = 1000;
    /** Issue 10, under published limits: respond.io -> HubSpot syncs/s and calls per contact; HubSpot -> respond.io. */
    static final double TARGET_LIMITED_R2H_PER_S = 500;
    static final double TARGET_LIMITED_R2H_HUBSPOT_CALLS = 0.03;
    static final double TARGET_LIMITED_R2H_RESPONDIO_CALLS = 0.05;
    static final double TARGET_LIMITED_H2R_PER_S = 4.5;
    /** The published limits the simulators enforce in that phase, in calls per second. */
    static final double HUBSPOT_CALLS_PER_S = 19, RESPONDIO_CALLS_PER_S = 5;
    static final double TARGET_CALLS_ALL = 3;
    static final double TARGET_CALLS_TARGET = 2;

    static String base;
    /** The vendor sandbox (sandbox/), a process of its own. */
    static String sandbox;
    static HttpClient http;
    static long pid;
    static long timeoutMs;
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /** In the contacts' emails and the events' ids: the run, and whether these are the warm-up's. */
    static String runTag = RUN;
    /** --published-limits: only the two sync directions, against simulators that enforce the vendors' windows. */
    static boolean publishedLimits;

    static final List<String[]> table = new ArrayList<>();
    static final List<String> failures = new ArrayList<>();

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = args(argv);
        if (a.containsKey("write-intake-file")) {
            writeIntakeFile(Path.of(a.get("write-intake-file")), Integer.parseInt(a.getOrDefault("count", "100000")));
            return;
        }
        base = stripSlash(a.getOrDefault("base-url", "http://localhost:8080"));
        sandbox = stripSlash(a.getOrDefault("sandbox-url", base));
        pid = Long.parseLong(a.getOrDefault("pid", "0"));
        int intake = Integer.parseInt(a.getOrDefault("intake", "20000"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "1000"));
        int warmupSyncs = Integer.parseInt(a.getOrDefault("warmup-syncs", "12000"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "64"));
        int e2e = Integer.parseInt(a.getOrDefault("e2e", "5000"));
        int h2r = Integer.parseInt(a.getOrDefault("h2r", "2000"));
        publishedLimits = a.containsKey("published-limits");
        timeoutMs = Long.parseLong(a.getOrDefault("timeout-s", "600")) * 1000;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        System.out.printf(Locale.ROOT, "contact-sync benchmark  run=%s  base=%s  pid=%s  cpus=%d  java=%s%n", RUN, base,
                pid == 0 ? "?" : pid, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("load average at start: " + loadAverage());
        System.out.printf(Locale.ROOT, "intake=%d (+%d warm-up)  concurrency=%d  e2e=%d  h2r=%d%n%n", intake, warmup,
                concurrency, e2e, h2r);

        section("1. Start-up");
        if (a.containsKey("startup-ms")) {
            row("start-up: launch -> /q/health/ready 200", a.get("startup-ms") + " ms", "", "");
        }
        if (a.containsKey("rss-start-kb")) {
            row("RSS after start-up", mb(Long.parseLong(a.get("rss-start-kb"))), "", "");
        }

        expectStatus(post("/sandbox/hubspot/_control/reset", ""), 204, "reset HubSpot sandbox");
        expectStatus(post("/sandbox/respondio/_control/reset", ""), 204, "reset respond.io sandbox");
        expectStatus(delete("/sandbox/hubspot/_control/faults"), 204, "clear HubSpot faults");
        expectStatus(delete("/sandbox/respondio/_control/faults"), 204, "clear respond.io faults");
        Map<String, Object> inbox0 = inbox();
        if (num(inbox0, "PENDING") + num(inbox0, "inFlight") != 0) {
            throw new IllegalStateException("the inbox is not idle before the benchmark: " + inbox0);
        }

        if (publishedLimits) {
            System.out.println("Under published limits: the simulators enforce HubSpot Professional 190 per 10 s,"
                    + " respond.io 5 per second and Brevo 10 per second; the app runs with its production budgets.");
            System.out.println("Ceilings: each direction is bound by HubSpot's 19 calls/s and respond.io's 5 calls/s, each over"
                    + " its calls per contact; the lower of the two is printed per direction.");
            warmUpSyncs(warmupSyncs, concurrency, false);
            endToEnd(e2e, concurrency);
        } else {
            warmUpSyncs(warmupSyncs, concurrency, true);
            intake(intake, warmup, concurrency);
            List<Contact> synced = endToEnd(e2e, concurrency);
            if (!synced.isEmpty()) {
                noChange(synced, concurrency);
            }
        }
        if (h2r > 0) {
            hubspotToRespondio(h2r, concurrency);
        }

        section("Totals");
        Map<String, Object> inboxEnd = inbox();
        row("load average at the end", loadAverage(), "", "");
        row("inbox at the end", "PENDING " + num(inboxEnd, "PENDING") + ", DONE " + num(inboxEnd, "DONE") + ", DEAD "
                + num(inboxEnd, "DEAD"), "DEAD 0", check(num(inboxEnd, "DEAD") == 0, "dead letters: " + num(inboxEnd, "DEAD")));
        if (pid > 0) {
            Map<String, Long> mem = procStatus(pid);
            row("RSS at the end", mb(mem.getOrDefault("VmRSS", 0L)), "", "");
            row("RSS peak (VmHWM)", mb(mem.getOrDefault("VmHWM", 0L)), "", "");
        }

        printTable();
        if (!failures.isEmpty()) {
            System.out.println("\nINVARIANTS FAILED:");
            failures.forEach(f -> System.out.println("  - " + f));
            System.exit(1);
        }
        System.out.println("\nAll invariants hold (0 non-202 answers, no missing/duplicate contacts, no dead letters).");
    }

    /**
     * Syncs before anything is timed, out of the figures (but their invariants are checked): the app is a long-running
     * server, and a cold JVM spends a core compiling during its first thousands of syncs. Both ways; under published
     * limits only respond.io -> HubSpot (the other way is bound to respond.io's 5 calls/s), then HubSpot's rolling
     * 10 s window is let pass.
     */
    static void warmUpSyncs(int n, int concurrency, boolean bothWays) throws Exception {
        if (n <= 0) {
            return;
        }
        long t = System.nanoTime();
        PrintStream out = System.out;
        List<String[]> rows = new ArrayList<>(table);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        runTag = RUN + "w";
        try {
            endToEnd(n, concurrency);
            if (bothWays) {
                hubspotToRespondio(n / 2, concurrency);
            } else {
                Thread.sleep(10_000);
            }
        } finally {
            runTag = RUN;
            System.setOut(out);
            table.clear();
            table.addAll(rows);
        }
        System.out.printf(Locale.ROOT, "  JIT warm-up: %d syncs respond.io -> HubSpot, %d HubSpot -> respond.io in %.1f s"
                + " (not in the figures)%n", n, bothWays ? n / 2 : 0, (System.nanoTime() - t) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. Durable webhook intake

    static void intake(int n, int warmup, int concurrency) throws Exception {
        section("2. Durable webhook intake (respond.io contact.updated, contacts absent from the sandbox)");
        int total = warmup + n;
        HttpRequest[] requests = new HttpRequest[total];
        for (int i = 0; i < total; i++) {
            requests[i] = respondioWebhook("contact.updated", "bench-" + runTag + "-intake-" + i, intakeContact(i));
        }
        Map<String, Object> inboxBefore = inbox();
        Cpu cpu0 = Cpu.now();
        if (warmup > 0) {
            Sent w = sendAll(requests, 0, warmup, concurrency, 202);
            System.out.printf(Locale.ROOT, "  warm-up: %d events, %.0f/s, non-202 %d (not in the figures)%n", warmup,
                    w.perSecond(), w.non202());
            noteNon202("intake warm-up", w);
        }
        Cpu cpu1 = Cpu.now();
        Sent s = sendAll(requests, warmup, total, concurrency, 202);
        long sentAt = System.nanoTime();
        Cpu cpu2 = Cpu.now();
        row("events sent (unique event_id, signed)", Integer.toString(n), "", "");
        row("intake throughput", fmt(s.perSecond()) + " events/s", ">= " + fmt(TARGET_INTAKE_PER_S) + "/s",
                target(s.perSecond() >= TARGET_INTAKE_PER_S));
        row("intake latency p50 / p95 / p99 / max", s.latencies(), "", "");
        row("non-202 answers", Long.toString(s.non202()), "0", check(s.non202() == 0, "intake: " + s.non202() + " non-202 answers " + s.statuses));
        noteNon202("intake", s);
        Map<String, Object> drained = waitDrained(done(inboxBefore) + total);
        double drainS = (System.nanoTime() - sentAt) / 1e9;
        row("backlog drained (runs skipped: contact without email)", String.format(Locale.ROOT,
                "%.1f s after the last 202", drainS), "", "");
        long dead = num(drained, "DEAD") - num(inboxBefore, "DEAD");
        row("dead letters", Long.toString(dead), "0", check(dead == 0, "intake: " + dead + " dead letters"));
        row("CPU, timed intake", cpu2.since(cpu1), "", "");
        row("CPU, warm-up + intake + drain", Cpu.now().since(cpu0), "", "");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. End-to-end syncs respond.io -> HubSpot

    record Contact(long id, String email, String json) {
    }

    static List<Contact> endToEnd(int m, int concurrency) throws Exception {
        section("3. End-to-end syncs respond.io -> HubSpot (contact.created, new contacts)");
        if (m <= 0) {
            return List.of();
        }
        long t = System.nanoTime();
        Contact[] contacts = new Contact[m];
        parallel(m, concurrency, i -> {
            String email = "e2e-" + runTag + "-" + i + "@bench.example.com";
            String fields = "{\"firstName\":\"Bench\",\"lastName\":" + Json.str("E2E " + i) + ",\"email\":" + Json.str(email)
                    + ",\"custom_fields\":[{\"name\":\"company\",\"value\":" + Json.str("Company " + (i % 50)) + "}]}";
            Resp r = post("/sandbox/respondio/_control/contacts", fields);
            expectStatus(r, 201, "create respond.io contact");
            Map<String, Object> c = Json.object(r.body);
            contacts[i] = new Contact(((Number) c.get("id")).longValue(), email, r.body);
            return null;
        });
        System.out.printf(Locale.ROOT, "  set-up: %d respond.io contacts created in the sandbox in %.1f s (untimed)%n", m,
                (System.nanoTime() - t) / 1e9);

        HttpRequest[] requests = new HttpRequest[m];
        for (int i = 0; i < m; i++) {
            requests[i] = respondioWebhook("contact.created", "bench-" + runTag + "-e2e-" + i, contacts[i].json());
        }
        int hubspotBefore = hubspotContacts().size();
        Stats hs0 = stats("hubspot"), rio0 = stats("respondio");
        Map<String, Object> inboxBefore = inbox();

        Cpu cpu0 = Cpu.now();
        Sent s = sendAll(requests, 0, m, concurrency, 202);
        Map<String, Object> drained = waitDrained(done(inboxBefore) + m);
        String cpu = Cpu.now().since(cpu0);
        double seconds = (drainedAt - s.firstSend) / 1e9;
        double perSecond = m / seconds;
        Stats hs = stats("hubspot").minus(hs0), rio = stats("respondio").minus(rio0);

        double wanted = publishedLimits ? TARGET_LIMITED_R2H_PER_S : TARGET_E2E_PER_S;
        row("contacts synced", Integer.toString(m), "", "");
        row("end-to-end throughput (first send -> inbox idle)", fmt(perSecond) + " syncs/s (" + fmt3(seconds) + " s)",
                ">= " + fmt(wanted) + "/s", target(perSecond >= wanted));
        ceilingRow(hs.apiCalls / (double) m, rio.apiCalls / (double) m);
        row("webhook intake during this phase", fmt(s.perSecond()) + " events/s, " + s.latencies(), "", "");
        row("non-202 answers", Long.toString(s.non202()), "0", check(s.non202() == 0, "e2e: " + s.non202() + " non-202 answers " + s.statuses));
        noteNon202("e2e", s);
        long dead = num(drained, "DEAD") - num(inboxBefore, "DEAD");
        row("dead letters", Long.toString(dead), "0", check(dead == 0, "e2e: " + dead + " dead letters"));

        List<Map<String, Object>> hubspotAfter = hubspotContacts();
        int created = hubspotAfter.size() - hubspotBefore;
        String dupMissing = duplicatesAndMissing(hubspotAfter, contacts, c -> c.email(), Bench::hubspotEmail);
        row("HubSpot contacts created", created + " (" + dupMissing + ")", "= " + m + ", none duplicate/missing",
                check(created == m && dupMissing.equals("0 duplicate, 0 missing"), "e2e: HubSpot has " + created
                        + " new contacts for " + m + " syncs; " + dupMissing));

        double all = (hs.apiCalls + rio.apiCalls) / (double) m;
        double onTarget = hs.apiCalls / (double) m;
        row("vendor calls per contact, both sides", fmt2(all) + "  (respond.io " + fmt2(rio.apiCalls / (double) m)
                + " + HubSpot " + fmt2(onTarget) + ")", "<= " + fmt(TARGET_CALLS_ALL), target(all <= TARGET_CALLS_ALL));
        row("vendor calls per contact, target (HubSpot)", fmt3(onTarget), "<= " + fmt(TARGET_CALLS_TARGET),
                target(onTarget <= TARGET_CALLS_TARGET));
        if (publishedLimits) {
            double rioPerContact = rio.apiCalls / (double) m;
            row("HubSpot / respond.io calls per contact (issue 10)", fmt3(onTarget) + " / " + fmt3(rioPerContact),
                    "<= " + TARGET_LIMITED_R2H_HUBSPOT_CALLS + " / <= " + TARGET_LIMITED_R2H_RESPONDIO_CALLS,
                    target(onTarget <= TARGET_LIMITED_R2H_HUBSPOT_CALLS && rioPerContact <= TARGET_LIMITED_R2H_RESPONDIO_CALLS));
        }
        row("HubSpot write calls per contact (batch upserts and updates)", fmt3(hs.writes() / (double) m), "", "");
        row("vendor calls by endpoint", "HubSpot " + hs.byEndpoint + "; respond.io " + rio.byEndpoint, "", "");
        row("vendor non-2xx answers", "HubSpot " + hs.non2xx + ", respond.io " + rio.non2xx, "", "");
        tooManyRequestsRows(hs, rio);
        row("CPU, send -> inbox idle", cpu, "", "");
        return Arrays.asList(contacts);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. No-change updates

    static void noChange(List<Contact> contacts, int concurrency) throws Exception {
        int m = contacts.size();
        section("4. No-change updates (contact.updated for the same " + m + " contacts, unchanged)");
        HttpRequest[] requests = new HttpRequest[m];
        for (int i = 0; i < m; i++) {
            requests[i] = respondioWebhook("contact.updated", "bench-" + runTag + "-same-" + i, contacts.get(i).json());
        }
        int hubspotBefore = hubspotContacts().size();
        Stats hs0 = stats("hubspot"), rio0 = stats("respondio");
        Map<String, Object> inboxBefore = inbox();

        Cpu cpu0 = Cpu.now();
        Sent s = sendAll(requests, 0, m, concurrency, 202);
        Map<String, Object> drained = waitDrained(done(inboxBefore) + m);
        String cpu = Cpu.now().since(cpu0);
        double seconds = (drainedAt - s.firstSend) / 1e9;
        Stats hs = stats("hubspot").minus(hs0), rio = stats("respondio").minus(rio0);

        row("events processed (first send -> inbox idle)", fmt(m / seconds) + " events/s (" + fmt3(seconds) + " s)", "", "");
        row("non-202 answers", Long.toString(s.non202()), "0", check(s.non202() == 0, "no-change: " + s.non202() + " non-202 answers " + s.statuses));
        noteNon202("no-change", s);
        long dead = num(drained, "DEAD") - num(inboxBefore, "DEAD");
        row("dead letters", Long.toString(dead), "0", check(dead == 0, "no-change: " + dead + " dead letters"));
        double all = (hs.apiCalls + rio.apiCalls) / (double) m;
        row("vendor calls per contact, both sides", fmt2(all) + "  (respond.io " + fmt2(rio.apiCalls / (double) m)
                + " + HubSpot " + fmt2(hs.apiCalls / (double) m) + ")", "<= " + fmt(TARGET_CALLS_ALL), target(all <= TARGET_CALLS_ALL));
        row("HubSpot writes (POST+PATCH), total", Long.toString(hs.writes()), "0", target(hs.writes() == 0));
        row("vendor calls by endpoint", "HubSpot " + hs.byEndpoint + "; respond.io " + rio.byEndpoint, "", "");
        int added = hubspotContacts().size() - hubspotBefore;
        row("HubSpot contacts added", Integer.toString(added), "0", check(added == 0, "no-change: " + added + " HubSpot contacts added"));
        row("CPU, send -> inbox idle", cpu, "", "");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. HubSpot -> respond.io

    static void hubspotToRespondio(int k, int concurrency) throws Exception {
        section("5. HubSpot -> respond.io (contact.creation, batches of 100 events)");
        long t = System.nanoTime();
        Contact[] contacts = new Contact[k];
        parallel(k, concurrency, i -> {
            String email = "h2r-" + runTag + "-" + i + "@bench.example.com";
            String body = "{\"properties\":{\"email\":" + Json.str(email) + ",\"firstname\":\"Hub\",\"lastname\":"
                    + Json.str("H2R " + i) + ",\"company\":" + Json.str("Company " + (i % 50)) + "}}";
            Resp r = post("/sandbox/hubspot/_control/contacts", body);
            expectStatus(r, 201, "create HubSpot contact");
            Map<String, Object> c = Json.object(r.body);
            contacts[i] = new Contact(Long.parseLong(c.get("id").toString()), email, null);
            return null;
        });
        System.out.printf(Locale.ROOT, "  set-up: %d HubSpot contacts created in the sandbox in %.1f s (untimed)%n", k,
                (System.nanoTime() - t) / 1e9);

        int batches = (k + 99) / 100;
        HttpRequest[] requests = new HttpRequest[batches];
        long eventIds = System.currentTimeMillis() * 1000;
        String url = base + "/webhooks/hubspot";
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("[");
            long now = System.currentTimeMillis();
            for (int i = b * 100; i < Math.min(k, (b + 1) * 100); i++) {
                if (body.length() > 1) {
                    body.append(',');
                }
                body.append("{\"eventId\":").append(eventIds + i).append(",\"subscriptionId\":1,\"portalId\":62515,")
                        .append("\"appId\":54321,\"occurredAt\":").append(now)
                        .append(",\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":")
                        .append(contacts[i].id()).append(",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:1\"}");
            }
            byte[] bytes = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(System.currentTimeMillis());
            String signature = hmac(HUBSPOT_CLIENT_SECRET, concat(("POST" + url).getBytes(StandardCharsets.UTF_8), bytes,
                    timestamp.getBytes(StandardCharsets.UTF_8)));
            requests[b] = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("X-HubSpot-Request-Timestamp", timestamp)
                    .header("X-HubSpot-Signature-v3", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        }
        int respondioBefore = respondioContacts().size();
        Stats hs0 = stats("hubspot"), rio0 = stats("respondio");
        Map<String, Object> inboxBefore = inbox();

        Cpu cpu0 = Cpu.now();
        Sent s = sendAll(requests, 0, batches, Math.min(concurrency, batches), 202);
        Map<String, Object> drained = waitDrained(done(inboxBefore) + k);
        String cpu = Cpu.now().since(cpu0);
        double seconds = (drainedAt - s.firstSend) / 1e9;
        double perSecond = k / seconds;
        Stats hs = stats("hubspot").minus(hs0), rio = stats("respondio").minus(rio0);

        double wanted = publishedLimits ? TARGET_LIMITED_H2R_PER_S : TARGET_E2E_PER_S;
        row("contacts synced", k + " (" + batches + " webhook batches)", "", "");
        row("end-to-end throughput (first send -> inbox idle)", fmt(perSecond) + " syncs/s (" + fmt3(seconds) + " s)",
                ">= " + fmt(wanted) + "/s", target(perSecond >= wanted));
        ceilingRow(hs.apiCalls / (double) k, rio.apiCalls / (double) k);
        row("batch intake latency p50 / p95 / p99 / max", s.latencies(), "", "");
        row("non-202 answers", Long.toString(s.non202()), "0", check(s.non202() == 0, "h2r: " + s.non202() + " non-202 answers " + s.statuses));
        noteNon202("h2r", s);
        long dead = num(drained, "DEAD") - num(inboxBefore, "DEAD");
        row("dead letters", Long.toString(dead), "0", check(dead == 0, "h2r: " + dead + " dead letters"));

        List<Map<String, Object>> respondioAfter = respondioContacts();
        int created = respondioAfter.size() - respondioBefore;
        String dupMissing = duplicatesAndMissing(respondioAfter, contacts, c -> c.email(),
                c -> c.get("email") == null ? null : c.get("email").toString());
        row("respond.io contacts created", created + " (" + dupMissing + ")", "= " + k + ", none duplicate/missing",
                check(created == k && dupMissing.equals("0 duplicate, 0 missing"), "h2r: respond.io has " + created
                        + " new contacts for " + k + " syncs; " + dupMissing));

        double all = (hs.apiCalls + rio.apiCalls) / (double) k;
        double onTarget = rio.apiCalls / (double) k;
        row("vendor calls per contact, both sides", fmt2(all) + "  (HubSpot " + fmt2(hs.apiCalls / (double) k)
                + " + respond.io " + fmt2(onTarget) + ")", "<= " + fmt(TARGET_CALLS_ALL), target(all <= TARGET_CALLS_ALL));
        row("vendor calls per contact, target (respond.io)", fmt2(onTarget), "<= " + fmt(TARGET_CALLS_TARGET),
                target(onTarget <= TARGET_CALLS_TARGET));
        row("respond.io writes per contact (POST+PUT)", fmt2(rio.writes() / (double) k), "", "");
        row("vendor calls by endpoint", "HubSpot " + hs.byEndpoint + "; respond.io " + rio.byEndpoint, "", "");
        row("vendor non-2xx answers", "HubSpot " + hs.non2xx + ", respond.io " + rio.non2xx, "", "");
        tooManyRequestsRows(hs, rio);
        row("CPU, send -> inbox idle", cpu, "", "");
    }

    /** Under published limits: the syncs/s the vendors' limits allow at the measured calls per contact. */
    static void ceilingRow(double hubspotPerContact, double respondioPerContact) {
        if (!publishedLimits) {
            return;
        }
        double byHubSpot = hubspotPerContact == 0 ? Double.POSITIVE_INFINITY : HUBSPOT_CALLS_PER_S / hubspotPerContact;
        double byRespondio = respondioPerContact == 0 ? Double.POSITIVE_INFINITY : RESPONDIO_CALLS_PER_S / respondioPerContact;
        String bound = byHubSpot <= byRespondio ? "HubSpot 19 calls/s over " + fmt3(hubspotPerContact) + " per contact"
                : "respond.io 5 calls/s over " + fmt3(respondioPerContact) + " per contact";
        row("ceiling set by the vendors' limits", fmt(Math.min(byHubSpot, byRespondio)) + " syncs/s (" + bound + ")", "", "");
    }

    /** 429s as a share of each vendor's calls; under published limits they must stay under 1 %. */
    static void tooManyRequestsRows(Stats hs, Stats rio) {
        if (!publishedLimits) {
            return;
        }
        boolean few = hs.tooMany * 100 < Math.max(1, hs.apiCalls) && rio.tooMany * 100 < Math.max(1, rio.apiCalls);
        row("429 answers (share of calls)", "HubSpot " + hs.tooManyShare() + ", respond.io " + rio.tooManyShare(),
                "< 1 % each", target(few));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Load

    /** Outcome of sending a set of requests: per-request latencies and answers. */
    static final class Sent {
        long[] latencyNanos;
        long firstSend = Long.MAX_VALUE;
        long lastDone;
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final LongAdder non202 = new LongAdder();
        final AtomicReference<String> firstError = new AtomicReference<>();
        int expected;

        long non202() {
            return non202.sum();
        }

        double perSecond() {
            return latencyNanos.length / ((lastDone - firstSend) / 1e9);
        }

        String latencies() {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%s / %s / %s / %s ms", ms(pct(sorted, 50)), ms(pct(sorted, 95)),
                    ms(pct(sorted, 99)), ms(sorted[sorted.length - 1]));
        }
    }

    /** Sends requests[from, to) from {@code concurrency} threads, each taking the next request as soon as it is answered. */
    static Sent sendAll(HttpRequest[] requests, int from, int to, int concurrency, int expectedStatus) throws Exception {
        Sent s = new Sent();
        s.expected = expectedStatus;
        int n = to - from;
        s.latencyNanos = new long[n];
        long[] starts = new long[concurrency];
        long[] ends = new long[concurrency];
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    long first = Long.MAX_VALUE, last = 0;
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        first = Math.min(first, t0);
                        int status;
                        String body;
                        try {
                            HttpResponse<String> r = http.send(requests[i], HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            body = r.body();
                        } catch (IOException e) {
                            status = -1;
                            body = e.toString();
                        }
                        long t1 = System.nanoTime();
                        last = t1;
                        s.latencyNanos[i - from] = t1 - t0;
                        s.statuses.computeIfAbsent(status, x -> new LongAdder()).increment();
                        if (status != expectedStatus) {
                            s.non202.increment();
                            s.firstError.compareAndSet(null, status + " " + body);
                        }
                    }
                    starts[worker] = first;
                    ends[worker] = last;
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int w = 0; w < concurrency; w++) {
            s.firstSend = Math.min(s.firstSend, starts[w]);
            s.lastDone = Math.max(s.lastDone, ends[w]);
        }
        return s;
    }

    static void noteNon202(String phase, Sent s) {
        if (s.non202() > 0) {
            System.out.println("  " + phase + ": answers by status " + s.statuses + "; first unexpected answer: "
                    + abbreviate(s.firstError.get()));
        }
    }

    static <T> void parallel(int n, int threads, IntFunction<T> task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.max(1, Math.min(threads, n)); w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        task.apply(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A respond.io contact without an email (ids from 900000000, not in the sandbox): the webhook's copy is complete, so
     * its run reads nothing and is a cheap "skipped" (R1.1: no email); the intake is what the phase measures.
     */
    static String intakeContact(int i) {
        return "{\"id\":" + (900_000_000L + i) + ",\"firstName\":\"Intake\",\"lastName\":" + Json.str("N" + i)
                + ",\"phone\":null,\"email\":null,\"custom_fields\":[]}";
    }

    /**
     * For the wrk intake pass (bench/intake.lua): one pre-signed respond.io contact.updated webhook a line,
     * {@code signature TAB body}, each with its own event id.
     */
    static void writeIntakeFile(Path file, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                byte[] body = respondioWebhookBody("contact.updated", "bench-" + runTag + "-wrk-" + i, intakeContact(i));
                out.write(hmac(RESPONDIO_SIGNING_KEY, body) + "\t" + new String(body, StandardCharsets.UTF_8) + "\n");
            }
        }
    }

    static byte[] respondioWebhookBody(String type, String eventId, String contactJson) {
        return ("{\"event_type\":" + Json.str(type) + ",\"event_id\":" + Json.str(eventId) + ",\"contact\":"
                + contactJson + "}").getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest respondioWebhook(String type, String eventId, String contactJson) {
        byte[] body = respondioWebhookBody(type, eventId, contactJson);
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/respondio")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Signature", hmac(RESPONDIO_SIGNING_KEY, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Observing the app and the sandbox

    static volatile long drainedAt;

    /** Waits until the inbox is idle (PENDING 0, inFlight 0) and DONE + DEAD reached the expected count. */
    static Map<String, Object> waitDrained(long expectedDoneOrDead) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Map<String, Object> inbox = inbox();
            long now = System.nanoTime();
            if (num(inbox, "PENDING") == 0 && num(inbox, "inFlight") == 0 && done(inbox) >= expectedDoneOrDead) {
                drainedAt = now;
                return inbox;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the inbox did not drain within " + timeoutMs / 1000 + " s: " + inbox
                        + " (expected DONE+DEAD >= " + expectedDoneOrDead + ")");
            }
            Thread.sleep(50);
        }
    }

    static long done(Map<String, Object> inbox) {
        return num(inbox, "DONE") + num(inbox, "DEAD");
    }

    static Map<String, Object> inbox() throws Exception {
        Resp r = send(HttpRequest.newBuilder(URI.create(base + "/admin/inbox"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        expectStatus(r, 200, "GET /admin/inbox");
        return Json.object(r.body);
    }

    /** A simulator's counters (GET /sandbox/{vendor}/_control/stats). */
    record Stats(long apiCalls, Map<String, Long> byEndpoint, long non2xx, long tooMany) {

        /** 429 answers and their share of the calls, e.g. "2 (0.4 %)". */
        String tooManyShare() {
            return tooMany + " (" + fmt2(apiCalls == 0 ? 0 : tooMany * 100.0 / apiCalls) + " %)";
        }

        Stats minus(Stats before) {
            Map<String, Long> diff = new TreeMap<>();
            byEndpoint.forEach((k, v) -> {
                long d = v - before.byEndpoint.getOrDefault(k, 0L);
                if (d != 0) {
                    diff.put(k, d);
                }
            });
            return new Stats(apiCalls - before.apiCalls, diff, non2xx - before.non2xx, tooMany - before.tooMany);
        }

        /** Calls that write contacts: PATCH, PUT and POST except searches, lists and batch reads. */
        long writes() {
            long writes = 0;
            for (Map.Entry<String, Long> e : byEndpoint.entrySet()) {
                String k = e.getKey();
                boolean read = k.startsWith("GET ") || k.endsWith("/search") || k.endsWith("/batch/read")
                        || k.endsWith("/contact/list");
                if (!read) {
                    writes += e.getValue();
                }
            }
            return writes;
        }
    }

    @SuppressWarnings("unchecked")
    static Stats stats(String vendor) throws Exception {
        Resp r = get("/sandbox/" + vendor + "/_control/stats");
        expectStatus(r, 200, "GET /sandbox/" + vendor + "/_control/stats");
        Map<String, Object> m = Json.object(r.body);
        Map<String, Long> byEndpoint = new TreeMap<>();
        ((Map<String, Object>) m.get("byEndpoint")).forEach((k, v) -> byEndpoint.put(k, ((Number) v).longValue()));
        return new Stats(num(m, "apiCalls"), byEndpoint, num(m, "non2xx"),
                m.containsKey("tooManyRequests") ? num(m, "tooManyRequests") : 0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> hubspotContacts() throws Exception {
        Resp r = get("/sandbox/hubspot/_control/contacts");
        expectStatus(r, 200, "GET HubSpot contacts");
        return (List<Map<String, Object>>) Json.parse(r.body);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> respondioContacts() throws Exception {
        Resp r = get("/sandbox/respondio/_control/contacts");
        expectStatus(r, 200, "GET respond.io contacts");
        return (List<Map<String, Object>>) Json.parse(r.body);
    }

    @SuppressWarnings("unchecked")
    static String hubspotEmail(Map<String, Object> contact) {
        Object props = contact.get("properties");
        Object email = props instanceof Map ? ((Map<String, Object>) props).get("email") : null;
        return email == null ? null : email.toString();
    }

    static String duplicatesAndMissing(List<Map<String, Object>> actual, Contact[] expected,
                                       java.util.function.Function<Contact, String> expectedEmail,
                                       java.util.function.Function<Map<String, Object>, String> actualEmail) {
        Map<String, Integer> seen = new HashMap<>();
        for (Map<String, Object> c : actual) {
            String email = actualEmail.apply(c);
            if (email != null) {
                seen.merge(email.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        int missing = 0, duplicate = 0;
        for (Contact c : expected) {
            int count = seen.getOrDefault(expectedEmail.apply(c).toLowerCase(Locale.ROOT), 0);
            if (count == 0) {
                missing++;
            } else if (count > 1) {
                duplicate++;
            }
        }
        return duplicate + " duplicate, " + missing + " missing";
    }

    /** CPU time (seconds) of the app, of this load generator and of the whole machine, to see who used the cores. */
    record Cpu(long wallNanos, double app, double self, double machineBusy) {
        static Cpu now() {
            return new Cpu(System.nanoTime(), pid > 0 ? processCpu(Long.toString(pid)) : 0, processCpu("self"), machineBusyCpu());
        }

        String since(Cpu before) {
            double wall = (wallNanos - before.wallNanos) / 1e9;
            double app = this.app - before.app, gen = self - before.self, busy = machineBusy - before.machineBusy;
            double other = Math.max(0, busy - app - gen);
            return String.format(Locale.ROOT, "%.1f s wall on %d cores: app %.1f, load generator %.1f, other processes %.1f CPU-s%s",
                    wall, CORES, app, gen, other, other > 0.25 * wall ? "  (!) other load on the machine" : "");
        }
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final double TICKS = 100.0; // USER_HZ

    static double processCpu(String which) {
        try {
            String stat = Files.readString(Path.of("/proc/" + which + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double machineBusyCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            return (total - Long.parseLong(f[4]) - Long.parseLong(f[5])) / TICKS; // minus idle, iowait
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static Map<String, Long> procStatus(long pid) {
        Map<String, Long> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    m.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("  (cannot read /proc/" + pid + "/status: " + e + ")");
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP

    record Resp(int status, String body) {
    }

    static Resp get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    static Resp post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static Resp delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE().build());
    }

    static Resp send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void expectStatus(Resp r, int status, String what) {
        if (r.status != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + r.status + " " + abbreviate(r.body));
        }
    }

    static String hmac(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Figures

    static String currentSection = "";

    static void section(String title) {
        title = publishedLimits ? "Under published limits: " + title : title;
        currentSection = title;
        System.out.println("== " + title);
    }

    static void row(String metric, String measured, String target, String verdict) {
        table.add(new String[] {currentSection, metric, measured, target, verdict});
        System.out.printf(Locale.ROOT, "  %-52s %s%s%s%n", metric, measured,
                target.isEmpty() ? "" : "   [target " + target + "]", verdict.isEmpty() ? "" : "  " + verdict);
    }

    static String check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
        return ok ? "ok" : "FAIL";
    }

    static String target(boolean met) {
        return met ? "met" : "MISSED";
    }

    static void printTable() {
        System.out.println();
        System.out.println("================================================================ SUMMARY");
        String section = null;
        for (String[] r : table) {
            if (r[1].equals("vendor calls by endpoint") || r[1].startsWith("vendor non-2xx") || r[1].startsWith("CPU")) {
                continue;
            }
            if (!r[0].equals(section)) {
                section = r[0];
                System.out.println(section);
            }
            System.out.printf(Locale.ROOT, "  %-52s | %-44s | %-24s | %s%n", r[1], r[2], r[3], r[4]);
        }
    }

    static long pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** Two decimals, three when two would hide a difference (2.0005 is not "2.00"). */
    static String fmt2(double v) {
        String two = String.format(Locale.ROOT, "%.2f", v);
        return Double.parseDouble(two) == v ? two : String.format(Locale.ROOT, "%.3f", v);
    }

    static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static Map<String, String> args(String[] argv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("usage: --name value ...; unexpected '" + argv[i] + "'");
            }
            m.put(argv[i].substring(2), argv[++i]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A tiny JSON reader/encoder (enough for the app's and the sandbox's answers)

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.ws();
            if (p.i != p.s.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(String text) {
            Object v = parse(text);
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException("expected a JSON object: " + abbreviate(text));
            }
            return (Map<String, Object>) v;
        }

        static String str(String v) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : v.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (peek(',')) {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (peek(',')) {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw error("unexpected character");
            }
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return Double.parseDouble(n);
            }
            return Long.parseLong(n);
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected token");
            }
            i += word.length();
            return value;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at " + i + " in " + abbreviate(s));
        }
    }

    /** Sandbox paths go to the sandbox, the rest to the app. */
    static String url(String path) {
        return (path.startsWith("/sandbox/") ? sandbox : base) + path;
    }

}
