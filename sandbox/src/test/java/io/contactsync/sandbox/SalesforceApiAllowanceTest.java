package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The daily API allocation is counted over a rolling 24 hours. */
class SalesforceApiAllowanceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SalesforceApiAllowance allowance = new SalesforceApiAllowance(clock, 3);

    @Test
    void callsPastTheAllocationAreRefusedAndNotCounted() {
        for (int i = 0; i < 3; i++) {
            assertTrue(allowance.acquire().admitted());
        }
        RequestRateLimiter.Decision refused = allowance.acquire();

        assertFalse(refused.admitted());
        assertEquals(3, allowance.used());
        assertEquals(0, allowance.current().remaining());
    }

    @Test
    void callsLeaveTheWindow24HoursAfterTheyWereMade() {
        allowance.acquire();
        clock.advanceMillis(12 * 3600_000L);
        allowance.acquire();
        allowance.acquire();
        assertFalse(allowance.acquire().admitted());

        clock.advanceMillis(12 * 3600_000L);

        assertEquals(2, allowance.used(), "the first call left the window");
        assertTrue(allowance.acquire().admitted());
        assertFalse(allowance.acquire().admitted());
    }

    @Test
    void testsSetTheAllocationAndTheUsageAndResetRestoresTheConfiguredAllocation() {
        allowance.setLimit(100);
        allowance.setUsed(99);
        assertTrue(allowance.acquire().admitted());
        assertFalse(allowance.acquire().admitted());
        assertEquals(100, allowance.used());

        allowance.reset();

        assertEquals(0, allowance.used());
        assertEquals(3, allowance.limit());
    }
}
