package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** respond.io's {@code {code, message}} errors and {@code x-ratelimit-*} headers. */
final class RespondioApiDialect implements VendorApiDialect {

    static final String BASE_PATH = "/sandbox/respondio/v2";

    private final Optional<String> accessToken;

    RespondioApiDialect(Optional<String> accessToken) {
        this.accessToken = accessToken;
    }

    @Override
    public String vendor() {
        return "respondio";
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public String controlPath() {
        return "/sandbox/respondio/_control";
    }

    @Override
    public Optional<String> accessToken() {
        return accessToken;
    }

    @Override
    public SandboxApiException unauthorized() {
        return RespondioApiException.failure(401);
    }

    @Override
    public SandboxApiException rateLimited() {
        return RespondioApiException.failure(429);
    }

    @Override
    public SandboxApiException failure(int status) {
        return RespondioApiException.failure(status);
    }

    @Override
    public SandboxApiException badRequest(String message) {
        return RespondioApiException.badRequest(message);
    }

    @Override
    public Map<String, String> rateLimitHeaders(RequestRateLimiter.Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-limit", String.valueOf(decision.limit()));
        headers.put("x-ratelimit-remaining", String.valueOf(decision.remaining()));
        return headers;
    }
}
