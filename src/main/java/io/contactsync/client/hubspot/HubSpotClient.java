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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.client.RateBudget;
import io.contactsync.client.RateBudgets;
import io.contactsync.client.VendorHttp;
import io.contactsync.client.VendorJson;
import io.contactsync.client.VendorResponse;
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
    private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: (\\d+)");

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
                    found.put(email.toString().trim().toLowerCase(java.util.Locale.ROOT), contact);
                }
            }
        }
        return found;
    }

    /**
     * Batch upsert by email ({@code idProperty=email}, up to 100 per call): creates the contacts HubSpot does not
     * have and updates the others; by lowercase email, the contact's id and whether it was created.
     */
    public Map<String, WriteResult> batchUpsertByEmail(Map<String, Map<String, Object>> propertiesByEmail) {
        Map<String, WriteResult> written = new HashMap<>();
        List<String> emails = new ArrayList<>(propertiesByEmail.keySet());
        for (int from = 0; from < emails.size(); from += 100) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (String email : emails.subList(from, Math.min(emails.size(), from + 100))) {
                inputs.add(Map.of("id", email, "idProperty", "email", "properties", propertiesByEmail.get(email)));
            }
            VendorResponse r = http.send(budget, "batch-upsert",
                    request("/crm/v3/objects/contacts/batch/upsert").POST(json.body(Map.of("inputs", inputs))));
            for (Map<String, Object> contact : VendorJson.objects(json.object(VENDOR, "batch-upsert", r).get("results"))) {
                Object email = contact.get("properties") instanceof Map<?, ?> p ? p.get("email") : null;
                if (email != null) {
                    written.put(email.toString().trim().toLowerCase(java.util.Locale.ROOT),
                            new WriteResult(String.valueOf(contact.get("id")), Boolean.TRUE.equals(contact.get("new"))));
                }
            }
        }
        return written;
    }

    /** Creates the contact; if HubSpot already has the email (a race), updates that contact instead. */
    public WriteResult create(Map<String, Object> properties) {
        VendorResponse r = http.send(budget, "create-contact",
                request("/crm/v3/objects/contacts").POST(json.body(Map.of("properties", properties))));
        if (r.status() == 409) {
            Matcher m = EXISTING_ID.matcher(r.body());
            if (m.find()) {
                update(m.group(1), properties);
                return new WriteResult(m.group(1), false);
            }
        }
        return new WriteResult(String.valueOf(json.object(VENDOR, "create-contact", r).get("id")), true);
    }

    public void update(String id, Map<String, Object> properties) {
        VendorResponse r = http.send(budget, "update-contact", request("/crm/v3/objects/contacts/" + encode(id))
                .method("PATCH", json.body(Map.of("properties", properties))));
        json.success(VENDOR, "update-contact", r);
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
            after = page.get("paging") instanceof Map<?, ?> paging && paging.get("next") instanceof Map<?, ?> next
                    && next.get("after") != null ? String.valueOf(next.get("after")) : null;
        } while (after != null);
        return members;
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
