package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;



import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.BrevoContactStore.ContactInput;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP face of {@link BrevoSimulator}: the API v3 contacts, lists, attributes and folders endpoints under
 * {@code /sandbox/brevo/v3} ({@code api-key} header) and the sandbox's control endpoints under
 * {@code /sandbox/brevo/_control}.
 */
public class BrevoSimulatorRoutes {

    private static final int MAX_LIST_CHANGE = 150;
    private static final int MAX_LISTS_PAGE = 50;
    private static final int MAX_LIST_CONTACTS_PAGE = 500;

    private final BrevoSimulator simulator;
    private final SandboxApiGateway gateway;
    private final ObjectMapper objectMapper;

    BrevoSimulatorRoutes(BrevoSimulator simulator, ObjectMapper objectMapper, Optional<String> apiKey) {
        this.simulator = simulator;
        this.objectMapper = objectMapper;
        this.gateway = new SandboxApiGateway(new BrevoApiDialect(apiKey), simulator.instruments(), objectMapper);
    }

    void register(Router router) {
        gateway.instrumentControls(router, simulator::reset);
        gateway.control(router, HttpMethod.GET, "/contacts", ctx -> SandboxResponse.json(200, simulator.contacts()));
        gateway.control(router, HttpMethod.GET, "/lists", ctx -> SandboxResponse.json(200, simulator.lists()));
        gateway.control(router, HttpMethod.POST, "/attributes", ctx -> {
            simulator.attributes().add(map(gateway.jsonBody(ctx)));
            return SandboxResponse.json(201, simulator.attributes().all());
        });

        gateway.api(router, HttpMethod.GET, "/contacts/attributes",
                ctx -> SandboxResponse.json(200, Map.of("attributes", simulator.attributes().all())));
        gateway.api(router, HttpMethod.GET, "/contacts/folders", ctx -> SandboxResponse.json(200, simulator.store().folders()));
        gateway.api(router, HttpMethod.GET, "/contacts/lists", this::lists);
        gateway.api(router, HttpMethod.POST, "/contacts/lists", this::createList);
        gateway.api(router, HttpMethod.GET, "/contacts/lists/:listId", ctx -> SandboxResponse.json(200,
                simulator.store().list(listId(ctx))));
        gateway.api(router, HttpMethod.GET, "/contacts/lists/:listId/contacts", this::listContacts);
        gateway.api(router, HttpMethod.POST, "/contacts/lists/:listId/contacts/add", ctx -> changeMembership(ctx, true));
        gateway.api(router, HttpMethod.POST, "/contacts/lists/:listId/contacts/remove", ctx -> changeMembership(ctx, false));
        gateway.api(router, HttpMethod.POST, "/contacts/batch", this::batchUpdate);
        gateway.api(router, HttpMethod.POST, "/contacts/import", this::importContacts);
        gateway.api(router, HttpMethod.POST, "/contacts", this::create);
        gateway.api(router, HttpMethod.GET, "/contacts/:identifier", ctx -> SandboxResponse.json(200,
                simulator.store().find(ctx.pathParam("identifier"), identifierType(ctx))));
        gateway.api(router, HttpMethod.PUT, "/contacts/:identifier", this::update);
        gateway.api(router, HttpMethod.DELETE, "/contacts/:identifier", ctx -> {
            simulator.store().delete(ctx.pathParam("identifier"), identifierType(ctx));
            return SandboxResponse.noContent();
        });
        gateway.unknownApiPaths(router);
    }

    private SandboxResponse create(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        Optional<Long> created = simulator.store().create(input(body, "email"), body.path("updateEnabled").asBoolean());
        return created.map(id -> SandboxResponse.json(201, Map.of("id", id))).orElseGet(SandboxResponse::noContent);
    }

    private SandboxResponse update(RoutingContext ctx) {
        simulator.store().update(ctx.pathParam("identifier"), identifierType(ctx), input(gateway.jsonBody(ctx), null));
        return SandboxResponse.noContent();
    }

    /** POST /contacts/batch: each contact is named by email, id or sms; 204 when all are updated, else 400. */
    private SandboxResponse batchUpdate(RoutingContext ctx) {
        JsonNode contacts = gateway.jsonBody(ctx).path("contacts");
        if (!contacts.isArray() || contacts.isEmpty()) {
            throw BrevoApiException.missing("contacts is missing");
        }
        List<BrevoContactStore.BatchUpdate> updates = new ArrayList<>();
        for (JsonNode contact : contacts) {
            String[] identifier = batchIdentifier(contact);
            updates.add(new BrevoContactStore.BatchUpdate(identifier[0], identifier[1], input(contact, null)));
        }
        simulator.store().batchUpdate(updates);
        return SandboxResponse.noContent();
    }

    private SandboxResponse importContacts(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        JsonNode rows = body.path("jsonBody");
        if (!rows.isArray()) {
            throw BrevoApiException.missing("jsonBody, fileBody or fileUrl is required (this sandbox takes jsonBody)");
        }
        List<Long> listIds = longs(body.path("listIds"));
        if (listIds == null || listIds.isEmpty()) {
            throw BrevoApiException.missing("listIds is required");
        }
        // a row is {email, attributes} (the spec's row shape; anything else in it is ignored, as Brevo does);
        // blacklisting is the import's own flag, for all its rows
        Boolean emailBlacklist = body.path("emailBlacklist").asBoolean() ? Boolean.TRUE : null;
        Boolean smsBlacklist = body.path("smsBlacklist").asBoolean() ? Boolean.TRUE : null;
        List<ContactInput> inputs = new ArrayList<>();
        for (JsonNode row : rows) {
            ContactInput fields = input(row, "email");
            inputs.add(new ContactInput(fields.email(), fields.attributes(), emailBlacklist, smsBlacklist, null, null));
        }
        simulator.store().importRows(inputs, listIds, !body.has("updateExistingContacts")
                || body.path("updateExistingContacts").asBoolean());
        return SandboxResponse.json(202, Map.of("processId", simulator.instruments().apiCalls()));
    }

    private SandboxResponse lists(RoutingContext ctx) {
        int limit = intParam(ctx, "limit", 10, MAX_LISTS_PAGE);
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        return SandboxResponse.json(200, simulator.store().lists(limit, offset));
    }

    private SandboxResponse createList(RoutingContext ctx) {
        JsonNode body = gateway.jsonBody(ctx);
        if (!body.path("folderId").canConvertToLong()) {
            throw BrevoApiException.missing("folderId is missing");
        }
        long id = simulator.store().createList(body.path("name").asText(null), body.path("folderId").asLong());
        return SandboxResponse.json(201, Map.of("id", id));
    }

    private SandboxResponse listContacts(RoutingContext ctx) {
        int limit = intParam(ctx, "limit", 50, MAX_LIST_CONTACTS_PAGE);
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        return SandboxResponse.json(200, simulator.store().listContacts(listId(ctx), limit, offset));
    }

    private SandboxResponse changeMembership(RoutingContext ctx, boolean add) {
        long listId = listId(ctx);
        JsonNode body = gateway.jsonBody(ctx);
        if (!add && body.path("all").asBoolean()) {
            return SandboxResponse.json(201, simulator.store().removeAll(listId));
        }
        boolean byEmail = body.has("emails");
        if (byEmail == body.has("ids")) {
            throw BrevoApiException.invalid("pass either emails or ids");
        }
        JsonNode keys = body.path(byEmail ? "emails" : "ids");
        if (!keys.isArray() || keys.isEmpty() || keys.size() > MAX_LIST_CHANGE) {
            throw BrevoApiException.invalid((byEmail ? "emails" : "ids") + " must hold 1 to " + MAX_LIST_CHANGE
                    + " values");
        }
        List<Object> values = new ArrayList<>();
        keys.forEach(k -> values.add(byEmail ? k.asText() : k.asLong()));
        return SandboxResponse.json(201, simulator.store().changeMembership(listId, values, byEmail, add));
    }

    /** A contact of a create, update, batch or import body. {@code emailField} null: the body names no email. */
    private ContactInput input(JsonNode body, String emailField) {
        JsonNode attributes = body.path("attributes");
        if (!attributes.isMissingNode() && !attributes.isObject()) {
            throw BrevoApiException.invalid("attributes should be an object");
        }
        return new ContactInput(emailField == null ? null : body.path(emailField).asText(null),
                attributes.isObject() ? map(attributes) : null, bool(body.path("emailBlacklisted")),
                bool(body.path("smsBlacklisted")), longs(body.path("listIds")), longs(body.path("unlinkListIds")));
    }

    private static String[] batchIdentifier(JsonNode contact) {
        if (contact.hasNonNull("email")) {
            return new String[] {contact.path("email").asText(), "email_id"};
        }
        if (contact.hasNonNull("id")) {
            return new String[] {contact.path("id").asText(), "contact_id"};
        }
        if (contact.hasNonNull("sms")) {
            return new String[] {contact.path("sms").asText(), "phone_id"};
        }
        throw BrevoApiException.missing("each contact needs email, id or sms");
    }

    private Map<String, Object> map(JsonNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = objectMapper.convertValue(node, LinkedHashMap.class);
        return map;
    }

    private static Boolean bool(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : null;
    }

    private static List<Long> longs(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw BrevoApiException.invalid("list ids should be an array of integers");
        }
        List<Long> values = new ArrayList<>();
        node.forEach(n -> {
            if (!n.canConvertToLong()) {
                throw BrevoApiException.invalid("list ids should be integers");
            }
            values.add(n.asLong());
        });
        return values;
    }

    private static long listId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("listId"));
        } catch (NumberFormatException e) {
            throw BrevoApiException.invalid("listId should be an integer");
        }
    }

    private static String identifierType(RoutingContext ctx) {
        return ctx.queryParams().get("identifierType");
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue, int max) {
        String raw = ctx.queryParams().get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < 0 || value > max) {
                throw BrevoApiException.invalid(name + " should be between 0 and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw BrevoApiException.invalid(name + " should be an integer");
        }
    }
}
