package io.contactsync.sandbox;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The org's daily API request allocation, counted over a rolling 24 hours (in one-minute buckets): every REST call
 * counts; past the allocation calls get {@code 403 REQUEST_LIMIT_EXCEEDED} and are not counted. Salesforce tolerates
 * some overshoot before refusing; the sandbox refuses at the allocation, so a client is tested against the strict
 * reading. Tests can set the allocation and the usage directly.
 */
final class SalesforceApiAllowance implements ApiCallLimiter {

    private static final long WINDOW_MILLIS = 24L * 60 * 60 * 1000;
    private static final long BUCKET_MILLIS = 60_000;

    private final Clock clock;
    private final long configuredLimit;
    private long limit;
    /** {minute start millis, calls} oldest first. */
    private final Deque<long[]> buckets = new ArrayDeque<>();
    private long used;

    SalesforceApiAllowance(Clock clock, long dailyLimit) {
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("the daily API allocation must be at least 1");
        }
        this.clock = clock;
        this.configuredLimit = dailyLimit;
        this.limit = dailyLimit;
    }

    @Override
    public synchronized RequestRateLimiter.Decision acquire() {
        long now = clock.millis();
        expire(now);
        if (used >= limit) {
            long oldest = buckets.isEmpty() ? now : buckets.peekFirst()[0];
            long waitMillis = Math.max(1000, oldest + WINDOW_MILLIS - now);
            return new RequestRateLimiter.Decision(false, clamp(limit), 0, (int) Math.min(Integer.MAX_VALUE, waitMillis / 1000));
        }
        add(now, 1);
        return new RequestRateLimiter.Decision(true, clamp(limit), clamp(limit - used), 0);
    }

    @Override
    public synchronized RequestRateLimiter.Decision current() {
        expire(clock.millis());
        return new RequestRateLimiter.Decision(true, clamp(limit), clamp(Math.max(0, limit - used)), 0);
    }

    /** Forgets the usage and goes back to the configured allocation. */
    @Override
    public synchronized void reset() {
        buckets.clear();
        used = 0;
        limit = configuredLimit;
    }

    /** Calls counted in the last 24 hours. */
    synchronized long used() {
        expire(clock.millis());
        return used;
    }

    synchronized long limit() {
        return limit;
    }

    synchronized void setLimit(long dailyLimit) {
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("the daily API allocation must be at least 1");
        }
        limit = dailyLimit;
    }

    /** As if {@code calls} calls had just been made (and none before), e.g. to bring the org near its allocation. */
    synchronized void setUsed(long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("usage cannot be negative");
        }
        buckets.clear();
        used = 0;
        if (calls > 0) {
            add(clock.millis(), calls);
        }
    }

    private void add(long now, long calls) {
        long minute = now - now % BUCKET_MILLIS;
        long[] last = buckets.peekLast();
        if (last != null && last[0] == minute) {
            last[1] += calls;
        } else {
            buckets.addLast(new long[] {minute, calls});
        }
        used += calls;
    }

    private void expire(long now) {
        while (!buckets.isEmpty() && buckets.peekFirst()[0] + WINDOW_MILLIS <= now) {
            used -= buckets.removeFirst()[1];
        }
    }

    private static int clamp(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
