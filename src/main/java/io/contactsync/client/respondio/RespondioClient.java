package io.contactsync.client.respondio;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.contactsync.client.RateBudget;
import io.contactsync.client.RateBudgets;
import io.contactsync.client.VendorHttp;
import io.contactsync.client.VendorJson;
import io.contactsync.client.VendorResponse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;


/** respond.io Developer API v2 contacts, bearer token, one rate budget for the workspace. */
@ApplicationScoped
@Named("respondio")
public class RespondioClient {

    private static final String VENDOR = "respondio";

    @Inject
    RespondioConfig config;

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

    /** GET /contact/id:{id}; empty when the contact no longer exists. */
    public Optional<Map<String, Object>> get(String id) {
        return read("id:" + id);
    }

    /** GET /contact/email:{email}; empty when respond.io has no contact with this email. */
    public Optional<Map<String, Object>> getByEmail(String email) {
        return read("email:" + pathValue(email));
    }

    private Optional<Map<String, Object>> read(String identifier) {
        VendorResponse r = http.send(budget, "get-contact", request("/contact/" + identifier).GET());
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(json.object(VENDOR, "get-contact", r));
    }

    /** One search for the contacts having this phone (respond.io holds a phone on one contact at most). */
    public List<Map<String, Object>> findByPhone(String phone) {
        Map<String, Object> condition = Map.of("category", "contactField", "field", "phone", "operator", "isEqualTo",
                "value", phone);
        Map<String, Object> body = Map.of("search", "", "timezone", "UTC", "filter", Map.of("$or", List.of(condition)));
        VendorResponse r = http.send(budget, "search-contacts", request("/contact/list?limit=10").POST(json.body(body)));
        return VendorJson.objects(json.object(VENDOR, "search-contacts", r).get("items"));
    }

    /**
     * POST /contact/create_or_update/email:{email}: updates the contact with this email, else creates one; returns
     * the contact id (the answer does not say which happened).
     *
     * @throws RespondioIdentifierTakenException when an identifier in {@code fields} belongs to another contact
     */
    public String createOrUpdateByEmail(String email, Map<String, Object> fields) {
        String operation = "create-or-update-contact";
        VendorResponse r = http.send(budget, operation,
                request("/contact/create_or_update/email:" + pathValue(email)).POST(json.body(fields)));
        if (r.status() == RespondioIdentifierTakenException.STATUS) {
            throw new RespondioIdentifierTakenException(operation, r.body());
        }
        return String.valueOf(json.object(VENDOR, operation, r).get("contactId"));
    }

    /** PUT /contact/id:{id} with the changed fields only; false when the contact no longer exists (404). */
    public boolean update(String id, Map<String, Object> fields) {
        VendorResponse r = http.send(budget, "update-contact",
                request("/contact/id:" + pathValue(id)).PUT(json.body(fields)));
        if (r.status() == 404) {
            return false;
        }
        json.success(VENDOR, "update-contact", r);
        return true;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + config.apiToken().orElse(""))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    /** respond.io identifiers are sent as-is (its clients do not URL-encode); only characters unsafe in a path are escaped. */
    private static String pathValue(String value) {
        return value.replace("%", "%25").replace(" ", "%20").replace("/", "%2F").replace("?", "%3F")
                .replace("#", "%23").replace("+", "%2B");
    }
}
