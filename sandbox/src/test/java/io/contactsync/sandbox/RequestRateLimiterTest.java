package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    @Test
    void admitsUpToTheLimitPerWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        RequestRateLimiter limiter = new RequestRateLimiter(2, 1000, clock);

        assertEquals(1, limiter.acquire().remaining());
        assertEquals(0, limiter.acquire().remaining());
        RequestRateLimiter.Decision refused = limiter.acquire();
        assertFalse(refused.admitted());
        assertEquals(1, refused.retryAfterSeconds());
        clock.advanceMillis(1000);
        assertTrue(limiter.acquire().admitted());

        RequestRateLimiter unthrottled = new RequestRateLimiter(0, 1000, clock);
        for (int i = 0; i < 100; i++) {
            assertTrue(unthrottled.acquire().admitted());
        }
        assertEquals(RequestRateLimiter.UNTHROTTLED_NOMINAL_LIMIT, unthrottled.current().limit());
    }
}
