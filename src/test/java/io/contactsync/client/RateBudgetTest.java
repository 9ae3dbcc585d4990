package io.contactsync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The budget's window semantics, what it learns from the vendors' rate headers, and how it waits after a 429. */
class RateBudgetTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
    private final Clock clock = new SettableClock(now);

    @Test
    void aCallOccupiesTheWindowFromItsGrantUntilItsAnswerPlusTheWindow() throws Exception {
        RateBudget budget = respondio(2);
        RatePermit slow = budget.acquire();
        RatePermit quick = budget.acquire();
        now.addAndGet(100);
        budget.answered(quick, 200, null, null);
        now.addAndGet(400);
        budget.answered(slow, 200, null, null);
        assertEquals(0, budget.snapshot().remaining());

        now.set(now.get() - 500 + 1050);
        assertEquals(0, budget.snapshot().remaining(), "the quick call left the window at 1100 ms, not at 1000 ms");
        now.addAndGet(100);
        assertEquals(1, budget.snapshot().remaining());
        now.addAndGet(400);
        assertEquals(2, budget.snapshot().remaining());
    }

    @Test
    void aFullWindowMakesTheNextCallerWaitUntilACallLeavesIt() throws Exception {
        RateBudget budget = respondio(1);
        budget.answered(budget.acquire(), 200, null, null);
        CompletableFuture<RatePermit> next = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> next.get(300, TimeUnit.MILLISECONDS));
        now.addAndGet(1001);
        next.get(3, TimeUnit.SECONDS);
    }

    @Test
    void aLowerLimitInTheHeadersIsHonouredAndAHigherOneIsNot() throws Exception {
        RateBudget budget = new RateBudget("hubspot", RateHeaders.HUBSPOT,
                List.of(new RateBudget.Limit("10s", 190, 10_000)), 500_000, clock);
        budget.answered(budget.acquire(), 200, headers("X-HubSpot-RateLimit-Max", "100",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000", "X-HubSpot-RateLimit-Remaining", "99",
                "X-HubSpot-RateLimit-Daily", "250000", "X-HubSpot-RateLimit-Daily-Remaining", "249000"), "{}");
        RateBudget.Snapshot seen = budget.snapshot();
        assertEquals(100, seen.maxPerWindow());
        assertEquals(190, seen.configuredPerWindow());
        assertEquals(100, seen.learnedPerWindow());
        assertEquals(99, seen.remaining());
        assertEquals(250_000, seen.dailyCap(), "the account's daily allowance is lower than the configured one");
        assertEquals(1000, seen.callsToday(), "the vendor counted 1000 calls today, ours among them");

        budget.answered(budget.acquire(), 200, headers("X-HubSpot-RateLimit-Max", "250",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000", "X-HubSpot-RateLimit-Remaining", "248"), "{}");
        assertEquals(190, budget.snapshot().maxPerWindow(), "never above the configured limit");
    }

    @Test
    void callsTheVendorCountedBeyondOursAreCountedToo() throws Exception {
        RateBudget budget = respondio(5);
        budget.answered(budget.acquire(), 200, headers("X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "1"), "{}");
        assertEquals(4, budget.snapshot().callsInWindow(), "another client of the workspace made 3 calls");
        assertEquals(1, budget.snapshot().remaining());
    }

    @Test
    void a429WithRetryAfterPausesEveryCallerForThatLong() throws Exception {
        RateBudget budget = respondio(5);
        long wait = budget.answered(budget.acquire(), 429, headers("Retry-After", "2"), "{}");
        assertEquals(2000, wait);
        RateBudget.Snapshot seen = budget.snapshot();
        assertEquals(2000, seen.pausedForMillis());
        assertTrue(seen.pauseReason().contains("Retry-After"), seen.pauseReason());
        assertEquals(1, seen.tooManyRequests());
        now.addAndGet(2000);
        assertNull(budget.snapshot().pauseReason());
    }

    @Test
    void brevosResetHeaderNamesTheWindowItIsAbout() throws Exception {
        RateBudget budget = new RateBudget("brevo", RateHeaders.BREVO, List.of(new RateBudget.Limit("1s", 10, 1000),
                new RateBudget.Limit("1h", 36_000, 3_600_000)), Long.MAX_VALUE, clock);
        budget.answered(budget.acquire(), 200, headers("x-sib-ratelimit-limit", "8", "x-sib-ratelimit-remaining", "7",
                "x-sib-ratelimit-reset", "1"), "{}");
        assertEquals(8, budget.snapshot().maxPerWindow());
        long wait = budget.answered(budget.acquire(), 429, headers("x-sib-ratelimit-limit", "20000",
                "x-sib-ratelimit-remaining", "0", "x-sib-ratelimit-reset", "1800"), "{}");
        assertEquals(1_800_000, wait);
        RateBudget.WindowSnapshot hour = budget.snapshot().windows().get(1);
        assertEquals(20_000, hour.limit());
        assertEquals(20_000, hour.callsInWindow(), "the vendor says the hour is spent");
    }

    @Test
    void a429WithoutHeadersBacksOffAndLowersTheLimitToWhatTheVendorAccepted() throws Exception {
        RateBudget budget = respondio(100);
        for (int i = 0; i < 5; i++) {
            budget.answered(budget.acquire(), 200, null, null);
        }
        assertEquals(100, budget.answered(budget.acquire(), 429, headers(), "{}"));
        assertEquals(5, budget.snapshot().maxPerWindow(), "the vendor accepted 5 calls in the second");
        now.addAndGet(1001);
        assertEquals(200, budget.answered(budget.acquire(), 429, headers(), "{}"), "doubles while 429s come in a row");
        now.addAndGet(1001);
        budget.answered(budget.acquire(), 200, null, null);
        now.addAndGet(1001);
        assertEquals(100, budget.answered(budget.acquire(), 429, headers(), "{}"), "a success starts over");
        int lowered = budget.snapshot().maxPerWindow();
        now.addAndGet(29_000);
        assertEquals(lowered, budget.snapshot().maxPerWindow());
        now.addAndGet(2_000);
        assertTrue(budget.snapshot().maxPerWindow() > lowered, "the limit grows back after 30 quiet windows");
    }

    @Test
    void aHubSpotDailyRefusalWaitsForTheNextDay() throws Exception {
        RateBudget budget = new RateBudget("hubspot", RateHeaders.HUBSPOT,
                List.of(new RateBudget.Limit("10s", 190, 10_000)), 500_000, clock);
        budget.answered(budget.acquire(), 429, headers(),
                "{\"status\":\"error\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}");
        assertEquals(500_000, budget.snapshot().callsToday());
    }

    @Test
    void aCancelledReservationLeavesTheWindowAndTheDay() throws Exception {
        RateBudget budget = respondio(5);
        RatePermit unused = budget.acquire();
        budget.cancel(unused);
        assertEquals(0, budget.snapshot().callsInWindow());
        assertEquals(0, budget.snapshot().callsToday());
        assertEquals(0, budget.snapshot().calls());
    }

    private RateBudget respondio(int perSecond) {
        return new RateBudget("respondio", RateHeaders.RESPONDIO, List.of(new RateBudget.Limit("1s", perSecond, 1000)),
                Long.MAX_VALUE, clock);
    }

    private static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static final class SettableClock extends Clock {
        private final AtomicLong millis;

        SettableClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
