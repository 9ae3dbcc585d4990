package io.contactsync.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;



import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP face of {@link RespondioSimulator}: the Developer API v2 contact endpoints under
 * {@code /sandbox/respondio/v2} and the sandbox's own control endpoints under {@code /sandbox/respondio/_control}.
 */
public class RespondioSimulatorRoutes {

    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final RespondioSimulator simulator;
    private final SandboxApiGateway gateway;
    private final ObjectMapper objectMapper;

    RespondioSimulatorRoutes(RespondioSimulator simulator, ObjectMapper objectMapper, Optional<String> apiToken) {
        this.simulator = simulator;
        this.objectMapper = objectMapper;
        this.gateway = new SandboxApiGateway(new RespondioApiDialect(apiToken), simulator.instruments(), objectMapper);
    }

    void register(Router router) {
        gateway.instrumentControls(router, simulator::reset);
        gateway.control(router, HttpMethod.GET, "/contacts", ctx -> SandboxResponse.json(200, simulator.contacts()));
        gateway.control(router, HttpMethod.POST, "/contacts", this::createAsUser);
        gateway.control(router, HttpMethod.PATCH, "/contacts/:contactId", this::updateAsUser);

        gateway.api(router, HttpMethod.POST, "/contact/list", this::list);
        gateway.api(router, HttpMethod.POST, "/contact/create_or_update/:identifier", this::createOrUpdate);
        gateway.api(router, HttpMethod.GET, "/contact/:identifier", this::get);
        gateway.api(router, HttpMethod.POST, "/contact/:identifier", this::create);
        gateway.api(router, HttpMethod.PUT, "/contact/:identifier", this::update);
        gateway.unknownApiPaths(router);
    }

    private SandboxResponse get(RoutingContext ctx) {
        return SandboxResponse.json(200,
                simulator.store().find(identifier(ctx)).orElseThrow(RespondioApiException::contactNotFound));
    }

    private SandboxResponse create(RoutingContext ctx) {
        simulator.announce(simulator.store().create(identifier(ctx), fields(ctx)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", "200");
        answer.put("message", "Contact added successfully!");
        return SandboxResponse.json(200, answer);
    }

    private SandboxResponse update(RoutingContext ctx) {
        RespondioContactChange change = simulator.store().update(identifier(ctx), fields(ctx));
        simulator.announce(change);
        return SandboxResponse.json(200, Map.of("contactId", change.contactId()));
    }

    private SandboxResponse createOrUpdate(RoutingContext ctx) {
        RespondioContactChange change = simulator.store().createOrUpdate(identifier(ctx), fields(ctx));
        simulator.announce(change);
        return SandboxResponse.json(200, Map.of("contactId", change.contactId()));
    }

    private SandboxResponse list(RoutingContext ctx) {
        int limit = intParam(ctx, "limit").orElse(DEFAULT_PAGE_SIZE);
        Long cursorId = intParam(ctx, "cursorId").map(Integer::longValue).orElse(null);
        RespondioContactFilter filter = RespondioContactFilter.parse(gateway.jsonBody(ctx));
        RespondioContactPage page = simulator.store().list(filter, limit, cursorId);
        Map<String, Object> pagination = new LinkedHashMap<>();
        if (page.nextCursorId() != null) {
            URI requested = URI.create(ctx.request().absoluteURI());
            pagination.put("next", requested.getScheme() + "://" + requested.getRawAuthority() + RespondioApiDialect.BASE_PATH
                    + "/contact/list?limit=" + limit + "&cursorId=" + page.nextCursorId());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items());
        answer.put("pagination", pagination);
        return SandboxResponse.json(200, answer);
    }

    private SandboxResponse createAsUser(RoutingContext ctx) {
        long id = simulator.createContactAsUser(fields(ctx));
        return SandboxResponse.json(201, simulator.contact(id).orElseThrow());
    }

    private SandboxResponse updateAsUser(RoutingContext ctx) {
        long id = Long.parseLong(ctx.pathParam("contactId"));
        simulator.updateContactAsUser(id, fields(ctx));
        return SandboxResponse.json(200, simulator.contact(id).orElseThrow());
    }

    /** The {@code {identifier}} path segment; Vert.x has already URL-decoded it ({@code %40} → @, {@code %2B} → +). */
    private static RespondioIdentifier identifier(RoutingContext ctx) {
        return RespondioIdentifier.parse(ctx.pathParam("identifier"));
    }

    private Map<String, Object> fields(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        if (!body.isObject()) {
            throw RespondioApiException.badRequest("The request body must be a JSON object");
        }
        return objectMapper.convertValue(body, FIELDS);
    }

    private static Optional<Integer> intParam(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw RespondioApiException.badRequest(name + " must be a number");
        }
    }
}
