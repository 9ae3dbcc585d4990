package io.contactsync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.contactsync.client.hubspot.HubSpotTier;

import org.junit.jupiter.api.Test;

/** R4.12: the HubSpot budget stays within the tier's daily allowance, and a new day opens it again. */
class HubSpotDailyCapTest {

    @Test
    void dailyCapsPerTierAreTheSeedsFigures() {
        assertEquals(250_000, HubSpotTier.parse("free").requestsPerDay);
        assertEquals(250_000, HubSpotTier.parse("starter").requestsPerDay);
        assertEquals(500_000, HubSpotTier.parse("Professional").requestsPerDay);
        assertEquals(500_000, HubSpotTier.parse("enterprise").requestsPerDay);
        assertThrows(IllegalArgumentException.class, () -> HubSpotTier.parse("gold"));
    }

    @Test
    void callsBeyondTheDailyCapWaitForTheNextDay() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-25T23:59:00Z").toEpochMilli());
        RateBudget budget = new RateBudget("hubspot", RateHeaders.HUBSPOT,
                List.of(new RateBudget.Limit("10s", 1000, 10_000)), 3, new SettableClock(now));
        for (int i = 0; i < 3; i++) {
            budget.answered(budget.acquire(), 200, null, null);
        }
        assertEquals(3, budget.snapshot().callsToday());

        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> {
            try {
                budget.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThrows(TimeoutException.class, () -> fourth.get(1500, TimeUnit.MILLISECONDS),
                "the fourth call of the day must wait");
        assertFalse(fourth.isDone());

        now.set(Instant.parse("2026-11-26T00:00:01Z").toEpochMilli());
        fourth.get(3, TimeUnit.SECONDS);
        assertTrue(fourth.isDone());
        assertEquals(1, budget.snapshot().callsToday());
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
