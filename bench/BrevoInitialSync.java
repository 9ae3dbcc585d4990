import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Initial sync of a HubSpot list into a Brevo list (R4), against the running app in the sandbox profile with the
 * integration "bench" configured as a draft (bench/run.sh does that): creates N HubSpot contacts in list 777,
 * activates the integration, prints progress while it runs, then the vendor calls per contact and the time.
 *
 * <pre>java bench/BrevoInitialSync.java --base-url http://localhost:8080 [--members 10000]</pre>
 *
 * Exit status 1 when a member is missing from the Brevo list or calls per contact exceed 0.05.
 */
public class BrevoInitialSync {

    static final String ADMIN = "Bearer sandbox-admin-token";
    static final String HUBSPOT_TOKEN = "Bearer sandbox-hubspot-token";
    static final String LIST = "777";
    static final double TARGET_CALLS_PER_CONTACT = 0.05;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    /** The vendor sandbox (sandbox/), a process of its own. */
    static String sandbox;

    public static void main(String[] args) throws Exception {
        base = arg(args, "--base-url", "http://localhost:8080");
        sandbox = arg(args, "--sandbox-url", base);
        int members = Integer.parseInt(arg(args, "--members", "10000"));
        System.out.printf(Locale.ROOT, "%n== HubSpot list -> Brevo list: initial sync of %d members ==%n", members);

        post("/sandbox/hubspot/_control/reset", "", null);
        post("/sandbox/brevo/_control/reset", "", null);
        post("/admin/brevo/integrations/bench/deactivate", "", ADMIN);
        post("/sandbox/hubspot/_control/lists", "{\"listId\":\"" + LIST + "\",\"name\":\"Bench list\"}", null);
        List<String> ids = createContacts(members);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/hubspot/crm/v3/lists/" + LIST
                    + "/memberships/add")).header("Authorization", HUBSPOT_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("[\"" + String.join("\",\"", chunk) + "\"]")));
        }
        long hubspotBefore = apiCalls("hubspot");
        long brevoBefore = apiCalls("brevo");

        long started = System.nanoTime();
        post("/admin/brevo/integrations/bench/activate", "{}", ADMIN);
        String status;
        while (true) {
            Thread.sleep(500);
            status = get("/admin/brevo/integrations/bench", ADMIN);
            String state = text(status, "state", "initialSync");
            System.out.printf(Locale.ROOT, "  progress: %s, %s of %s members processed, %s written (%.1f s)%n",
                    state, number(status, "processed"), number(status, "members"), number(status, "written"),
                    (System.nanoTime() - started) / 1e9);
            if ("done".equals(state) || "failed".equals(state)) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long hubspotCalls = apiCalls("hubspot") - hubspotBefore;
        long brevoCalls = apiCalls("brevo") - brevoBefore;
        long inBrevoList = brevoListSize();
        double perContact = (hubspotCalls + brevoCalls) / (double) members;

        System.out.printf(Locale.ROOT, "%n  %-44s %s%n", "initial sync time", String.format(Locale.ROOT,
                "%.1f s (%.0f contacts/s)", seconds, members / seconds));
        System.out.printf(Locale.ROOT, "  %-44s %d (HubSpot memberships + batch reads)%n", "HubSpot calls",
                hubspotCalls);
        System.out.printf(Locale.ROOT, "  %-44s %d (Brevo list lookup/creation + imports)%n", "Brevo calls",
                brevoCalls);
        System.out.printf(Locale.ROOT, "  %-44s %.4f   target <= %.2f%n", "vendor calls per contact", perContact,
                TARGET_CALLS_PER_CONTACT);
        System.out.printf(Locale.ROOT, "  %-44s %d of %d%n", "contacts in the Brevo list", inBrevoList, members);
        boolean ok = inBrevoList == members && perContact <= TARGET_CALLS_PER_CONTACT
                && "done".equals(text(status, "state", "initialSync"));
        System.out.println(ok ? "  all members synced within the call budget" : "  FAILED: " + status);
        System.exit(ok ? 0 : 1);
    }

    static List<String> createContacts(int n) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<String>> created = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < n; i++) {
            String body = "{\"properties\":{\"email\":\"bench-" + run + "-" + i + "@brevo-bench.example.com\","
                    + "\"firstname\":\"Member\",\"lastname\":\"" + i + "\",\"phone\":\"+4479110" + String.format(
                            "%05d", i) + "\",\"plan_tier\":\"Pro\",\"newsletter_opt_in\":\"true\"}}";
            inFlight.acquire();
            created.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/hubspot/_control/contacts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release())
                    .thenApply(r -> text(r.body(), "id", null)));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> f : created) {
            ids.add(f.get());
        }
        return ids;
    }

    static long apiCalls(String vendor) throws Exception {
        return Long.parseLong(number(get("/sandbox/" + vendor + "/_control/stats", null), "apiCalls"));
    }

    static long brevoListSize() throws Exception {
        String lists = get("/sandbox/brevo/_control/contacts", null);
        long listId = Long.parseLong(number(get("/admin/brevo/integrations/bench", ADMIN), "brevoListId"));
        Matcher m = Pattern.compile("\"listIds\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(lists);
        long count = 0;
        while (m.find()) {
            for (String id : m.group(1).split(",")) {
                if (!id.isBlank() && Long.parseLong(id.trim()) == listId) {
                    count++;
                }
            }
        }
        return count;
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
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The first string value of the key after {@code after} (or anywhere), from a JSON text. */
    static String text(String json, String key, String after) {
        int from = after == null ? 0 : Math.max(0, json.indexOf("\"" + after + "\""));
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find(from) ? m.group(1) : null;
    }

    static String number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
        return m.find() ? m.group(1) : "0";
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Sandbox paths go to the sandbox, the rest to the app. */
    static String url(String path) {
        return (path.startsWith("/sandbox/") ? sandbox : base) + path;
    }

}
