package io.contactsync.sandbox;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The part every simulated API request goes through, whatever the endpoint: credential check, injected faults,
 * rate-limit emulation and headers, error shapes, the journal, the call counter and slow answers.
 * Control requests ({@code _control/...}) skip all of that, see {@link #serveControl}.
 */
final class SandboxApiGateway {

    private static final Logger LOG = Logger.getLogger(SandboxApiGateway.class);

    /** One simulated endpoint: turns a request into an answer, or throws a {@link SandboxApiException}. */
    @FunctionalInterface
    interface Endpoint {
        SandboxResponse handle(RoutingContext ctx);
    }

    private final VendorApiDialect dialect;
    private final SimulatorInstruments instruments;
    private final ObjectMapper objectMapper;

    SandboxApiGateway(VendorApiDialect dialect, SimulatorInstruments instruments, ObjectMapper objectMapper) {
        this.dialect = dialect;
        this.instruments = instruments;
        this.objectMapper = objectMapper;
    }

    /** An API endpoint at {@code path} under the vendor's base path; a {@code null} method = any method. */
    void api(Router router, HttpMethod method, String path, Endpoint endpoint) {
        String full = dialect.basePath() + path;
        (method == null ? router.route(full) : router.route(method, full)).handler(ctx -> serveApi(ctx, endpoint));
    }

    /**
     * An endpoint under the vendor's base path that takes no credential and is not counted against the rate limit,
     * e.g. an OAuth token endpoint. It is journaled and counted in the stats' {@code byEndpoint} (not in
     * {@code apiCalls}), and only served faults whose {@code pathContains} names it.
     */
    void open(Router router, HttpMethod method, String path, Endpoint endpoint) {
        router.route(method, dialect.basePath() + path).handler(ctx -> serveOpen(ctx, endpoint));
    }

    /** A control endpoint at {@code path} under the vendor's control path. */
    void control(Router router, HttpMethod method, String path, Endpoint endpoint) {
        router.route(method, dialect.controlPath() + path).handler(ctx -> serveControl(ctx, endpoint));
    }

    /** The control endpoints every simulator has: reset, requests, stats, faults (POST injects, DELETE clears). */
    void instrumentControls(Router router, Runnable reset) {
        control(router, HttpMethod.POST, "/reset", ctx -> {
            reset.run();
            return SandboxResponse.noContent();
        });
        control(router, HttpMethod.GET, "/requests", ctx -> SandboxResponse.json(200, instruments.journal().requests()));
        control(router, HttpMethod.GET, "/stats", ctx -> SandboxResponse.json(200, instruments.stats()));
        control(router, HttpMethod.POST, "/faults", ctx -> {
            instruments.faults().inject(jsonBody(ctx, SandboxFault.class));
            return SandboxResponse.noContent();
        });
        control(router, HttpMethod.DELETE, "/faults", ctx -> {
            instruments.faults().clear();
            return SandboxResponse.noContent();
        });
    }

    /** The vendor's 404 for every other path under its base; registered after all endpoints. */
    void unknownApiPaths(Router router) {
        router.route(dialect.basePath() + "/*").handler(ctx -> serveApi(ctx, unknown -> {
            throw notFound();
        }));
    }

    void serveApi(RoutingContext ctx, Endpoint endpoint) {
        instruments.countApiCall();
        String path = relativePath(ctx);
        SandboxResponse response;
        long delayMillis = 0;
        if (!dialect.authorized(ctx.request())) {
            response = withRateLimitHeaders(dialect.unauthorized().toResponse(), instruments.rateLimiter().current());
        } else {
            Optional<SandboxFault> fault = instruments.faults().take(path);
            delayMillis = fault.map(SandboxFault::delayMillis).orElse(0L);
            if (fault.isPresent() && fault.get().replacesAnswer()) {
                response = withRateLimitHeaders(faultAnswer(fault.get()), instruments.rateLimiter().current());
            } else {
                RequestRateLimiter.Decision decision = instruments.rateLimiter().acquire();
                response = decision.admitted()
                        ? invoke(endpoint, ctx)
                        : tooManyRequests(decision.retryAfterSeconds());
                response = withRateLimitHeaders(response, decision);
            }
        }
        instruments.countAnswer(ctx.request().method().name(), endpoint(ctx), response.status());
        instruments.journal().record(record(ctx, path, response.status()));
        respondAfter(ctx, response, delayMillis);
    }

    private void serveOpen(RoutingContext ctx, Endpoint endpoint) {
        String path = relativePath(ctx);
        Optional<SandboxFault> fault = instruments.faults().takeNamingPath(path);
        long delayMillis = fault.map(SandboxFault::delayMillis).orElse(0L);
        SandboxResponse response = fault.isPresent() && fault.get().replacesAnswer()
                ? dialect.failure(fault.get().status()).toResponse()
                : invoke(endpoint, ctx);
        instruments.countAnswer(ctx.request().method().name(), endpoint(ctx), response.status());
        instruments.journal().record(record(ctx, path, response.status()));
        respondAfter(ctx, response, delayMillis);
    }

    void serveControl(RoutingContext ctx, Endpoint endpoint) {
        respond(ctx, invoke(endpoint, ctx));
    }

    /** The request body as JSON; a vendor-shaped 400 when it is missing or malformed. */
    JsonNode jsonBody(RoutingContext ctx) {
        return jsonBody(ctx, JsonNode.class);
    }

    /** The request body read as the given type; a vendor-shaped 400 when it is missing or malformed. */
    <T> T jsonBody(RoutingContext ctx, Class<T> type) {
        if (ctx.body() == null || ctx.body().isEmpty()) {
            throw dialect.badRequest("A JSON request body is required");
        }
        try {
            return objectMapper.readValue(ctx.body().asString(), type);
        } catch (JsonProcessingException e) {
            throw dialect.badRequest("Invalid input JSON: " + e.getOriginalMessage());
        }
    }

    SandboxApiException notFound() {
        return dialect.failure(404);
    }

    private SandboxResponse invoke(Endpoint endpoint, RoutingContext ctx) {
        try {
            return endpoint.handle(ctx);
        } catch (SandboxApiException e) {
            return e.toResponse();
        } catch (IllegalArgumentException e) {
            return dialect.badRequest(e.getMessage()).toResponse();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sandbox %s failed on %s %s", dialect.vendor(), ctx.request().method(), relativePath(ctx));
            return dialect.failure(500).toResponse();
        }
    }

    private SandboxResponse faultAnswer(SandboxFault fault) {
        return fault.status() == 429 ? tooManyRequests(fault.retryAfterSeconds()) : dialect.failure(fault.status()).toResponse();
    }

    private SandboxResponse tooManyRequests(int retryAfterSeconds) {
        SandboxResponse response = dialect.rateLimited().toResponse();
        if (!instruments.sendsRateHeaders()) {
            return response;
        }
        for (Map.Entry<String, String> header : dialect.tooManyRequestsHeaders(retryAfterSeconds).entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    /** Adds the rate-limit headers the answer does not carry yet (a 429's own wait wins). */
    private SandboxResponse withRateLimitHeaders(SandboxResponse response, RequestRateLimiter.Decision decision) {
        if (!instruments.sendsRateHeaders()) {
            return response;
        }
        SandboxResponse decorated = response;
        for (Map.Entry<String, String> header : dialect.rateLimitHeaders(decision).entrySet()) {
            if (!decorated.headers().containsKey(header.getKey())) {
                decorated = decorated.withHeader(header.getKey(), header.getValue());
            }
        }
        return decorated;
    }

    /** The matched route's path template relative to the vendor base, e.g. {@code /crm/v3/objects/contacts/:contactId}. */
    private String endpoint(RoutingContext ctx) {
        String template = ctx.currentRoute() == null ? null : ctx.currentRoute().getPath();
        if (template == null) {
            return "?";
        }
        return template.startsWith(dialect.basePath()) ? template.substring(dialect.basePath().length()) : template;
    }

    private String relativePath(RoutingContext ctx) {
        return ctx.request().path().substring(dialect.basePath().length());
    }

    private RecordedRequest record(RoutingContext ctx, String path, int status) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : ctx.request().headers().names()) {
            List<String> values = ctx.request().headers().getAll(name);
            headers.put(name, String.join(", ", values));
        }
        String body = ctx.body() == null || ctx.body().isEmpty() ? "" : ctx.body().asString();
        return new RecordedRequest(dialect.vendor(), ctx.request().method().name(), path, ctx.request().query(),
                Collections.unmodifiableMap(headers), body, status);
    }

    private void respondAfter(RoutingContext ctx, SandboxResponse response, long delayMillis) {
        if (delayMillis > 0) {
            ctx.vertx().setTimer(delayMillis, timer -> respond(ctx, response));
        } else {
            respond(ctx, response);
        }
    }

    private void respond(RoutingContext ctx, SandboxResponse response) {
        HttpServerResponse http = ctx.response();
        if (http.ended() || http.closed()) {
            return;
        }
        http.setStatusCode(response.status());
        response.headers().forEach(http::putHeader);
        if (response.body() == null) {
            http.end();
            return;
        }
        try {
            http.putHeader("Content-Type", "application/json;charset=UTF-8");
            http.end(Buffer.buffer(objectMapper.writeValueAsBytes(response.body())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a sandbox answer", e);
        }
    }
}
