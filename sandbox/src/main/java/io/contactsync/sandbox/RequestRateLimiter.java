package io.contactsync.sandbox;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts API calls in a sliding window, as the vendors publish their limits: HubSpot at most N calls in any 10 s
 * (by subscription), respond.io and Brevo at most N in any second. A call is counted when it arrives; a refused call
 * is not counted. With a limit of 0 the simulator is unthrottled: every call is admitted and the headers advertise
 * {@link #UNTHROTTLED_NOMINAL_LIMIT}. The limit can be changed while running (tests).
 */
public final class RequestRateLimiter implements ApiCallLimiter {

    /** Limit advertised in rate-limit headers when emulation is off; high enough never to slow a client down. */
    public static final int UNTHROTTLED_NOMINAL_LIMIT = 10_000;

    private final long windowMillis;
    private final Clock clock;
    private final Deque<Long> admitted = new ArrayDeque<>();
    private int limit;

    public RequestRateLimiter(int limitPerWindow, long windowMillis, Clock clock) {
        this.limit = limitPerWindow;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Counts one call; the answer says whether it is admitted and what the rate-limit headers should report. */
    @Override
    public synchronized Decision acquire() {
        if (limit <= 0) {
            return new Decision(true, UNTHROTTLED_NOMINAL_LIMIT, UNTHROTTLED_NOMINAL_LIMIT, 1);
        }
        long now = clock.millis();
        forgetBefore(now);
        if (admitted.size() >= limit) {
            return new Decision(false, limit, 0, secondsUntilACallLeaves(now));
        }
        admitted.addLast(now);
        return new Decision(true, limit, limit - admitted.size(), secondsUntilACallLeaves(now));
    }

    /** A peek at the current window without counting a call (for answers that are not counted, e.g. 401). */
    @Override
    public synchronized Decision current() {
        if (limit <= 0) {
            return new Decision(true, UNTHROTTLED_NOMINAL_LIMIT, UNTHROTTLED_NOMINAL_LIMIT, 1);
        }
        long now = clock.millis();
        forgetBefore(now);
        return new Decision(true, limit, Math.max(0, limit - admitted.size()), secondsUntilACallLeaves(now));
    }

    /** Calls allowed in any window from now on; 0 = unthrottled. */
    public synchronized void limit(int limitPerWindow) {
        limit = limitPerWindow;
    }

    @Override
    public synchronized void reset() {
        admitted.clear();
    }

    private void forgetBefore(long now) {
        while (!admitted.isEmpty() && admitted.peekFirst() <= now - windowMillis) {
            admitted.pollFirst();
        }
    }

    /** Whole seconds (at least 1) until the oldest counted call leaves the window, so that one more fits. */
    private int secondsUntilACallLeaves(long now) {
        long millis = admitted.isEmpty() ? windowMillis : admitted.peekFirst() + windowMillis - now;
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    /**
     * @param admitted          whether the call may proceed
     * @param limit             limit per window to advertise
     * @param remaining         calls left in the window
     * @param retryAfterSeconds seconds until the oldest call leaves the window (a refused call: when to retry)
     */
    public record Decision(boolean admitted, int limit, int remaining, int retryAfterSeconds) {
    }
}
