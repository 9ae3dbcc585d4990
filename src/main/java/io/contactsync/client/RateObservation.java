package io.contactsync.client;

/**
 * What one answer's rate-limit headers said; {@code null} where the vendor sent nothing. {@code windowMillis} names
 * the window the limit and remaining calls are about (HubSpot says it; otherwise {@link RateBudget} matches it by
 * {@code resetMillis}, else takes its first window).
 */
public record RateObservation(Integer limit, Long windowMillis, Integer remaining, Long resetMillis,
        Long retryAfterMillis, Long daily, Long dailyRemaining, boolean dailyLimitReached) {

    public static final RateObservation NONE = new RateObservation(null, null, null, null, null, null, null, false);

    boolean saysAnything() {
        return limit != null || remaining != null || resetMillis != null || retryAfterMillis != null || daily != null
                || dailyLimitReached;
    }
}
