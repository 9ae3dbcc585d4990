package io.contactsync.sandbox;

import java.util.Map;
import java.util.Optional;

import io.vertx.core.http.HttpServerRequest;

/** How one vendor's API looks on the wire, apart from its endpoints: base path, auth, errors, rate-limit headers. */
public interface VendorApiDialect {

    /** {@code hubspot}, {@code respondio}, {@code brevo} or {@code salesforce}, as recorded in the journal. */
    String vendor();

    /** Path under which the vendor's API is served, e.g. {@code /sandbox/hubspot}. */
    String basePath();

    /** Path of the sandbox's own control endpoints for this vendor, e.g. {@code /sandbox/hubspot/_control}. */
    String controlPath();

    /** The credential requests must carry; empty = none configured, every request is refused. */
    Optional<String> accessToken();

    /** Whether the request carries the credential: {@code Authorization: Bearer <token>} unless the vendor differs. */
    default boolean authorized(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        return accessToken().map(token -> authorization != null && authorization.equals("Bearer " + token))
                .orElse(false);
    }

    SandboxApiException unauthorized();

    /** A 429 answer; its headers come from {@link #tooManyRequestsHeaders}. */
    SandboxApiException rateLimited();

    /** Headers telling a rate-limited client when to come back: {@code Retry-After} unless the vendor differs. */
    default Map<String, String> tooManyRequestsHeaders(int retryAfterSeconds) {
        return Map.of("Retry-After", String.valueOf(retryAfterSeconds));
    }

    /** An answer with any other error status, e.g. an injected 503. */
    SandboxApiException failure(int status);

    SandboxApiException badRequest(String message);

    Map<String, String> rateLimitHeaders(RequestRateLimiter.Decision decision);
}
