package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.http.HttpServerRequest;

/** Brevo's {@code api-key} header, {@code {code, message}} errors and {@code x-sib-ratelimit-*} headers (no Retry-After). */
final class BrevoApiDialect implements VendorApiDialect {

    static final String BASE_PATH = "/sandbox/brevo/v3";

    private final Optional<String> apiKey;

    BrevoApiDialect(Optional<String> apiKey) {
        this.apiKey = apiKey.filter(key -> !key.isBlank());
    }

    @Override
    public String vendor() {
        return "brevo";
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public String controlPath() {
        return "/sandbox/brevo/_control";
    }

    @Override
    public Optional<String> accessToken() {
        return apiKey;
    }

    @Override
    public boolean authorized(HttpServerRequest request) {
        String key = request.getHeader("api-key");
        return apiKey.map(expected -> expected.equals(key)).orElse(false);
    }

    @Override
    public SandboxApiException unauthorized() {
        return BrevoApiException.failure(401);
    }

    @Override
    public SandboxApiException rateLimited() {
        return BrevoApiException.failure(429);
    }

    @Override
    public Map<String, String> tooManyRequestsHeaders(int retryAfterSeconds) {
        return Map.of("x-sib-ratelimit-reset", String.valueOf(retryAfterSeconds));
    }

    @Override
    public SandboxApiException failure(int status) {
        return BrevoApiException.failure(status);
    }

    @Override
    public SandboxApiException badRequest(String message) {
        return BrevoApiException.invalid(message);
    }

    @Override
    public Map<String, String> rateLimitHeaders(RequestRateLimiter.Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-sib-ratelimit-limit", String.valueOf(decision.limit()));
        headers.put("x-sib-ratelimit-remaining", String.valueOf(decision.remaining()));
        headers.put("x-sib-ratelimit-reset", String.valueOf(Math.max(1, decision.retryAfterSeconds())));
        return headers;
    }
}
