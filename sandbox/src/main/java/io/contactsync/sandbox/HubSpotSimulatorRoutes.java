package io.contactsync.sandbox;

import static io.contactsync.sandbox.HubSpotContactStore.selection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;



import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.HubSpotWebhookPublisher.ChangeSource;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP face of {@link HubSpotSimulator}: the CRM v3 contacts, Lists v3 and CRM v3 owners endpoints under
 * {@code /sandbox/hubspot} and the sandbox's own control endpoints under {@code /sandbox/hubspot/_control}.
 */
public class HubSpotSimulatorRoutes {

    static final int MAX_BATCH_INPUTS = 100;
    private static final String CONTACTS = "/crm/v3/objects/contacts";
    private static final String LISTS = "/crm/v3/lists";
    private static final String OWNERS = "/crm/v3/owners";

    private final HubSpotSimulator simulator;
    private final SandboxApiGateway gateway;

    HubSpotSimulatorRoutes(HubSpotSimulator simulator, ObjectMapper objectMapper, Optional<String> accessToken) {
        this.simulator = simulator;
        SimulatorInstruments instruments = simulator.instruments();
        this.gateway = new SandboxApiGateway(new HubSpotApiDialect(accessToken, instruments::apiCalls), instruments, objectMapper);
    }

    void register(Router router) {
        gateway.instrumentControls(router, simulator::reset);
        gateway.control(router, HttpMethod.GET, "/contacts", ctx -> SandboxResponse.json(200, simulator.contacts()));
        gateway.control(router, HttpMethod.POST, "/contacts", this::createAsUser);
        gateway.control(router, HttpMethod.PATCH, "/contacts/:contactId", this::updateAsUser);
        gateway.control(router, HttpMethod.GET, "/lists", ctx -> SandboxResponse.json(200, simulator.lists()));
        gateway.control(router, HttpMethod.POST, "/lists", this::createListAsUser);
        gateway.control(router, HttpMethod.GET, "/owners", ctx -> SandboxResponse.json(200, simulator.owners()));
        gateway.control(router, HttpMethod.POST, "/owners", this::addOwner);
        gateway.control(router, HttpMethod.DELETE, "/owners/:ownerId", ctx -> {
            simulator.archiveOwner(ctx.pathParam("ownerId"));
            return SandboxResponse.noContent();
        });

        gateway.api(router, HttpMethod.POST, CONTACTS + "/search", this::search);
        gateway.api(router, HttpMethod.POST, CONTACTS + "/batch/read", this::batchRead);
        gateway.api(router, HttpMethod.POST, CONTACTS + "/batch/upsert", this::batchUpsert);
        gateway.api(router, HttpMethod.POST, CONTACTS + "/batch/update", this::batchUpdate);
        gateway.api(router, HttpMethod.POST, CONTACTS, this::create);
        gateway.api(router, HttpMethod.GET, CONTACTS + "/:contactId", this::get);
        gateway.api(router, HttpMethod.PATCH, CONTACTS + "/:contactId", this::update);
        gateway.api(router, HttpMethod.POST, LISTS, this::createList);
        gateway.api(router, HttpMethod.GET, LISTS + "/:listId", this::getList);
        gateway.api(router, HttpMethod.GET, LISTS + "/:listId/memberships", this::memberships);
        gateway.api(router, HttpMethod.PUT, LISTS + "/:listId/memberships/add", this::addMembers);
        gateway.api(router, HttpMethod.PUT, LISTS + "/:listId/memberships/remove", this::removeMembers);
        gateway.api(router, HttpMethod.GET, OWNERS, this::owners);
        gateway.unknownApiPaths(router);
    }

    private SandboxResponse get(RoutingContext ctx) {
        String id = existingId(ctx.pathParam("contactId"), ctx.queryParams().get("idProperty"));
        return SandboxResponse.json(200, found(id, selection(queryProperties(ctx))));
    }

    private SandboxResponse create(RoutingContext ctx) {
        Map<String, String> properties = properties(gateway.jsonBody(ctx).path("properties"));
        HubSpotContactChange change = simulator.store().create(properties);
        simulator.announce(change, ChangeSource.INTEGRATION);
        return SandboxResponse.json(201, found(change.contactId(), selection(properties.keySet())));
    }

    private SandboxResponse update(RoutingContext ctx) {
        String id = existingId(ctx.pathParam("contactId"), ctx.queryParams().get("idProperty"));
        Map<String, String> properties = properties(gateway.jsonBody(ctx).path("properties"));
        simulator.announce(simulator.store().update(id, properties), ChangeSource.INTEGRATION);
        return SandboxResponse.json(200, found(id, selection(properties.keySet())));
    }

    private SandboxResponse batchRead(RoutingContext ctx) {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        JsonNode body = gateway.jsonBody(ctx);
        String idProperty = textOrNull(body.path("idProperty"));
        Set<String> names = selection(textList(body.path("properties")));
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs(body)) {
            String idValue = input.path("id").asText();
            simulator.store().resolve(idValue, idProperty)
                    .flatMap(id -> simulator.store().find(id, names))
                    .ifPresentOrElse(results::add, () -> missing.add(idValue));
        }
        return batchAnswer(startedAt, results, missing, "get");
    }

    private SandboxResponse batchUpsert(RoutingContext ctx) {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<HubSpotUpsertInput> inputs = new ArrayList<>();
        for (JsonNode input : inputs(gateway.jsonBody(ctx))) {
            inputs.add(new HubSpotUpsertInput(textOrNull(input.path("id")), textOrNull(input.path("idProperty")),
                    properties(input.path("properties"))));
        }
        List<HubSpotContactChange> changes = simulator.store().upsert(inputs);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            HubSpotContactChange change = changes.get(i);
            simulator.announce(change, ChangeSource.INTEGRATION);
            Map<String, Object> result = new LinkedHashMap<>(found(change.contactId(), selection(inputs.get(i).properties().keySet())));
            result.put("new", change.created());
            results.add(result);
        }
        return batchAnswer(startedAt, results, List.of(), "upsert");
    }

    private SandboxResponse batchUpdate(RoutingContext ctx) {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs(gateway.jsonBody(ctx))) {
            String idValue = input.path("id").asText();
            Map<String, String> properties = properties(input.path("properties"));
            Optional<String> id = simulator.store().resolve(idValue, textOrNull(input.path("idProperty")));
            if (id.isEmpty()) {
                missing.add(idValue);
                continue;
            }
            simulator.announce(simulator.store().update(id.get(), properties), ChangeSource.INTEGRATION);
            results.add(found(id.get(), selection(properties.keySet())));
        }
        return batchAnswer(startedAt, results, missing, "update");
    }

    private SandboxResponse search(RoutingContext ctx) {
        return SandboxResponse.json(200, simulator.store().search(HubSpotContactSearch.parse(gateway.jsonBody(ctx))));
    }

    private SandboxResponse createList(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        String listId = simulator.listStore().create(null, textOrNull(body.path("name")),
                textOrNull(body.path("objectTypeId")), textOrNull(body.path("processingType")));
        return SandboxResponse.json(200, Map.of("list", simulator.listStore().find(listId).orElseThrow()));
    }

    private SandboxResponse getList(RoutingContext ctx) {
        Map<String, Object> list = simulator.listStore().find(ctx.pathParam("listId"))
                .orElseThrow(HubSpotApiException::notFound);
        return SandboxResponse.json(200, Map.of("list", list));
    }

    /** Pages forward only: {@code before} (a descending page) is not simulated and answers 400 rather than a wrong page. */
    private SandboxResponse memberships(RoutingContext ctx) {
        String after = Optional.ofNullable(ctx.queryParams().get("after")).filter(cursor -> !cursor.isEmpty()).orElse(null);
        if (after == null && ctx.queryParams().contains("before")) {
            throw HubSpotApiException.validation("The sandbox pages list memberships with after only, not before");
        }
        int limit = intParam(ctx, "limit", HubSpotListStore.DEFAULT_PAGE_SIZE);
        return SandboxResponse.json(200, simulator.listStore().members(ctx.pathParam("listId"), after, limit));
    }

    /** {@code GET /crm/v3/owners?email=&after=&limit=&archived=}. */
    private SandboxResponse owners(RoutingContext ctx) {
        String archived = ctx.queryParams().get("archived");
        if (archived != null && !archived.equalsIgnoreCase("true") && !archived.equalsIgnoreCase("false")) {
            throw HubSpotApiException.validation("archived must be true or false, not " + archived);
        }
        String after = Optional.ofNullable(ctx.queryParams().get("after")).filter(cursor -> !cursor.isEmpty()).orElse(null);
        String email = Optional.ofNullable(ctx.queryParams().get("email")).filter(e -> !e.isBlank()).orElse(null);
        return SandboxResponse.json(200, simulator.ownerStore().page(email, after,
                intParam(ctx, "limit", HubSpotOwnerStore.DEFAULT_PAGE_SIZE), Boolean.parseBoolean(archived)));
    }

    /** {@code {"email":"ana@example.com","firstName":"Ana","lastName":"Lopez"}}: a user joins the account; 201 the owner. */
    private SandboxResponse addOwner(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        String id = simulator.addOwner(textOrNull(body.path("email")), textOrNull(body.path("firstName")),
                textOrNull(body.path("lastName")));
        return SandboxResponse.json(201, simulator.owners().stream().filter(o -> o.get("id").equals(id)).findFirst()
                .orElseThrow());
    }

    private SandboxResponse addMembers(RoutingContext ctx) {
        String listId = ctx.pathParam("listId");
        simulator.listStore().requireEditable(listId);
        return SandboxResponse.json(200, simulator.listStore().add(listId, recordIds(gateway.jsonBody(ctx))).toResponse());
    }

    private SandboxResponse removeMembers(RoutingContext ctx) {
        String listId = ctx.pathParam("listId");
        simulator.listStore().requireEditable(listId);
        return SandboxResponse.json(200, simulator.listStore().remove(listId, recordIds(gateway.jsonBody(ctx))).toResponse());
    }

    /** {@code {"listId":"777","name":"Bench"}} (listId optional) creates a MANUAL list; 409 when the listId is taken. */
    private SandboxResponse createListAsUser(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        String processingType = textOrNull(body.path("processingType"));
        String listId = simulator.createList(textOrNull(body.path("listId")), textOrNull(body.path("name")),
                processingType == null ? HubSpotListStore.MANUAL : processingType);
        return SandboxResponse.json(201, simulator.listStore().find(listId).orElseThrow());
    }

    private SandboxResponse createAsUser(RoutingContext ctx) {
        String id = simulator.createContactAsUser(properties(gateway.jsonBody(ctx).path("properties")));
        return SandboxResponse.json(201, simulator.contact(id).orElseThrow());
    }

    private SandboxResponse updateAsUser(RoutingContext ctx) {
        String id = ctx.pathParam("contactId");
        simulator.updateContactAsUser(id, properties(gateway.jsonBody(ctx).path("properties")));
        return SandboxResponse.json(200, simulator.contact(id).orElseThrow());
    }

    private String existingId(String idValue, String idProperty) {
        return simulator.store().resolve(idValue, idProperty).orElseThrow(HubSpotApiException::notFound);
    }

    private Map<String, Object> found(String id, Set<String> propertyNames) {
        return simulator.store().find(id, propertyNames).orElseThrow(HubSpotApiException::notFound);
    }

    /** A batch answer: 200 with status COMPLETE, or 207 with an OBJECT_NOT_FOUND error naming the missing ids. */
    private static SandboxResponse batchAnswer(String startedAt, List<Map<String, Object>> results, List<String> missing,
                                               String verb) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "COMPLETE");
        answer.put("results", results);
        if (!missing.isEmpty()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("status", "error");
            error.put("category", "OBJECT_NOT_FOUND");
            error.put("message", "Could not " + verb + " some CONTACT objects, they may be deleted or not exist. Check that ids are valid.");
            error.put("context", Map.of("ids", missing));
            error.put("errors", List.of());
            error.put("links", Map.of());
            answer.put("numErrors", 1);
            answer.put("errors", List.of(error));
        }
        answer.put("startedAt", startedAt);
        answer.put("completedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return SandboxResponse.json(missing.isEmpty() ? 200 : 207, answer);
    }

    private static JsonNode inputs(JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray()) {
            throw HubSpotApiException.validation("inputs must be a list");
        }
        if (inputs.size() > MAX_BATCH_INPUTS) {
            throw HubSpotApiException.validation("Batch size of " + inputs.size() + " exceeds the maximum of " + MAX_BATCH_INPUTS);
        }
        return inputs;
    }

    /** A {@code properties} object as property name to string value; null stays null (clears, like ""). */
    private static Map<String, String> properties(JsonNode node) {
        if (!node.isObject()) {
            throw HubSpotApiException.validation("properties must be an object of property names to values");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> properties.put(field.getKey(), textOrNull(field.getValue())));
        return properties;
    }

    /** The {@code properties} query parameter(s), comma-separated; {@code null} when absent. */
    private static List<String> queryProperties(RoutingContext ctx) {
        List<String> params = ctx.queryParam("properties");
        if (params.isEmpty()) {
            return null;
        }
        return params.stream()
                .flatMap(param -> Arrays.stream(param.split(",")))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /** A memberships edit body: a JSON array of record id strings. */
    private static List<String> recordIds(JsonNode body) {
        if (!body.isArray()) {
            throw HubSpotApiException.validation("The request body must be a JSON array of record ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : body) {
            if (!id.isTextual() && !id.isNumber()) {
                throw HubSpotApiException.validation("Record ids must be strings, not " + id);
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw HubSpotApiException.validation(name + " must be an integer, not " + value);
        }
    }

    private static List<String> textList(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String textOrNull(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
