package io.contactsync.sandbox;

import java.time.Clock;

/**
 * Counts API calls in fixed windows, like a vendor's rate limit. With a limit of 0 the simulator is unthrottled:
 * every call is admitted and the headers advertise {@link #UNTHROTTLED_NOMINAL_LIMIT}.
 */
public final class RequestRateLimiter implements ApiCallLimiter {

    /** Limit advertised in rate-limit headers when emulation is off; high enough never to slow a client down. */
    public static final int UNTHROTTLED_NOMINAL_LIMIT = 10_000;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private long windowStart;
    private int used;

    public RequestRateLimiter(int limitPerWindow, long windowMillis, Clock clock) {
        this.limit = limitPerWindow;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Counts one call; the answer says whether it is admitted and what the rate-limit headers should report. */
    @Override
    public synchronized Decision acquire() {
        long now = clock.millis();
        if (now - windowStart >= windowMillis) {
            windowStart = now;
            used = 0;
        }
        int advertised = limit > 0 ? limit : UNTHROTTLED_NOMINAL_LIMIT;
        if (limit > 0 && used >= limit) {
            long untilNextWindow = windowStart + windowMillis - now;
            return new Decision(false, advertised, 0, (int) Math.max(1, (untilNextWindow + 999) / 1000));
        }
        used++;
        return new Decision(true, advertised, Math.max(0, advertised - used), 0);
    }

    /** A peek at the current window without counting a call (for answers that are not counted, e.g. 401). */
    @Override
    public synchronized Decision current() {
        int advertised = limit > 0 ? limit : UNTHROTTLED_NOMINAL_LIMIT;
        boolean windowOver = clock.millis() - windowStart >= windowMillis;
        return new Decision(true, advertised, windowOver ? advertised : Math.max(0, advertised - used), 0);
    }

    @Override
    public synchronized void reset() {
        windowStart = 0;
        used = 0;
    }

    /**
     * @param admitted          whether the call may proceed
     * @param limit             limit per window to advertise
     * @param remaining         calls left in the window
     * @param retryAfterSeconds when not admitted: seconds until the window resets
     */
    public record Decision(boolean admitted, int limit, int remaining, int retryAfterSeconds) {
    }
}
