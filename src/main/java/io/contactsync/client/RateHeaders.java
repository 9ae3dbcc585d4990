package io.contactsync.client;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** How each vendor reports its limits in answer headers (../shared/docs/vendor-apis.md, "Rate limits"). */
public enum RateHeaders {

    /**
     * {@code X-HubSpot-RateLimit-Max}, {@code -Remaining}, {@code -Interval-Milliseconds} (the rolling window),
     * {@code -Daily}, {@code -Daily-Remaining}; a 429 may carry {@code Retry-After}, and its body's
     * {@code policyName} says DAILY when the day's allowance is spent.
     */
    HUBSPOT {
        @Override
        public RateObservation read(int status, HttpHeaders headers, String body) {
            return new RateObservation(integer(headers, "X-HubSpot-RateLimit-Max"),
                    number(headers, "X-HubSpot-RateLimit-Interval-Milliseconds").map(Double::longValue).orElse(null),
                    integer(headers, "X-HubSpot-RateLimit-Remaining"), null, seconds(headers, "Retry-After"),
                    number(headers, "X-HubSpot-RateLimit-Daily").map(Double::longValue).orElse(null),
                    number(headers, "X-HubSpot-RateLimit-Daily-Remaining").map(Double::longValue).orElse(null),
                    status == 429 && body != null && body.replace(" ", "").contains("\"policyName\":\"DAILY\""));
        }
    },

    /** {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} (per second), {@code Retry-After} on a 429. */
    RESPONDIO {
        @Override
        public RateObservation read(int status, HttpHeaders headers, String body) {
            return new RateObservation(integer(headers, "X-RateLimit-Limit"), null,
                    integer(headers, "X-RateLimit-Remaining"), null, seconds(headers, "Retry-After"), null, null, false);
        }
    },

    /**
     * {@code x-sib-ratelimit-limit}, {@code -remaining} and {@code -reset} (seconds until the window that limits
     * the call resets; Brevo sends no {@code Retry-After}).
     */
    BREVO {
        @Override
        public RateObservation read(int status, HttpHeaders headers, String body) {
            return new RateObservation(integer(headers, "x-sib-ratelimit-limit"), null,
                    integer(headers, "x-sib-ratelimit-remaining"), seconds(headers, "x-sib-ratelimit-reset"),
                    seconds(headers, "Retry-After"), null, null, false);
        }
    };

    public abstract RateObservation read(int status, HttpHeaders headers, String body);

    private static Integer integer(HttpHeaders headers, String name) {
        return number(headers, name).map(v -> (int) Math.min(Integer.MAX_VALUE, v.longValue())).orElse(null);
    }

    private static Long seconds(HttpHeaders headers, String name) {
        return number(headers, name).map(v -> (long) Math.ceil(v * 1000)).orElse(null);
    }

    private static Optional<Double> number(HttpHeaders headers, String name) {
        return headers.firstValue(name).flatMap(v -> {
            try {
                double d = Double.parseDouble(v.trim());
                return d >= 0 && Double.isFinite(d) ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
