package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** HubSpot's error shapes and {@code X-HubSpot-RateLimit-*} headers. */
final class HubSpotApiDialect implements VendorApiDialect {

    static final String BASE_PATH = "/sandbox/hubspot";
    private static final long DAILY_LIMIT = 250_000;

    private final Optional<String> accessToken;
    private final LongSupplier callsToday;

    HubSpotApiDialect(Optional<String> accessToken, LongSupplier callsToday) {
        this.accessToken = accessToken;
        this.callsToday = callsToday;
    }

    @Override
    public String vendor() {
        return "hubspot";
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public String controlPath() {
        return BASE_PATH + "/_control";
    }

    @Override
    public Optional<String> accessToken() {
        return accessToken;
    }

    @Override
    public SandboxApiException unauthorized() {
        return HubSpotApiException.unauthorized();
    }

    @Override
    public SandboxApiException rateLimited() {
        return HubSpotApiException.tenSecondlyLimitReached();
    }

    @Override
    public SandboxApiException failure(int status) {
        return status == 404 ? HubSpotApiException.notFound() : HubSpotApiException.failure(status);
    }

    @Override
    public SandboxApiException badRequest(String message) {
        return HubSpotApiException.validation(message);
    }

    @Override
    public Map<String, String> rateLimitHeaders(RequestRateLimiter.Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-HubSpot-RateLimit-Max", String.valueOf(decision.limit()));
        headers.put("X-HubSpot-RateLimit-Remaining", String.valueOf(decision.remaining()));
        headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        headers.put("X-HubSpot-RateLimit-Daily", String.valueOf(DAILY_LIMIT));
        headers.put("X-HubSpot-RateLimit-Daily-Remaining", String.valueOf(Math.max(0, DAILY_LIMIT - callsToday.getAsLong())));
        return headers;
    }
}
