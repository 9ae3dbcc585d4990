package io.contactsync.sandbox;

import java.util.Map;
import java.util.Optional;

/** How one vendor's API looks on the wire, apart from its endpoints: base path, auth, errors, rate-limit headers. */
public interface VendorApiDialect {

    /** {@code hubspot} or {@code respondio}, as recorded in the journal. */
    String vendor();

    /** Path under which the vendor's API is served, e.g. {@code /sandbox/hubspot}. */
    String basePath();

    /** The bearer token requests must carry; empty = none configured, every request is refused. */
    Optional<String> accessToken();

    SandboxApiException unauthorized();

    /** A 429 answer; the {@code Retry-After} header is added by the caller. */
    SandboxApiException rateLimited();

    /** An answer with any other error status, e.g. an injected 503. */
    SandboxApiException failure(int status);

    SandboxApiException badRequest(String message);

    Map<String, String> rateLimitHeaders(RequestRateLimiter.Decision decision);
}
