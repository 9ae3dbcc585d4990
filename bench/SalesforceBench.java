import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salesforce <-> HubSpot in bulk, against the running app in the sandbox profile (bench/salesforce.sh starts both):
 * <ol>
 * <li>import of N Salesforce Leads into HubSpot (POST /admin/salesforce/import, R2.12),</li>
 * <li>the poll that follows sees the import's own writes (echo check),</li>
 * <li>resync of an N-member HubSpot list to Salesforce (POST /admin/salesforce/resync, R2.7), and the poll after it,</li>
 * <li>Salesforce -> HubSpot polling of N changed Leads (POST /admin/salesforce/poll, then the inbox drains),</li>
 * <li>streaming HubSpot -> Salesforce: N new HubSpot contacts announced by webhooks become Leads (issue 10).</li>
 * </ol>
 * Prints progress while the jobs run, records/s and vendor calls per record per side (from the simulators' stats).
 *
 * <pre>java bench/SalesforceBench.java --base-url http://localhost:8080 --sandbox-url http://localhost:8089 [--records 10000]</pre>
 *
 * Exit status 1 when a job fails, loses records, or spends more than 0.02 calls per record on a side (0.05
 * Salesforce calls per contact when streaming).
 */
public class SalesforceBench {

    static final String ADMIN = "Bearer sandbox-admin-token";
    static final String HUBSPOT_TOKEN = "Bearer sandbox-hubspot-token";
    static final String LIST = "888";
    static final double TARGET = 0.02;
    /** Streaming HubSpot -> Salesforce, Salesforce calls per contact: one by one a new contact costs 2. */
    static final double STREAM_TARGET = 0.05;
    static final String HUBSPOT_CLIENT_SECRET = "sandbox-hubspot-client-secret";

    // HTTP/1.1: an h2c upgrade drops the Host header, whose port the HubSpot webhook signature covers
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String sandbox;
    static boolean ok = true;

    public static void main(String[] args) throws Exception {
        base = arg(args, "--base-url", "http://localhost:8080");
        sandbox = arg(args, "--sandbox-url", base);
        int n = Integer.parseInt(arg(args, "--records", "10000"));
        post("/sandbox/hubspot/_control/reset", "", null);
        post("/sandbox/salesforce/_control/reset", "", null);
        String run = Long.toString(System.currentTimeMillis(), 36);

        System.out.printf(Locale.ROOT, "%n== S1. Import of %d Salesforce Leads into HubSpot (R2.12) ==%n", n);
        List<String> leads = createLeads(n, run);
        Calls before = Calls.now();
        String report = job(post("/admin/salesforce/import", "{\"objects\":[\"Lead\",\"Contact\"]}", ADMIN), n);
        Calls spent = Calls.now().minus(before);
        print(report, spent, n);
        check(number(report, "created") == n, "every Lead created a HubSpot contact");
        check(spent.perRecord(spent.hubspot, n) <= TARGET && spent.perRecord(spent.salesforce, n) <= TARGET,
                "calls per record within " + TARGET + " on each side");

        System.out.printf(Locale.ROOT, "%n== S2. The poll after the import (its own writes come back) ==%n");
        poll(n);

        System.out.printf(Locale.ROOT, "%n== S3. Resync of a %d-member HubSpot list to Salesforce (R2.7) ==%n", n);
        createListMembers(n, run);
        before = Calls.now();
        report = job(post("/admin/salesforce/resync", "{\"listId\":\"" + LIST + "\"}", ADMIN), n);
        spent = Calls.now().minus(before);
        print(report, spent, n);
        check(number(report, "created") == n, "every member created a Lead");
        check(spent.perRecord(spent.hubspot, n) <= TARGET && spent.perRecord(spent.salesforce, n) <= TARGET,
                "calls per record within " + TARGET + " on each side");
        System.out.printf(Locale.ROOT, "%n== S4. The poll after the resync (the new Leads come back) ==%n");
        poll(n);

        System.out.printf(Locale.ROOT, "%n== S5. Salesforce -> HubSpot polling of %d changed Leads ==%n", n);
        change(leads);
        poll(n);

        System.out.printf(Locale.ROOT, "%n== S6. Streaming HubSpot -> Salesforce: %d changed HubSpot contacts (issue 10) ==%n",
                n);
        stream(n, run);

        System.out.println(ok ? "\n  Salesforce phase: all checks passed" : "\n  Salesforce phase: CHECKS FAILED");
        System.exit(ok ? 0 : 1);
    }

    record Calls(long hubspot, long salesforce, long hubspotWrites) {
        static Calls now() throws Exception {
            return new Calls(stat("hubspot", "apiCalls"), stat("salesforce", "apiCalls"), contactWrites());
        }

        Calls minus(Calls o) {
            return new Calls(hubspot - o.hubspot, salesforce - o.salesforce, hubspotWrites - o.hubspotWrites);
        }

        double perRecord(long calls, long records) {
            return records == 0 ? 0 : calls / (double) records;
        }
    }

    /** Follows the job, printing its progress every second; returns the final report. */
    static String job(String started, int expected) throws Exception {
        String id = text(started, "id");
        long t0 = System.nanoTime();
        String report;
        while (true) {
            Thread.sleep(1000);
            report = get("/admin/salesforce/jobs/" + id, ADMIN);
            String state = text(report, "state");
            System.out.printf(Locale.ROOT, "  progress: %-7s %6d of %6d processed, %6d created, %6d updated (%.1f s)%n",
                    state, number(report, "processed"), number(report, "total"), number(report, "created"),
                    number(report, "updated"), (System.nanoTime() - t0) / 1e9);
            if ("done".equals(state) || "failed".equals(state)) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  %-40s %.1f s (%.0f records/s, polled every 1 s)%n", "job time", seconds,
                expected / seconds);
        check("done".equals(text(report, "state")), "job " + id + " done: " + text(report, "error"));
        return report;
    }

    static void print(String report, Calls spent, int n) {
        System.out.printf(Locale.ROOT, "  %-40s created %d, updated %d, unchanged %d, skipped %d, failed %d%n", "report",
                number(report, "created"), number(report, "updated"), number(report, "unchanged"),
                number(report, "skippedCount"), number(report, "failedCount"));
        System.out.printf(Locale.ROOT, "  %-40s %d calls, %.4f per record (target <= %.2f)%n", "HubSpot (simulator)",
                spent.hubspot, spent.perRecord(spent.hubspot, n), TARGET);
        System.out.printf(Locale.ROOT, "  %-40s %d calls, %.4f per record (target <= %.2f)%n", "Salesforce (simulator)",
                spent.salesforce, spent.perRecord(spent.salesforce, n), TARGET);
    }

    /** POST /admin/salesforce/poll, then waits until the inbox is drained; prints the calls per polled record. */
    static void poll(int n) throws Exception {
        Calls before = Calls.now();
        long t0 = System.nanoTime();
        long records = number(post("/admin/salesforce/poll", "", ADMIN), "records");
        drain();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Calls spent = Calls.now().minus(before);
        System.out.printf(Locale.ROOT, "  %-40s %d records in %.1f s (%.0f records/s)%n", "polled and applied", records,
                seconds, records / seconds);
        System.out.printf(Locale.ROOT, "  %-40s %d calls, %.4f per record (%d writes: %.4f per record)%n",
                "HubSpot (simulator)", spent.hubspot, spent.perRecord(spent.hubspot, records), spent.hubspotWrites,
                spent.perRecord(spent.hubspotWrites, records));
        System.out.printf(Locale.ROOT, "  %-40s %d calls, %.4f per record%n", "Salesforce (simulator)",
                spent.salesforce, spent.perRecord(spent.salesforce, records));
        // the poll reads again the records of the watermark's last second: those are duplicates, not changes
        System.out.printf(Locale.ROOT, "  %-40s %.4f HubSpot, %.4f Salesforce (target <= 0.03 each)%n",
                "calls per changed record (" + n + ")", spent.perRecord(spent.hubspot, n),
                spent.perRecord(spent.salesforce, n));
        String inbox = get("/admin/inbox", ADMIN);
        check(number(inbox, "DEAD") == 0, "no dead letters after the poll: " + inbox);
    }

    /**
     * N new HubSpot contacts at a lead stage, announced by signed HubSpot webhooks of 100 events as HubSpot sends them:
     * each becomes a Lead; prints the Salesforce calls per contact (lookups read ahead per dispatch batch, creates in
     * sObject Collections).
     */
    static void stream(int n, String run) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add("{\"properties\":{\"email\":\"h2s-" + run + "-" + i + "@h2s-bench.example.com\",\"firstname\":"
                    + "\"Stream\",\"lastname\":\"" + i + "\",\"company\":\"Bench Co\",\"lifecyclestage\":\"lead\"}}");
        }
        List<String> ids = parallel("/sandbox/hubspot/_control/contacts", "POST", bodies);
        Calls before = Calls.now();
        long t0 = System.nanoTime();
        long eventIds = System.currentTimeMillis() * 1000;
        for (int from = 0; from < n; from += 100) {
            List<String> events = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 100); i++) {
                events.add("{\"eventId\":" + (eventIds + i) + ",\"subscriptionId\":1,\"portalId\":62515,\"appId\":54321,"
                        + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"contact.creation\","
                        + "\"attemptNumber\":0,\"objectId\":" + ids.get(i) + ",\"changeSource\":\"CRM_UI\","
                        + "\"sourceId\":\"userId:1\"}");
            }
            hubspotWebhook("[" + String.join(",", events) + "]");
        }
        drain();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Calls spent = Calls.now().minus(before);
        Matcher leads = Pattern.compile("h2s-" + run + "-[0-9]+@").matcher(get("/sandbox/salesforce/_control/leads",
                null));
        long created = 0;
        while (leads.find()) {
            created++;
        }
        System.out.printf(Locale.ROOT, "  %-40s %d of %d in %.1f s (%.0f contacts/s)%n", "Leads created", created, n,
                seconds, n / seconds);
        System.out.printf(Locale.ROOT, "  %-40s %d calls, %.4f per contact (one by one: 2; target <= %.2f)%n",
                "Salesforce (simulator)", spent.salesforce, spent.perRecord(spent.salesforce, n), STREAM_TARGET);
        System.out.printf(Locale.ROOT, "  %-40s %d calls, %.4f per contact%n", "HubSpot (simulator)", spent.hubspot,
                spent.perRecord(spent.hubspot, n));
        check(created == n, "every changed HubSpot contact created one Lead: " + created + " of " + n);
        check(spent.perRecord(spent.salesforce, n) <= STREAM_TARGET, "Salesforce calls per contact within "
                + STREAM_TARGET);
        check(number(get("/admin/inbox", ADMIN), "DEAD") == 0, "no dead letters after the stream");
    }

    static void hubspotWebhook(String body) throws Exception {
        String url = base + "/webhooks/hubspot";
        String timestamp = Long.toString(System.currentTimeMillis());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HUBSPOT_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(("POST" + url + body + timestamp)
                .getBytes(StandardCharsets.UTF_8)));
        send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-HubSpot-Request-Timestamp", timestamp).header("X-HubSpot-Signature-v3", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Waits until the inbox has nothing pending or in flight. */
    static void drain() throws Exception {
        while (true) {
            String inbox = get("/admin/inbox", ADMIN);
            if (number(inbox, "PENDING") == 0 && number(inbox, "inFlight") == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    static List<String> createLeads(int n, String run) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add("{\"LastName\":\"Lead " + i + "\",\"FirstName\":\"Bench\",\"Company\":\"Bench Co\",\"City\":\"City "
                    + i + "\",\"Email\":\"sf-" + run + "-" + i + "@sf-bench.example.com\"}");
        }
        return parallel("/sandbox/salesforce/_control/leads", "POST", bodies);
    }

    static void createListMembers(int n, String run) throws Exception {
        post("/sandbox/hubspot/_control/lists", "{\"listId\":\"" + LIST + "\",\"name\":\"Resync bench\"}", null);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add("{\"properties\":{\"email\":\"hs-" + run + "-" + i + "@hs-bench.example.com\",\"firstname\":"
                    + "\"Member\",\"lastname\":\"" + i + "\",\"company\":\"Bench Co\",\"city\":\"Town " + i
                    + "\",\"lifecyclestage\":\"lead\"}}");
        }
        List<String> ids = parallel("/sandbox/hubspot/_control/contacts", "POST", bodies);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/hubspot/crm/v3/lists/" + LIST
                    + "/memberships/add")).header("Authorization", HUBSPOT_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("[\"" + String.join("\",\"", chunk) + "\"]")));
        }
    }

    /** A user changes the title of every Lead in Salesforce. */
    static void change(List<String> ids) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<HttpResponse<String>>> done = new ArrayList<>();
        for (String id : ids) {
            inFlight.acquire();
            done.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/salesforce/_control/record/" + id))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"Title\":\"Changed " + id + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> f : done) {
            f.get();
        }
        Thread.sleep(1100); // SystemModstamp has whole seconds: the poll sees every change of the last second
    }

    static List<String> parallel(String path, String method, List<String> bodies) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (String body : bodies) {
            inFlight.acquire();
            created.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(sandbox + path))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release())
                    .thenApply(r -> text(r.body(), "id")));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> f : created) {
            ids.add(f.get());
        }
        return ids;
    }

    static long stat(String vendor, String key) throws Exception {
        return number(get("/sandbox/" + vendor + "/_control/stats", null), key);
    }

    /** HubSpot contact writes (create, update, batch upsert/update) in the simulator's stats by endpoint. */
    static long contactWrites() throws Exception {
        String stats = get("/sandbox/hubspot/_control/stats", null);
        Matcher m = Pattern.compile("\"(POST|PATCH) ([^\"]*)\"\\s*:\\s*([0-9]+)").matcher(stats);
        long writes = 0;
        while (m.find()) {
            String p = m.group(2);
            if (p.contains("/crm/v3/objects/contacts") && !p.endsWith("/batch/read") && !p.endsWith("/search")) {
                writes += Long.parseLong(m.group(3));
            }
        }
        return writes;
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            ok = false;
            System.out.println("  FAIL: " + what);
        }
    }

    static String get(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return send(b);
    }

    static String post(String path, String body, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return send(b);
    }

    static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static String url(String path) {
        return (path.startsWith("/sandbox/") ? sandbox : base) + path;
    }
}
