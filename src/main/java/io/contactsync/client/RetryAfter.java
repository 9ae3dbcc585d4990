package io.contactsync.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/** How long a vendor asked us to wait after a 429, from whichever header it uses. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * {@code Retry-After} (seconds; respond.io, HubSpot), {@code x-sib-ratelimit-reset} (seconds; Brevo),
     * else the fallback (HubSpot's ten-secondly window, for instance).
     */
    public static Duration of(HttpHeaders headers, Duration fallback) {
        return seconds(headers, "Retry-After")
                .or(() -> seconds(headers, "x-sib-ratelimit-reset"))
                .orElse(fallback);
    }

    private static Optional<Duration> seconds(HttpHeaders headers, String name) {
        return headers.firstValue(name).flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v.trim()) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
