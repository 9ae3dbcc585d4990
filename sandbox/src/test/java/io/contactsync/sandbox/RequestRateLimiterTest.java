package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The vendors' published windows are sliding: at most N calls in any window, wherever it starts. */
class RequestRateLimiterTest {

    @Test
    void admitsUpToTheLimitInAnySlidingWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        RequestRateLimiter limiter = new RequestRateLimiter(2, 1000, clock);

        assertEquals(1, limiter.acquire().remaining());
        clock.advanceMillis(600);
        assertEquals(0, limiter.acquire().remaining());
        RequestRateLimiter.Decision refused = limiter.acquire();
        assertFalse(refused.admitted());
        assertEquals(1, refused.retryAfterSeconds());
        clock.advanceMillis(400);
        assertTrue(limiter.acquire().admitted(), "the first call left the window");
        clock.advanceMillis(500);
        assertFalse(limiter.acquire().admitted(), "a fixed window would have started afresh at 1000 ms");
        clock.advanceMillis(100);
        assertTrue(limiter.acquire().admitted());
    }

    @Test
    void tenSecondsWindowTellsWhenTheOldestCallLeaves() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        RequestRateLimiter hubspot = new RequestRateLimiter(1, 10_000, clock);
        assertTrue(hubspot.acquire().admitted());
        clock.advanceMillis(2500);
        RequestRateLimiter.Decision refused = hubspot.acquire();
        assertFalse(refused.admitted());
        assertEquals(8, refused.retryAfterSeconds());
        assertEquals(1, refused.limit());
    }

    @Test
    void unthrottledAdmitsEverythingAndTheLimitCanChangeWhileRunning() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        RequestRateLimiter limiter = new RequestRateLimiter(0, 1000, clock);
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.acquire().admitted());
        }
        assertEquals(RequestRateLimiter.UNTHROTTLED_NOMINAL_LIMIT, limiter.current().limit());
        limiter.limit(1);
        assertTrue(limiter.acquire().admitted());
        assertFalse(limiter.acquire().admitted());
    }
}
