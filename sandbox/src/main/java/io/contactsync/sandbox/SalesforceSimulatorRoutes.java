package io.contactsync.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.contactsync.sandbox.SalesforceOrgStore.Resolved;
import io.contactsync.sandbox.SalesforceOrgStore.SaveContext;
import io.contactsync.sandbox.SalesforceOrgStore.SaveResult;
import io.contactsync.sandbox.SalesforceOrgStore.Snapshot;
import io.contactsync.sandbox.SalesforceOrgStore.StoredRecord;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP face of {@link SalesforceSimulator}, under {@code /sandbox/salesforce} (the org's instance URL):
 * <ul>
 *   <li>{@code POST /services/oauth2/token} (form-encoded; no credential, not counted against the allocation) and
 *       {@code GET|POST /services/oauth2/revoke?token=} (ends that session);</li>
 *   <li>REST API resources under {@code /services/data/vNN.N/} (any version of that form is served and recorded,
 *       other forms are 404): {@code query}, {@code queryAll} and their {@code nextRecordsUrl} batches; sObject
 *       rows ({@code POST /sobjects/Lead}, {@code GET|PATCH|DELETE /sobjects/Lead/{id}}), rows by external ID
 *       ({@code GET|PATCH /sobjects/Lead/Email/{value}}), {@code describe}, {@code updated}, {@code deleted};
 *       sObject Collections ({@code POST|PATCH|DELETE /composite/sobjects}, {@code GET /composite/sobjects/Lead},
 *       {@code PATCH /composite/sobjects/Lead/{externalIdField}}); {@code limits}; the version list;</li>
 *   <li>the sandbox's control endpoints under {@code /sandbox/salesforce/_control} (records, users: {@code GET|POST
 *       /users}, {@code DELETE /users/{id}} deactivates one, org setup, faults).</li>
 * </ul>
 * Salesforce publishes no static OpenAPI document for its REST API (only an org-generated beta one), so request
 * shapes are validated here, in the simulator itself, against what the REST API Developer Guide says: a session from
 * the token endpoint in {@code Authorization: Bearer}, {@code Content-Type: application/json} on bodies, a JSON
 * object body, fields that exist on the object and are writable, values of the field's type, at most 200 records in
 * a collection, ids of the right object. {@code POST} with {@code ?_HttpMethod=PATCH|DELETE} is taken as that method,
 * as Salesforce does for clients that cannot send PATCH.
 */
public class SalesforceSimulatorRoutes {

    static final int MAX_COLLECTION = 200;
    private static final String DATA = "/services/data/:version";
    private static final Pattern VERSION = Pattern.compile("v\\d{2}\\.\\d");
    /** Upsert of an existing record answers 200 with a body from API 46.0 on, 204 before. */
    private static final double UPSERT_BODY_SINCE = 46.0;
    private static final String[][] VERSIONS = {{"Winter '25", "62.0"}, {"Spring '25", "63.0"},
            {"Summer '25", "64.0"}, {"Winter '26", "65.0"}, {"Spring '26", "66.0"}};

    private final SalesforceSimulator simulator;
    private final SalesforceOrgStore store;
    private final SandboxApiGateway gateway;
    private final ObjectMapper objectMapper;
    private final Optional<String> instanceUrl;

    SalesforceSimulatorRoutes(SalesforceSimulator simulator, ObjectMapper objectMapper, Optional<String> instanceUrl) {
        this.simulator = simulator;
        this.store = simulator.store();
        this.objectMapper = objectMapper;
        this.instanceUrl = instanceUrl.filter(url -> !url.isBlank()).map(url -> url.replaceAll("/+$", ""));
        this.gateway = new SandboxApiGateway(new SalesforceApiDialect(simulator.oauth(), simulator.allowance()),
                simulator.instruments(), objectMapper);
    }

    void register(Router router) {
        registerControls(router);

        gateway.open(router, HttpMethod.POST, "/services/oauth2/token", this::token);
        gateway.open(router, HttpMethod.GET, "/services/oauth2/revoke", this::revoke);
        gateway.open(router, HttpMethod.POST, "/services/oauth2/revoke", this::revoke);
        gateway.open(router, HttpMethod.GET, "/services/data", ctx -> SandboxResponse.json(200, versions()));
        gateway.api(router, HttpMethod.GET, DATA, this::resources);
        gateway.api(router, HttpMethod.GET, DATA + "/limits", this::limits);
        gateway.api(router, HttpMethod.GET, DATA + "/query", ctx -> query(ctx, false));
        gateway.api(router, HttpMethod.GET, DATA + "/queryAll", ctx -> query(ctx, true));
        gateway.api(router, HttpMethod.GET, DATA + "/query/:locator", ctx -> queryMore(ctx, "query"));
        gateway.api(router, HttpMethod.GET, DATA + "/queryAll/:locator", ctx -> queryMore(ctx, "queryAll"));
        gateway.api(router, HttpMethod.GET, DATA + "/sobjects", this::describeGlobal);
        gateway.api(router, HttpMethod.GET, DATA + "/sobjects/:object", this::basicInfo);
        gateway.api(router, HttpMethod.POST, DATA + "/sobjects/:object", this::create);
        gateway.api(router, HttpMethod.GET, DATA + "/sobjects/:object/describe", this::describe);
        gateway.api(router, HttpMethod.GET, DATA + "/sobjects/:object/updated", this::updated);
        gateway.api(router, HttpMethod.GET, DATA + "/sobjects/:object/deleted", this::deleted);
        gateway.api(router, null, DATA + "/sobjects/:object/:id", this::row);
        gateway.api(router, null, DATA + "/sobjects/:object/:field/:value", this::rowByExternalId);
        gateway.api(router, HttpMethod.POST, DATA + "/composite", this::composite);
        gateway.api(router, null, DATA + "/composite/sobjects", this::collections);
        gateway.api(router, null, DATA + "/composite/sobjects/:object", this::collectionRetrieve);
        gateway.api(router, null, DATA + "/composite/sobjects/:object/:field", this::collectionUpsert);
        gateway.unknownApiPaths(router);
    }

    // ---- OAuth

    private SandboxResponse token(RoutingContext ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        // Salesforce reads the parameters from the form body; it also takes them in the URL's query string
        ctx.queryParams().forEach(entry -> params.putIfAbsent(entry.getKey(), entry.getValue()));
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && ctx.body() != null && !ctx.body().isEmpty()) {
            for (String pair : ctx.body().asString().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        }
        return SandboxResponse.json(200, simulator.oauth().token(params, ctx.request().getHeader("Authorization"),
                instanceUrl(ctx))).withHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    }

    /** {@code GET|POST /services/oauth2/revoke}: the token in the query string or the form body; 200 when revoked. */
    private SandboxResponse revoke(RoutingContext ctx) {
        String token = ctx.queryParams().get("token");
        if (token == null && ctx.body() != null && !ctx.body().isEmpty()) {
            for (String pair : ctx.body().asString().split("&")) {
                if (pair.startsWith("token=")) {
                    token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
        }
        simulator.oauth().revoke(token);
        return SandboxResponse.json(200, Map.of());
    }

    private String instanceUrl(RoutingContext ctx) {
        if (instanceUrl.isPresent()) {
            return instanceUrl.get();
        }
        String host = ctx.request().getHeader("Host");
        if (host == null || host.isBlank()) {
            host = "localhost:" + ctx.request().localAddress().port();
        }
        return ctx.request().scheme() + "://" + host + SalesforceApiDialect.BASE_PATH;
    }

    // ---- versions, resources, limits

    private static List<Map<String, Object>> versions() {
        List<Map<String, Object>> versions = new ArrayList<>();
        for (String[] version : VERSIONS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", version[0]);
            entry.put("url", "/services/data/v" + version[1]);
            entry.put("version", version[1]);
            versions.add(entry);
        }
        return versions;
    }

    private SandboxResponse resources(RoutingContext ctx) {
        String base = "/services/data/" + version(ctx);
        Map<String, Object> resources = new LinkedHashMap<>();
        for (String name : new String[] {"limits", "query", "queryAll", "sobjects", "composite"}) {
            resources.put(name, base + "/" + name);
        }
        return SandboxResponse.json(200, resources);
    }

    private SandboxResponse limits(RoutingContext ctx) {
        version(ctx);
        SalesforceApiAllowance allowance = simulator.allowance();
        Map<String, Object> daily = new LinkedHashMap<>();
        daily.put("Max", allowance.limit());
        daily.put("Remaining", Math.max(0, allowance.limit() - allowance.used()));
        return SandboxResponse.json(200, Map.of("DailyApiRequests", daily));
    }

    // ---- query

    private SandboxResponse query(RoutingContext ctx, boolean all) {
        String version = version(ctx);
        return SandboxResponse.json(200, runQuery(ctx.queryParams().get("q"), all, version,
                SalesforceQueryCursors.batchSize(ctx.request().getHeader("Sforce-Query-Options"))));
    }

    /** The query resource's answer for one SOQL statement: its first page, and a cursor for the next ones. */
    private Object runQuery(String soql, boolean all, String version, int batchSize) {
        SoqlQuery query = SoqlParser.parse(soql, store.schema());
        List<Map<String, Object>> rows = query.run(store, all);
        if (query.countOnly()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("totalSize", rows.size());
            answer.put("done", true);
            answer.put("records", List.of());
            return answer;
        }
        List<Map<String, Object>> records = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            records.add(query.render(row, store, version));
        }
        return simulator.cursors().first(records, batchSize,
                "/services/data/" + version + "/" + (all ? "queryAll" : "query"));
    }

    private SandboxResponse composite(RoutingContext ctx) {
        version(ctx);
        SalesforceComposite composite = new SalesforceComposite((soql, all, version) -> {
            simulator.recordApiVersion(version);
            return runQuery(soql, all, version, SalesforceQueryCursors.batchSize(null));
        }, objectMapper);
        return SandboxResponse.json(200, composite.execute(body(ctx)));
    }

    private SandboxResponse queryMore(RoutingContext ctx, String resource) {
        String version = version(ctx);
        return SandboxResponse.json(200, simulator.cursors().next(ctx.pathParam("locator"),
                "/services/data/" + version + "/" + resource));
    }

    // ---- sObject rows

    private SandboxResponse create(RoutingContext ctx) {
        String version = version(ctx);
        SalesforceSObject type = object(ctx);
        SaveResult result = store.create(type, store.readFields(type, body(ctx)), apiContext(ctx, version, null));
        return saved(result, 201);
    }

    /** {@code /sobjects/{object}/{id}}: GET, PATCH, DELETE; {@code POST .../{object}/Id} creates (API 37.0+). */
    private SandboxResponse row(RoutingContext ctx) {
        String version = version(ctx);
        SalesforceSObject type = object(ctx);
        String method = method(ctx);
        String rawId = ctx.pathParam("id");
        if (method.equals("POST") && rawId.equals("Id")) {
            return saved(store.create(type, store.readFields(type, body(ctx)), apiContext(ctx, version, null)), 201);
        }
        if (!Set.of("GET", "HEAD", "PATCH", "DELETE").contains(method)) {
            throw SalesforceApiException.of(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method
                    + "' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
        }
        Resolved resolved = store.resolve(type, rawId);
        switch (resolved.resolution()) {
            case MALFORMED, WRONG_TYPE -> throw SalesforceApiException.of(404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + rawId);
            case NOT_FOUND -> throw SalesforceApiException.notFound();
            case DELETED -> throw SalesforceApiException.of(404, "ENTITY_IS_DELETED", "entity is deleted");
            default -> {
            }
        }
        StoredRecord record = resolved.record();
        switch (method) {
            case "PATCH" -> {
                JsonNode body = body(ctx);
                Map<String, Object> values = store.readFields(type, body);
                if (values.containsKey("Id")) {
                    // not documented which error an Id in an update body gets; Id is read-only, so answered as such
                    throw new SalesforceApiException(400, SalesforceError.onFields("INVALID_FIELD_FOR_INSERT_UPDATE",
                            "Unable to create/update fields: Id. Please check the security settings of this field and "
                                    + "verify that it is read/write for your profile or permission set.", List.of("Id")));
                }
                SaveResult result = store.update(record, values, apiContext(ctx, version, null));
                return result.success() ? SandboxResponse.noContent() : failed(result);
            }
            case "DELETE" -> {
                SaveResult result = store.delete(record, apiContext(ctx, version, null));
                return result.success() ? SandboxResponse.noContent() : failed(result);
            }
            default -> {
                Map<String, Object> row = store.row(record.id).orElseThrow();
                return SandboxResponse.json(200, selected(type, row, ctx.queryParams().get("fields"), version));
            }
        }
    }

    /**
     * {@code /sobjects/{object}/{field}/{value}}: GET finds by an External ID or idLookup field (Lead and Contact
     * Email are idLookup fields), PATCH upserts. One match is read or updated (200 with {@code created:false} from
     * API 46.0, 204 before); none is 404 for GET and a create for PATCH (201 {@code created:true}) unless
     * {@code ?updateOnly=true}; several are 300 with the matching records' URLs. A field that is neither is 404
     * "Provided external ID field does not exist or is not accessible". A value ending in a top-level domain that
     * looks like a file extension, such as {@code .inc}, is 404 (documented for REST; use another key then).
     */
    private SandboxResponse rowByExternalId(RoutingContext ctx) {
        String version = version(ctx);
        SalesforceSObject type = object(ctx);
        String method = method(ctx);
        String fieldName = ctx.pathParam("field");
        String value = ctx.pathParam("value");
        if (!method.equals("GET") && !method.equals("PATCH") && !method.equals("HEAD")) {
            throw SalesforceApiException.of(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method
                    + "' not allowed. Allowed are HEAD,GET,PATCH");
        }
        SalesforceField field = type.field(fieldName).filter(f -> f.idLookup() || f.externalId())
                .orElseThrow(() -> SalesforceApiException.of(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + fieldName));
        if (value.toLowerCase(Locale.ROOT).endsWith(".inc")) {
            throw SalesforceApiException.notFound();
        }
        List<String> matches;
        if (field.type() == SalesforceField.Type.ID) {
            Resolved byId = store.resolve(type, value);
            matches = byId.resolution() == SalesforceOrgStore.Resolution.FOUND ? List.of(byId.id()) : List.of();
        } else {
            matches = store.idsWhere(type, field, value);
        }
        if (matches.size() > 1) {
            List<String> urls = matches.stream().map(id -> "/services/data/" + version + "/sobjects/" + type.name() + "/"
                    + id).toList();
            return SandboxResponse.json(300, urls);
        }
        if (!method.equals("PATCH")) {
            if (matches.isEmpty()) {
                throw SalesforceApiException.notFound();
            }
            return SandboxResponse.json(200, selected(type, store.row(matches.get(0)).orElseThrow(),
                    ctx.queryParams().get("fields"), version));
        }
        Map<String, Object> values = store.readFields(type, body(ctx));
        if (values.containsKey("Id") || values.containsKey(field.name())) {
            // Salesforce: "Do not specify Id or an external ID field in the request body or an error is generated";
            // the error itself is not documented
            String named = values.containsKey("Id") ? "Id" : field.name();
            throw new SalesforceApiException(400, SalesforceError.onFields("INVALID_FIELD", "The request body of an "
                    + "upsert cannot contain Id or the external ID field: " + named, List.of(named)));
        }
        SaveContext context = apiContext(ctx, version, null);
        if (matches.isEmpty()) {
            if ("true".equalsIgnoreCase(ctx.queryParams().get("updateOnly")) || field.type() == SalesforceField.Type.ID) {
                throw SalesforceApiException.notFound();
            }
            values.put(field.name(), value);
            SaveResult result = store.create(type, values, context);
            return result.success() ? SandboxResponse.json(201, result.withCreated(true).asJson()) : failed(result);
        }
        SaveResult result = store.update(store.resolve(type, matches.get(0)).record(), values, context);
        if (!result.success()) {
            return failed(result);
        }
        return versionNumber(version) >= UPSERT_BODY_SINCE
                ? SandboxResponse.json(200, result.withCreated(false).asJson()) : SandboxResponse.noContent();
    }

    private SandboxResponse describeGlobal(RoutingContext ctx) {
        String version = version(ctx);
        List<Map<String, Object>> sobjects = new ArrayList<>();
        for (SalesforceSObject type : store.schema().objects()) {
            sobjects.add(objectSummary(type, version));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("encoding", "UTF-8");
        answer.put("maxBatchSize", MAX_COLLECTION);
        answer.put("sobjects", sobjects);
        return SandboxResponse.json(200, answer);
    }

    private SandboxResponse basicInfo(RoutingContext ctx) {
        String version = version(ctx);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("objectDescribe", objectSummary(object(ctx), version));
        answer.put("recentItems", List.of());
        return SandboxResponse.json(200, answer);
    }

    private SandboxResponse describe(RoutingContext ctx) {
        String version = version(ctx);
        SalesforceSObject type = object(ctx);
        Map<String, Object> answer = objectSummary(type, version);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (SalesforceField field : type.fields()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field.name());
            f.put("label", field.label());
            f.put("type", field.type().describeName);
            f.put("length", field.type().textual() ? field.length() : 0);
            f.put("nillable", !field.requiredOnCreate() && !(field.type() == SalesforceField.Type.BOOLEAN)
                    && !field.name().equals("Id") && !(field.restricted() && field.defaultValue() != null));
            f.put("createable", field.createable());
            f.put("updateable", field.updateable());
            f.put("defaultedOnCreate", field.defaultValue() != null || !field.writable());
            f.put("idLookup", field.idLookup());
            f.put("externalId", field.externalId());
            f.put("unique", field.externalId());
            f.put("custom", field.custom());
            f.put("referenceTo", field.referenceTo() == null ? List.of() : List.of(field.referenceTo()));
            f.put("relationshipName", field.relationshipName());
            f.put("restrictedPicklist", field.restricted());
            List<Map<String, Object>> picklist = new ArrayList<>();
            for (String value : field.picklistValues()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("active", true);
                entry.put("defaultValue", value.equals(field.defaultValue()));
                entry.put("label", value);
                entry.put("value", value);
                picklist.add(entry);
            }
            f.put("picklistValues", picklist);
            fields.add(f);
        }
        answer.put("fields", fields);
        return SandboxResponse.json(200, answer);
    }

    private static Map<String, Object> objectSummary(SalesforceSObject type, String version) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", type.name());
        summary.put("label", type.label());
        summary.put("keyPrefix", type.keyPrefix());
        summary.put("custom", false);
        summary.put("createable", true);
        summary.put("updateable", true);
        summary.put("deletable", true);
        summary.put("queryable", true);
        String base = "/services/data/" + version + "/sobjects/" + type.name();
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("sobject", base);
        urls.put("describe", base + "/describe");
        urls.put("rowTemplate", base + "/{ID}");
        summary.put("urls", urls);
        return summary;
    }

    /** {@code /sobjects/{object}/updated/?start=&end=}: ids whose SystemModstamp is within the range. */
    private SandboxResponse updated(RoutingContext ctx) {
        version(ctx);
        SalesforceSObject type = object(ctx);
        Instant[] range = range(ctx);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ids", store.updatedBetween(type, range[0], range[1]));
        answer.put("latestDateCovered", SalesforceValues.formatDatetime(range[2]));
        return SandboxResponse.json(200, answer);
    }

    /** {@code /sobjects/{object}/deleted/?start=&end=}: records deleted within the range. */
    private SandboxResponse deleted(RoutingContext ctx) {
        version(ctx);
        SalesforceSObject type = object(ctx);
        Instant[] range = range(ctx);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deletedRecords", store.deletedBetween(type, range[0], range[1]));
        answer.put("earliestDateAvailable", SalesforceValues.formatDatetime(range[0]));
        answer.put("latestDateCovered", SalesforceValues.formatDatetime(range[2]));
        return SandboxResponse.json(200, answer);
    }

    /** start, end, and the latest date covered (end cut to the minute, not after now). */
    private static Instant[] range(RoutingContext ctx) {
        Instant[] range = new Instant[3];
        String[] names = {"start", "end"};
        for (int i = 0; i < 2; i++) {
            String name = names[i];
            String raw = ctx.queryParams().get(name);
            if (raw == null) {
                throw SalesforceApiException.of(400, "MISSING_ARGUMENT", name + " is required");
            }
            range[i] = SalesforceValues.parseDatetime(raw).orElseThrow(() -> SalesforceApiException.of(400,
                    "INVALID_DATE_FORMAT", name + ": " + raw + " is not a valid datetime"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant end = range[1].truncatedTo(ChronoUnit.MINUTES);
        range[2] = end.isAfter(now) ? now : end;
        return range;
    }

    // ---- sObject Collections

    /** {@code /composite/sobjects}: POST creates, PATCH updates, DELETE deletes, up to 200 records. */
    private SandboxResponse collections(RoutingContext ctx) {
        String version = version(ctx);
        String method = method(ctx);
        if (method.equals("DELETE")) {
            return collectionDelete(ctx, version);
        }
        if (!method.equals("POST") && !method.equals("PATCH")) {
            throw SalesforceApiException.of(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method
                    + "' not allowed. Allowed are POST,PATCH,DELETE");
        }
        boolean create = method.equals("POST");
        JsonNode body = body(ctx);
        JsonNode records = collectionRecords(body);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        // every record is read before any is saved: an unknown field or object fails the whole request
        List<SalesforceSObject> types = new ArrayList<>();
        List<Map<String, Object>> values = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode record : records) {
            SalesforceSObject type = recordType(record);
            ObjectNode fields = record.deepCopy();
            String id = null;
            if (!create) {
                Iterator<String> names = fields.fieldNames();
                List<String> idKeys = new ArrayList<>();
                names.forEachRemaining(name -> {
                    if (name.equalsIgnoreCase("Id")) {
                        idKeys.add(name);
                    }
                });
                for (String key : idKeys) {
                    id = fields.path(key).isNull() ? null : fields.path(key).asText();
                    fields.remove(key);
                }
            }
            types.add(type);
            values.add(store.readFields(type, fields));
            ids.add(id);
        }
        Snapshot snapshot = allOrNone ? store.snapshot() : null;
        Set<String> sameCall = new HashSet<>();
        SaveContext context = apiContext(ctx, version, sameCall);
        List<SaveResult> results = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            results.add(create ? store.create(types.get(i), values.get(i), context)
                    : update(types.get(i), ids.get(i), values.get(i), context));
        }
        return SandboxResponse.json(200, answers(allOrNone ? rollBackIfAnyFailed(results, snapshot) : results));
    }

    private SaveResult update(SalesforceSObject type, String rawId, Map<String, Object> values, SaveContext context) {
        if (rawId == null || rawId.isBlank()) {
            return SaveResult.failed(SalesforceError.onFields("MISSING_ARGUMENT", "Id not specified in an update call",
                    List.of()));
        }
        Resolved resolved = store.resolve(type, rawId);
        return switch (resolved.resolution()) {
            case MALFORMED, WRONG_TYPE -> SaveResult.failed(SalesforceError.onFields("MALFORMED_ID", type.label()
                    + " ID: id value of incorrect type: " + rawId, List.of("Id")));
            // not documented which code an id of no record gets; Salesforce cannot tell it from a purged one
            case NOT_FOUND, DELETED -> SaveResult.failed(SalesforceError.onFields("ENTITY_IS_DELETED",
                    "entity is deleted", List.of()));
            default -> store.update(resolved.record(), values, context);
        };
    }

    /** {@code DELETE /composite/sobjects?ids=...&allOrNone=}: ids of any objects, up to 200. */
    private SandboxResponse collectionDelete(RoutingContext ctx, String version) {
        String raw = ctx.queryParams().get("ids");
        if (raw == null || raw.isBlank()) {
            throw SalesforceApiException.of(400, "MISSING_ARGUMENT", "ids: required");
        }
        String[] ids = raw.split(",");
        if (ids.length > MAX_COLLECTION) {
            throw exceededIdLimit();
        }
        boolean allOrNone = Boolean.parseBoolean(ctx.queryParams().get("allOrNone"));
        Snapshot snapshot = allOrNone ? store.snapshot() : null;
        SaveContext context = apiContext(ctx, version, null);
        List<SaveResult> results = new ArrayList<>();
        for (String rawId : ids) {
            Resolved resolved = store.resolve(null, rawId.trim());
            SaveResult result = switch (resolved.resolution()) {
                case MALFORMED, WRONG_TYPE -> SaveResult.failed(SalesforceError.onFields("MALFORMED_ID",
                        "malformed id " + rawId.trim(), List.of()));
                case NOT_FOUND, DELETED -> new SaveResult(resolved.id(), false, List.of(SalesforceError.onFields(
                        "ENTITY_IS_DELETED", "entity is deleted", List.of())), null);
                default -> store.delete(resolved.record(), context);
            };
            results.add(result);
        }
        return SandboxResponse.json(200, answers(allOrNone ? rollBackIfAnyFailed(results, snapshot) : results));
    }

    /**
     * {@code GET /composite/sobjects/{object}?ids=&fields=} (or POST with {@code {ids, fields}}): the records in the
     * order asked, {@code null} for an id of no live record.
     */
    private SandboxResponse collectionRetrieve(RoutingContext ctx) {
        String version = version(ctx);
        SalesforceSObject type = object(ctx);
        String method = method(ctx);
        String ids;
        String fields;
        if (method.equals("POST")) {
            JsonNode body = body(ctx);
            ids = join(body.path("ids"));
            fields = join(body.path("fields"));
        } else if (method.equals("GET")) {
            ids = ctx.queryParams().get("ids");
            fields = ctx.queryParams().get("fields");
        } else {
            throw SalesforceApiException.of(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method
                    + "' not allowed. Allowed are GET,POST");
        }
        if (ids == null || ids.isBlank() || fields == null || fields.isBlank()) {
            throw SalesforceApiException.of(400, "MISSING_ARGUMENT", "ids and fields are required");
        }
        String[] list = ids.split(",");
        if (list.length > 2000) {
            throw exceededIdLimit();
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (String rawId : list) {
            Resolved resolved = store.resolve(type, rawId.trim());
            records.add(resolved.resolution() == SalesforceOrgStore.Resolution.FOUND
                    ? selected(type, store.row(resolved.id()).orElseThrow(), fields, version) : null);
        }
        return SandboxResponse.json(200, records);
    }

    /**
     * {@code PATCH /composite/sobjects/{object}/{externalIdField}}: upserts up to 200 records of one object by an
     * External ID (or idLookup) field each record carries; several matches are DUPLICATE_EXTERNAL_ID.
     */
    private SandboxResponse collectionUpsert(RoutingContext ctx) {
        String version = version(ctx);
        SalesforceSObject type = object(ctx);
        if (!method(ctx).equals("PATCH")) {
            throw SalesforceApiException.of(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method(ctx)
                    + "' not allowed. Allowed are PATCH");
        }
        String fieldName = ctx.pathParam("field");
        SalesforceField field = type.field(fieldName).filter(f -> f.externalId() || f.idLookup())
                .filter(f -> f.type() != SalesforceField.Type.ID)
                .orElseThrow(() -> SalesforceApiException.of(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + fieldName));
        JsonNode body = body(ctx);
        JsonNode records = collectionRecords(body);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        List<Map<String, Object>> values = new ArrayList<>();
        for (JsonNode record : records) {
            SalesforceSObject recordType = recordType(record);
            if (!recordType.name().equals(type.name())) {
                throw SalesforceApiException.of(400, "INVALID_FIELD", "Records of one type only: " + type.name()
                        + " expected, got " + recordType.name());
            }
            values.add(store.readFields(type, record));
        }
        Snapshot snapshot = allOrNone ? store.snapshot() : null;
        SaveContext context = apiContext(ctx, version, new HashSet<>());
        List<SaveResult> results = new ArrayList<>();
        for (Map<String, Object> record : values) {
            Object key = record.get(field.name());
            if (key == null) {
                results.add(SaveResult.failed(SalesforceError.onFields("MISSING_ARGUMENT", field.name()
                        + " not specified", List.of())));
                continue;
            }
            List<String> matches = store.idsWhere(type, field, key.toString());
            if (matches.size() > 1) {
                results.add(SaveResult.failed(SalesforceError.onFields("DUPLICATE_EXTERNAL_ID", field.label()
                        + ": more than one record found for external id field: " + matches, List.of(field.name()))));
            } else if (matches.isEmpty()) {
                SaveResult result = store.create(type, record, context);
                results.add(result.success() ? result.withCreated(true) : result);
            } else {
                Map<String, Object> changes = new LinkedHashMap<>(record);
                changes.remove(field.name());
                SaveResult result = store.update(store.resolve(type, matches.get(0)).record(), changes, context);
                results.add(result.success() ? result.withCreated(false) : result);
            }
        }
        return SandboxResponse.json(200, answers(allOrNone ? rollBackIfAnyFailed(results, snapshot) : results));
    }

    private JsonNode collectionRecords(JsonNode body) {
        if (!body.isObject() || !body.path("records").isArray()) {
            throw SalesforceApiException.jsonParser("The request body must be an object with a records array");
        }
        if (body.path("records").size() > MAX_COLLECTION) {
            throw exceededIdLimit();
        }
        return body.path("records");
    }

    /** Each record of a collection names its object in {@code attributes.type}. */
    private SalesforceSObject recordType(JsonNode record) {
        String name = record.path("attributes").path("type").asText(null);
        if (name == null) {
            // not documented which code a record without attributes.type gets
            throw SalesforceApiException.of(400, "INVALID_TYPE", "No SObject Type defined in the attributes of a "
                    + "record: each record needs attributes.type");
        }
        return store.object(name).orElseThrow(() -> SalesforceApiException.of(400, "INVALID_TYPE", "sObject type '"
                + name + "' is not supported."));
    }

    private static SalesforceApiException exceededIdLimit() {
        return SalesforceApiException.of(400, "EXCEEDED_ID_LIMIT",
                "record limit reached. cannot submit more than " + MAX_COLLECTION + " records into this call");
    }

    /**
     * allOrNone: when any record failed, nothing is kept; the records that would have been saved answer
     * ALL_OR_NONE_OPERATION_ROLLED_BACK, the failed ones their own errors.
     */
    private List<SaveResult> rollBackIfAnyFailed(List<SaveResult> results, Snapshot snapshot) {
        if (results.stream().allMatch(SaveResult::success)) {
            return results;
        }
        store.restore(snapshot);
        SalesforceError rolledBack = SalesforceError.onFields("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "Record rolled back because not all records were valid and the request was using AllOrNone header",
                List.of());
        return results.stream().map(r -> r.success() ? SaveResult.failed(rolledBack) : r).toList();
    }

    private static List<Map<String, Object>> answers(List<SaveResult> results) {
        return results.stream().map(SaveResult::asJson).toList();
    }

    // ---- controls

    private void registerControls(Router router) {
        gateway.instrumentControls(router, simulator::reset);
        Map<String, String> aliases = Map.of("leads", "Lead", "contacts", "Contact", "accounts", "Account",
                "campaigns", "Campaign", "campaign-members", "CampaignMember");
        aliases.forEach((path, object) -> {
            gateway.control(router, HttpMethod.GET, "/" + path, ctx -> SandboxResponse.json(200,
                    simulator.records(object)));
            gateway.control(router, HttpMethod.POST, "/" + path, ctx -> createdAsUser(object, ctx));
        });
        gateway.control(router, HttpMethod.GET, "/records/:object", ctx -> SandboxResponse.json(200,
                store.views(store.object(ctx.pathParam("object")).orElseThrow(SalesforceApiException::notFound),
                        Boolean.parseBoolean(ctx.queryParams().get("includeDeleted")),
                        SalesforceOrgStore.DEFAULT_API_VERSION)));
        gateway.control(router, HttpMethod.POST, "/records/:object", ctx -> createdAsUser(ctx.pathParam("object"), ctx));
        gateway.control(router, HttpMethod.GET, "/record/:id", ctx -> SandboxResponse.json(200,
                simulator.record(ctx.pathParam("id")).orElseThrow(SalesforceApiException::notFound)));
        gateway.control(router, HttpMethod.PATCH, "/record/:id", ctx -> {
            simulator.updateAsUser(ctx.pathParam("id"), controlMap(ctx));
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.DELETE, "/record/:id", ctx -> {
            simulator.deleteAsUser(ctx.pathParam("id"));
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.POST, "/leads/:id/convert", ctx -> {
            JsonNode body = ctx.body() == null || ctx.body().isEmpty() ? objectMapper.createObjectNode() : controlBody(ctx);
            SalesforceConvertedLead converted = simulator.convertLeadAsUser(ctx.pathParam("id"),
                    body.path("accountId").asText(null), body.path("contactId").asText(null));
            return SandboxResponse.json(200, converted);
        });
        gateway.control(router, HttpMethod.GET, "/users", ctx -> SandboxResponse.json(200, simulator.users()));
        gateway.control(router, HttpMethod.POST, "/users", this::addUser);
        gateway.control(router, HttpMethod.DELETE, "/users/:id", ctx -> {
            simulator.deactivateUser(ctx.pathParam("id"));
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.POST, "/expire-sessions", ctx -> {
            simulator.expireSessions();
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.GET, "/api-usage", ctx -> SandboxResponse.json(200, apiUsage()));
        gateway.control(router, HttpMethod.PUT, "/api-usage", ctx -> {
            JsonNode body = controlBody(ctx);
            if (body.hasNonNull("limit")) {
                simulator.setDailyApiLimit(body.path("limit").asLong());
            }
            if (body.hasNonNull("used")) {
                simulator.setApiUsage(body.path("used").asLong());
            }
            return SandboxResponse.json(200, apiUsage());
        });
        gateway.control(router, HttpMethod.PUT, "/duplicate-rules/:object", ctx -> {
            simulator.setDuplicateRule(ctx.pathParam("object"), SalesforceDuplicateRule.valueOf(
                    controlBody(ctx).path("mode").asText("").toUpperCase(Locale.ROOT)));
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.POST, "/validation-rules", this::addValidationRule);
        gateway.control(router, HttpMethod.DELETE, "/validation-rules", ctx -> {
            simulator.clearValidationRules();
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.POST, "/lock-errors", ctx -> {
            simulator.failNextApiWritesWithLockError(controlBody(ctx).path("count").asInt(1));
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.POST, "/external-id-fields", ctx -> {
            JsonNode body = controlBody(ctx);
            simulator.addExternalIdField(body.path("object").asText(), body.path("field").asText());
            return SandboxResponse.noContent();
        });
        gateway.control(router, HttpMethod.POST, "/jwt-certificate", ctx -> {
            simulator.trustJwtCertificate(ctx.body() == null ? "" : ctx.body().asString());
            return SandboxResponse.noContent();
        });
    }

    /** POST /_control/users {@code {email, firstName, lastName}}: an active user; 201 {@code {id}}. */
    private SandboxResponse addUser(RoutingContext ctx) {
        JsonNode body = controlBody(ctx);
        return SandboxResponse.json(201, Map.of("id", simulator.addUser(body.path("email").asText(null),
                body.path("firstName").asText(null), body.path("lastName").asText(null))));
    }

    private SandboxResponse createdAsUser(String object, RoutingContext ctx) {
        return SandboxResponse.json(201, Map.of("id", simulator.createAsUser(object, controlMap(ctx))));
    }

    /**
     * POST /_control/validation-rules {@code {object, name, field, condition: blank|notBlank|equals|notEquals|contains,
     * value, message, errorField}}: the rule is violated when the field meets the condition.
     */
    private SandboxResponse addValidationRule(RoutingContext ctx) {
        JsonNode body = controlBody(ctx);
        String field = body.path("field").asText();
        String condition = body.path("condition").asText("blank");
        String expected = body.path("value").asText(null);
        java.util.function.Predicate<Map<String, Object>> violated = row -> {
            Object actual = row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(field))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            String text = actual == null ? null : String.valueOf(SalesforceValues.toJson(actual));
            return switch (condition) {
                case "blank" -> text == null || text.isBlank();
                case "notBlank" -> text != null && !text.isBlank();
                case "equals" -> text != null && text.equalsIgnoreCase(expected);
                case "notEquals" -> text == null || !text.equalsIgnoreCase(expected);
                case "contains" -> text != null && expected != null
                        && text.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("Unknown condition " + condition);
            };
        };
        simulator.addValidationRule(body.path("object").asText(), body.path("name").asText("Sandbox_Rule"), violated,
                body.path("message").asText("Validation failed"), body.path("errorField").asText(null));
        return SandboxResponse.noContent();
    }

    private Map<String, Object> apiUsage() {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("used", simulator.apiUsage());
        usage.put("limit", simulator.dailyApiLimit());
        return usage;
    }

    private JsonNode controlBody(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().isEmpty()) {
            throw new IllegalArgumentException("A JSON request body is required");
        }
        try {
            return objectMapper.readTree(ctx.body().asString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> controlMap(RoutingContext ctx) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = objectMapper.convertValue(controlBody(ctx), LinkedHashMap.class);
        return map;
    }

    // ---- helpers

    /** The version in the path ({@code vNN.N}, recorded), or 404 NOT_FOUND as Salesforce answers an unknown one. */
    private String version(RoutingContext ctx) {
        String version = ctx.pathParam("version");
        if (version == null || !VERSION.matcher(version).matches()) {
            throw SalesforceApiException.notFound();
        }
        simulator.recordApiVersion(version);
        return version;
    }

    private static double versionNumber(String version) {
        return Double.parseDouble(version.substring(1));
    }

    private SalesforceSObject object(RoutingContext ctx) {
        return store.object(ctx.pathParam("object")).orElseThrow(SalesforceApiException::notFound);
    }

    /** The request's method; a POST with {@code ?_HttpMethod=X} is X. */
    private static String method(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String override = ctx.queryParams().get("_HttpMethod");
        return method.equals("POST") && override != null ? override.toUpperCase(Locale.ROOT) : method;
    }

    /**
     * The JSON body: required, {@code Content-Type: application/json} (the sandbox speaks no XML), valid JSON;
     * JSON_PARSER_ERROR with the parser's text otherwise, 415 for another content type.
     */
    private JsonNode body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().isEmpty()) {
            throw SalesforceApiException.jsonParser(
                    "The HTTP entity body is required, but this request has no entity body.");
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            // Salesforce also reads XML bodies; the sandbox takes JSON only and answers other types 415
            throw SalesforceApiException.of(415, "UNSUPPORTED_MEDIA_TYPE", "Content type '"
                    + (contentType == null ? "" : contentType) + "' not supported");
        }
        try {
            return objectMapper.readTree(ctx.body().asString());
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? ""
                    : " at [line:" + e.getLocation().getLineNr() + ", column:" + e.getLocation().getColumnNr() + "]";
            throw SalesforceApiException.jsonParser(e.getOriginalMessage() + location);
        }
    }

    private SaveContext apiContext(RoutingContext ctx, String version, Set<String> sameCall) {
        return new SaveContext(store.apiUserId(), true, allowSave(ctx.request().getHeader("Sforce-Duplicate-Rule-Header")),
                version, sameCall);
    }

    /** {@code Sforce-Duplicate-Rule-Header: allowSave=true, includeRecordDetails=true, runAsCurrentUser=true}. */
    static boolean allowSave(String header) {
        if (header == null) {
            return false;
        }
        for (String option : header.split("[,;]")) {
            String[] pair = option.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("allowSave")) {
                return pair[1].trim().equalsIgnoreCase("true");
            }
        }
        return false;
    }

    private static SandboxResponse saved(SaveResult result, int status) {
        return result.success() ? SandboxResponse.json(status, result.asJson()) : failed(result);
    }

    /** A failed single-record save: 400 with the errors as an answer array. */
    private static SandboxResponse failed(SaveResult result) {
        return new SalesforceApiException(400, result.errors()).toResponse();
    }

    /** The record with all fields, or only those in {@code fields=a,b} (unknown ones: 400 INVALID_FIELD). */
    private static Map<String, Object> selected(SalesforceSObject type, Map<String, Object> row, String fields,
                                                String version) {
        Map<String, Object> view = SalesforceOrgStore.view(type, row, version);
        if (fields == null || fields.isBlank()) {
            return view;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        selected.put("attributes", view.get("attributes"));
        for (String name : fields.split(",")) {
            SalesforceField field = type.field(name.trim()).orElseThrow(() -> SalesforceApiException.of(400,
                    "INVALID_FIELD", "No such column '" + name.trim() + "' on entity '" + type.name() + "'. If you are "
                            + "attempting to use a custom field, be sure to append the '__c' after the custom field "
                            + "name. Please reference your WSDL or the describe call for the appropriate names."));
            selected.put(field.name(), view.get(field.name()));
        }
        return selected;
    }

    private static String join(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            return String.join(",", values);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
