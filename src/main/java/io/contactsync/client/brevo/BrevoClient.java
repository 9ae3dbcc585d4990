package io.contactsync.client.brevo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.brevo.BrevoConfig;
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

/**
 * Brevo API v3 contacts and lists: {@code api-key} header, one per-second rate budget for the account
 * (429 waits for {@code x-sib-ratelimit-reset}; 425 Too Early and 5xx are retried by {@link VendorHttp}).
 */
@ApplicationScoped
public class BrevoClient {

    private static final String VENDOR = "brevo";
    private static final int LIST_PAGE = 50;
    private static final String BATCH_UPDATE = "batch-update-contacts";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    BrevoConfig config;

    @Inject
    VendorHttp http;

    @Inject
    VendorJson json;

    @Inject
    ObjectMapper mapper;

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

    /** The account's contact attributes: name, category (normal, category, calculated, global…), type, enumeration. */
    public List<Map<String, Object>> attributes() {
        VendorResponse r = http.send(budget, "get-attributes", request("/contacts/attributes").GET());
        return VendorJson.objects(json.object(VENDOR, "get-attributes", r).get("attributes"));
    }

    public Optional<Map<String, Object>> list(long listId) {
        VendorResponse r = http.send(budget, "get-list", request("/contacts/lists/" + listId).GET());
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(json.object(VENDOR, "get-list", r));
    }

    /** The id of the list with this name, looked up page by page. */
    public Optional<Long> findListByName(String name) {
        for (int offset = 0;; offset += LIST_PAGE) {
            VendorResponse r = http.send(budget, "get-lists",
                    request("/contacts/lists?limit=" + LIST_PAGE + "&offset=" + offset).GET());
            List<Map<String, Object>> lists = VendorJson.objects(json.object(VENDOR, "get-lists", r).get("lists"));
            for (Map<String, Object> list : lists) {
                if (name.equals(list.get("name"))) {
                    return Optional.of(((Number) list.get("id")).longValue());
                }
            }
            if (lists.size() < LIST_PAGE) {
                return Optional.empty();
            }
        }
    }

    public long createList(String name, long folderId) {
        VendorResponse r = http.send(budget, "create-list",
                request("/contacts/lists").POST(json.body(Map.of("name", name, "folderId", folderId))));
        return ((Number) json.object(VENDOR, "create-list", r).get("id")).longValue();
    }

    /**
     * Create-or-update by email or SMS ({@code updateEnabled}): Brevo answers 201 with the new id, or 204 when it
     * updated the contact that had the identifier.
     */
    public UpsertResult upsert(Map<String, Object> contact) {
        Map<String, Object> body = new LinkedHashMap<>(contact);
        body.put("updateEnabled", true);
        VendorResponse r = http.send(budget, "create-contact", request("/contacts").POST(json.body(body)));
        checkDuplicate("create-contact", r);
        if (r.status() == 204) {
            return new UpsertResult(false, null);
        }
        Object id = json.object(VENDOR, "create-contact", r).get("id");
        return new UpsertResult(true, id == null ? null : ((Number) id).longValue());
    }

    /** PUT /contacts/{identifier}: false when Brevo has no such contact. */
    public boolean update(String identifier, IdentifierType type, Map<String, Object> changes) {
        VendorResponse r = http.send(budget, "update-contact",
                request("/contacts/" + encode(identifier) + "?identifierType=" + type.wire)
                        .PUT(json.body(changes)));
        if (r.status() == 404) {
            return false;
        }
        checkDuplicate("update-contact", r);
        json.success(VENDOR, "update-contact", r);
        return true;
    }

    /**
     * POST /contacts/batch: updates contacts Brevo already has, each named by its {@code id} or {@code email}; 204 when
     * all are updated. A 400 refuses the whole batch without saying which contact was wrong, so the batch is split in
     * halves and sent again until the refused contact stands alone, with Brevo's own message (a
     * {@code duplicate_parameter} as {@link BrevoDuplicateException}). By key: updated, or why Brevo refused it.
     */
    public BatchCoalescer.Outcomes<Boolean> updateBatch(Map<String, Map<String, Object>> contactsByKey) {
        VendorResponse r = http.send(budget, BATCH_UPDATE, request("/contacts/batch")
                .POST(json.body(Map.of("contacts", new ArrayList<>(contactsByKey.values())))));
        if (r.status() == 400 && contactsByKey.size() > 1) {
            return BatchCoalescer.inHalves(contactsByKey, this::updateBatch);
        }
        Map<String, Boolean> results = new HashMap<>();
        Map<String, RuntimeException> failures = new HashMap<>();
        if (r.status() == 400) {
            contactsByKey.keySet().forEach(k -> failures.put(k, refusal(BATCH_UPDATE, r)));
        } else {
            json.success(VENDOR, BATCH_UPDATE, r);
            contactsByKey.keySet().forEach(k -> results.put(k, true));
        }
        return new BatchCoalescer.Outcomes<>(results, failures);
    }

    /** Takes one contact out of the list, by Brevo id when known, else by email; it stays in Brevo. */
    public void removeFromList(long listId, Long contactId, String email) {
        Map<String, Object> body = contactId != null ? Map.of("ids", List.of(contactId)) : Map.of("emails", List.of(email));
        VendorResponse r = http.send(budget, "remove-from-list",
                request("/contacts/lists/" + listId + "/contacts/remove").POST(json.body(body)));
        json.success(VENDOR, "remove-from-list", r);
    }

    /**
     * Bulk create-or-update into a list (POST /contacts/import with a JSON body); Brevo processes it in the background
     * and answers 202 with the process id. A row holds only {@code email} and {@code attributes}: blacklisting is
     * the import's own flag, for all its rows ({@code emailBlacklist}); false leaves the contacts' status alone.
     */
    public long importContacts(long listId, List<Map<String, Object>> contacts, boolean emailBlacklist) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonBody", contacts);
        body.put("listIds", List.of(listId));
        if (emailBlacklist) {
            body.put("emailBlacklist", true);
        }
        body.put("updateExistingContacts", true);
        body.put("emptyContactsAttributes", false);
        body.put("disableNotification", true);
        VendorResponse r = http.send(budget, "import-contacts", request("/contacts/import").POST(json.body(body)));
        return ((Number) json.object(VENDOR, "import-contacts", r).get("processId")).longValue();
    }

    public record UpsertResult(boolean created, Long id) {
    }

    public enum IdentifierType {
        EMAIL("email_id"), CONTACT_ID("contact_id");

        final String wire;

        IdentifierType(String wire) {
            this.wire = wire;
        }
    }

    private void checkDuplicate(String operation, VendorResponse r) {
        if (r.status() == 400 && r.body() != null && r.body().contains("duplicate_parameter")) {
            throw refusal(operation, r);
        }
    }

    /** A 400: Brevo's {@code duplicate_parameter} with the identifiers it names, else its message as it is. */
    private VendorRejectedException refusal(String operation, VendorResponse r) {
        if (r.body() == null || !r.body().contains("duplicate_parameter")) {
            return new VendorRejectedException(VENDOR, operation, r.status(), r.body());
        }
        List<String> identifiers = new ArrayList<>();
        try {
            Map<String, Object> error = mapper.readValue(r.body(), MAP);
            if (error.get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("duplicate_identifiers") instanceof List<?> names) {
                names.forEach(n -> identifiers.add(String.valueOf(n).toUpperCase(Locale.ROOT)));
            }
        } catch (JsonProcessingException e) {
            return new VendorRejectedException(VENDOR, operation, r.status(), r.body());
        }
        return new BrevoDuplicateException(operation, r.body(), identifiers);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .header("api-key", config.apiKey().orElse(""))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
