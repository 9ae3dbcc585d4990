package io.contactsync.sandbox;

import java.util.Map;
import java.util.Optional;

import io.vertx.core.http.HttpServerRequest;

/**
 * Salesforce's REST API on the wire, apart from its resources: served under {@code /sandbox/salesforce} (the org's
 * instance URL), {@code Authorization: Bearer <token>} from the token endpoint, errors as a JSON array
 * {@code [{"message","errorCode"}]}, the daily allocation reported on every answer as
 * {@code Sforce-Limit-Info: api-usage=N/M} and enforced with {@code 403 REQUEST_LIMIT_EXCEEDED} (Salesforce never
 * answers 429 and sends no {@code Retry-After}; an injected 429 fault is served as that 403).
 */
final class SalesforceApiDialect implements VendorApiDialect {

    static final String BASE_PATH = "/sandbox/salesforce";

    private final SalesforceOAuth oauth;
    private final SalesforceApiAllowance allowance;

    SalesforceApiDialect(SalesforceOAuth oauth, SalesforceApiAllowance allowance) {
        this.oauth = oauth;
        this.allowance = allowance;
    }

    @Override
    public String vendor() {
        return "salesforce";
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public String controlPath() {
        return BASE_PATH + "/_control";
    }

    /** No fixed token: sessions come from the token endpoint. */
    @Override
    public Optional<String> accessToken() {
        return Optional.empty();
    }

    @Override
    public boolean authorized(HttpServerRequest request) {
        return oauth.session(request.getHeader("Authorization")).isPresent();
    }

    @Override
    public SandboxApiException unauthorized() {
        return SalesforceApiException.invalidSession();
    }

    @Override
    public SandboxApiException rateLimited() {
        return SalesforceApiException.requestLimitExceeded();
    }

    @Override
    public Map<String, String> tooManyRequestsHeaders(int retryAfterSeconds) {
        return Map.of();
    }

    /**
     * Any other error status, e.g. an injected fault. 500 is Salesforce's UNKNOWN_EXCEPTION; the body of a 502/503
     * (maintenance, overload) is not documented, the sandbox answers SERVER_UNAVAILABLE in the usual array.
     */
    @Override
    public SandboxApiException failure(int status) {
        return switch (status) {
            case 401 -> SalesforceApiException.invalidSession();
            case 403 -> SalesforceApiException.requestLimitExceeded();
            case 404 -> SalesforceApiException.notFound();
            case 405 -> SalesforceApiException.of(405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed");
            case 500 -> SalesforceApiException.of(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please "
                    + "include this ErrorId if you contact support: 1234567890-12345 (-1234567890)");
            default -> SalesforceApiException.of(status, status >= 500 ? "SERVER_UNAVAILABLE" : "BAD_REQUEST",
                    status >= 500 ? "Server temporarily unavailable" : "Bad request");
        };
    }

    @Override
    public SandboxApiException badRequest(String message) {
        return SalesforceApiException.jsonParser(message);
    }

    /** {@code Sforce-Limit-Info: api-usage=<calls in the last 24 h>/<allocation>}, this call included. */
    @Override
    public Map<String, String> rateLimitHeaders(RequestRateLimiter.Decision decision) {
        return Map.of("Sforce-Limit-Info", "api-usage=" + allowance.used() + "/" + allowance.limit());
    }
}
