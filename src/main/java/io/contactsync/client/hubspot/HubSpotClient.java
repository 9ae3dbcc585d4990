package io.contactsync.client.hubspot;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.contactsync.client.RateBudget;
import io.contactsync.client.RateBudgets;
import io.contactsync.client.VendorHttp;
import io.contactsync.client.VendorJson;
import io.contactsync.client.VendorRejectedException;
import io.contactsync.client.VendorResponse;
import io.contactsync.client.BatchCoalescer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;


/** HubSpot CRM v3 contacts, private-app bearer token, one rate budget for the account. */
@ApplicationScoped
@Named("hubspot")
public class HubSpotClient {

    private static final String VENDOR = "hubspot";
    private static final int MEMBERSHIP_PAGE = 250;
    private static final int OWNERS_PAGE = 100;

    @Inject
    HubSpotConfig config;

    @Inject
    VendorHttp http;

    @Inject
    VendorJson json;

    @Inject
    RateBudgets budgets;

    private RateBudget budget;

    @PostConstruct
    void init() {
        budget = budgets.get(VENDOR);
    }

    public RateBudget budget() {
        return budget;
    }

    /** GET a contact by email; empty when HubSpot has none. */
    public Optional<Map<String, Object>> findByEmail(String email, List<String> properties) {
        String path = "/crm/v3/objects/contacts/" + encode(email) + "?idProperty=email&properties="
                + encode(String.join(",", properties));
        VendorResponse r = http.send(budget, "get-contact", request(path).GET());
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(json.object(VENDOR, "get-contact", r));
    }

    /** Batch read by id (up to 100 per call); ids HubSpot no longer has are absent from the result. */
    public Map<String, Map<String, Object>> batchRead(List<String> ids, List<String> properties) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, String>> inputs = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 100))) {
                inputs.add(Map.of("id", id));
            }
            Map<String, Object> body = Map.of("inputs", inputs, "properties", properties);
            VendorResponse r = http.send(budget, "batch-read",
                    request("/crm/v3/objects/contacts/batch/read").POST(json.body(body)));
            for (Map<String, Object> contact : VendorJson.objects(json.object(VENDOR, "batch-read", r).get("results"))) {
                found.put(String.valueOf(contact.get("id")), contact);
            }
        }
        return found;
    }

    /**
     * Batch read by email ({@code idProperty=email}, up to 100 per call), by lowercase email; emails HubSpot does not
     * have are absent.
     */
    public Map<String, Map<String, Object>> batchReadByEmail(List<String> emails, List<String> properties) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (int from = 0; from < emails.size(); from += 100) {
            List<Map<String, String>> inputs = new ArrayList<>();
            for (String email : emails.subList(from, Math.min(emails.size(), from + 100))) {
                inputs.add(Map.of("id", email));
            }
            Map<String, Object> body = Map.of("idProperty", "email", "inputs", inputs, "properties", properties);
            VendorResponse r = http.send(budget, "batch-read",
                    request("/crm/v3/objects/contacts/batch/read").POST(json.body(body)));
            for (Map<String, Object> contact : VendorJson.objects(json.object(VENDOR, "batch-read", r).get("results"))) {
                Object email = contact.get("properties") instanceof Map<?, ?> p ? p.get("email") : null;
                if (email != null) {
                    found.put(email.toString().trim().toLowerCase(Locale.ROOT), contact);
                }
            }
        }
        return found;
    }

    /**
     * One batch/upsert by email ({@code idProperty=email}, up to 100): creates the contacts HubSpot does not have and
     * updates the others. By lowercase email: the contact's id and whether it was created, or why HubSpot refused
     * that contact.
     */
    public BatchCoalescer.Outcomes<WriteResult> upsertBatch(Map<String, Map<String, Object>> propertiesByEmail) {
        return writeBatch("batch-upsert", propertiesByEmail, email -> Map.of("idProperty", "email", "id", email),
                contact -> contact.get("properties") instanceof Map<?, ?> p && p.get("email") != null
                        ? p.get("email").toString().trim().toLowerCase(Locale.ROOT) : null);
    }

    /** One batch/update by id (up to 100); by id: the written contact, or why HubSpot refused that one. */
    public BatchCoalescer.Outcomes<WriteResult> updateBatch(Map<String, Map<String, Object>> propertiesById) {
        return writeBatch("batch-update", propertiesById, id -> Map.of("id", id),
                contact -> String.valueOf(contact.get("id")));
    }

    /**
     * Sends one batch write. A 207 fails only the inputs its errors name (their {@code context} lists the inputs'
     * ids); a 400 refuses the whole batch without saying which input was wrong, so the batch is split in halves and
     * sent again until the refused inputs stand alone, each with HubSpot's own message.
     */
    private BatchCoalescer.Outcomes<WriteResult> writeBatch(String operation, Map<String, Map<String, Object>> byKey,
            Function<String, Map<String, Object>> identify, Function<Map<String, Object>, String> keyOf) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        byKey.forEach((key, properties) -> {
            Map<String, Object> input = new LinkedHashMap<>(identify.apply(key));
            input.put("properties", properties);
            inputs.add(input);
        });
        VendorResponse r = http.send(budget, operation,
                request("/crm/v3/objects/contacts/" + operation.replace('-', '/')).POST(json.body(Map.of("inputs", inputs))));
        if (r.status() == 400 && byKey.size() > 1) {
            return BatchCoalescer.inHalves(byKey, part -> writeBatch(operation, part, identify, keyOf));
        }
        Map<String, WriteResult> results = new HashMap<>();
        Map<String, RuntimeException> failures = new HashMap<>();
        if (r.status() >= 400) {
            VendorRejectedException refused = new VendorRejectedException(VENDOR, operation, r.status(), r.body());
            byKey.keySet().forEach(k -> failures.put(k, refused));
            return new BatchCoalescer.Outcomes<>(results, failures);
        }
        Map<String, Object> answer = json.object(VENDOR, operation, r);
        for (Map<String, Object> contact : VendorJson.objects(answer.get("results"))) {
            String key = keyOf.apply(contact);
            if (key != null) {
                results.put(key, new WriteResult(String.valueOf(contact.get("id")), Boolean.TRUE.equals(contact.get("new"))));
            }
        }
        for (Map<String, Object> error : VendorJson.objects(answer.get("errors"))) {
            VendorRejectedException refused = new VendorRejectedException(VENDOR, operation, r.status(),
                    error.get("category") + ": " + error.get("message"));
            List<String> named = namedInputs(error, byKey.keySet());
            (named.isEmpty() ? byKey.keySet().stream().filter(k -> !results.containsKey(k)).toList() : named)
                    .forEach(k -> failures.put(k, refused));
        }
        return new BatchCoalescer.Outcomes<>(results, failures);
    }

    /** The batch inputs a 207 error names in its context ({@code {"ids": ["123"]}} and the like). */
    private static List<String> namedInputs(Map<String, Object> error, java.util.Set<String> keys) {
        List<String> named = new ArrayList<>();
        if (error.get("context") instanceof Map<?, ?> context) {
            for (Object values : context.values()) {
                if (values instanceof List<?> list) {
                    for (Object v : list) {
                        String key = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
                        if (keys.contains(key) || keys.contains(String.valueOf(v))) {
                            named.add(keys.contains(key) ? key : String.valueOf(v));
                        }
                    }
                }
            }
        }
        return named;
    }

    /** Contacts modified after the given instant (ms epoch), oldest first: the polling trigger's query. */
    public List<Map<String, Object>> modifiedSince(long afterMillis, List<String> properties, int limit) {
        Map<String, Object> filter = Map.of("propertyName", "lastmodifieddate", "operator", "GT", "value",
                Long.toString(afterMillis));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", List.of(Map.of("filters", List.of(filter))));
        body.put("sorts", List.of("lastmodifieddate"));
        body.put("properties", properties);
        body.put("limit", limit);
        VendorResponse r = http.send(budget, "search-contacts",
                request("/crm/v3/objects/contacts/search").POST(json.body(body)));
        return VendorJson.objects(json.object(VENDOR, "search-contacts", r).get("results"));
    }

    /** A list (Lists v3, ILS list id: listId, name, objectTypeId, size…); empty when HubSpot has none with that id. */
    public Optional<Map<String, Object>> list(String listId) {
        VendorResponse r = http.send(budget, "get-list", request("/crm/v3/lists/" + encode(listId)).GET());
        if (r.status() == 404) {
            return Optional.empty();
        }
        Object list = json.object(VENDOR, "get-list", r).get("list");
        return Optional.of(list instanceof Map<?, ?> ? VendorJson.objects(List.of(list)).get(0) : Map.of());
    }

    /** Every member's record id, paged 250 at a time, ascending. */
    public List<String> listMembers(String listId) {
        List<String> members = new ArrayList<>();
        String after = null;
        do {
            String path = "/crm/v3/lists/" + encode(listId) + "/memberships?limit=" + MEMBERSHIP_PAGE
                    + (after == null ? "" : "&after=" + encode(after));
            VendorResponse r = http.send(budget, "get-list-memberships", request(path).GET());
            Map<String, Object> page = json.object(VENDOR, "get-list-memberships", r);
            for (Map<String, Object> member : VendorJson.objects(page.get("results"))) {
                members.add(String.valueOf(member.get("recordId")));
            }
            after = nextAfter(page);
        } while (after != null);
        return members;
    }

    /** A page's {@code paging.next.after} cursor; null on the last page. */
    private static String nextAfter(Map<String, Object> page) {
        return page.get("paging") instanceof Map<?, ?> paging && paging.get("next") instanceof Map<?, ?> next
                && next.get("after") != null ? String.valueOf(next.get("after")) : null;
    }

    /**
     * The account's active owners ({@code GET /crm/v3/owners}, archived ones left out), 100 per call: each with
     * {@code id} (what {@code hubspot_owner_id} holds), {@code email}, {@code firstName}, {@code lastName},
     * {@code userId}, {@code archived}.
     */
    public List<Map<String, Object>> owners() {
        List<Map<String, Object>> owners = new ArrayList<>();
        String after = null;
        do {
            String path = "/crm/v3/owners?limit=" + OWNERS_PAGE + "&archived=false"
                    + (after == null ? "" : "&after=" + encode(after));
            Map<String, Object> page = json.object(VENDOR, "get-owners", http.send(budget, "get-owners",
                    request(path).GET()));
            owners.addAll(VendorJson.objects(page.get("results")));
            after = nextAfter(page);
        } while (after != null);
        return owners;
    }

    public record WriteResult(String id, boolean created) {
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + config.accessToken().orElse(""))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
