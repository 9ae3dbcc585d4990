package io.contactsync.client;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One vendor account's request allowance, shared by every route, poller, initial sync and resync that calls it:
 * its rolling windows (HubSpot 10 s; respond.io 1 s; Brevo 1 s and 1 h), a cap per UTC day, and a pause after a
 * 429. Each answer's rate headers teach it the account's real limit and what the vendor counted; a 429 pauses every
 * caller for the vendor's Retry-After, else its window reset, else an adaptive back-off. Callers block in
 * {@link #acquire()} until a call fits. With several replicas {@link SharedRateBudgets} paces them together.
 */
public class RateBudget {

    /** A window of the configured allowance: at most {@code calls} in any {@code millis}. */
    public record Limit(String name, int calls, long millis) {
    }

    public record WindowSnapshot(String name, long windowMillis, int configuredLimit, Integer learnedLimit,
            int limit, long callsInWindow, long remaining) {
    }

    /**
     * The budget now: the first window's figures at the top level ({@code maxPerWindow} is the limit in force: the
     * configured one, lowered by what the vendor said), every window in {@code windows}.
     */
    public record Snapshot(String vendor, int maxPerWindow, int configuredPerWindow, Integer learnedPerWindow,
            long windowMillis, long callsInWindow, long remaining, List<WindowSnapshot> windows, long dailyCap,
            long configuredDailyCap, Long learnedDailyCap, long callsToday, long pausedForMillis, Instant pausedUntil,
            String pauseReason, long calls, long tooManyRequests) {
    }

    private final String vendor;
    private final RateHeaders headers;
    private final List<RateWindow> windows = new ArrayList<>();
    private final long configuredDailyCap;
    private final Clock clock;
    private long learnedDailyCap;
    private LocalDate day;
    private long callsToday;
    private long pausedUntil;
    private String pauseReason;
    private int refusalsInARow;
    private long calls;
    private long tooManyRequests;

    public RateBudget(String vendor, RateHeaders headers, List<Limit> limits, long dailyCap, Clock clock) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException(vendor + ": a rate budget needs a window");
        }
        this.vendor = vendor;
        this.headers = headers;
        for (Limit limit : limits) {
            windows.add(new RateWindow(limit.name(), limit.millis(), limit.calls()));
        }
        this.configuredDailyCap = dailyCap;
        this.clock = clock;
        this.day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    public String vendor() {
        return vendor;
    }

    /** The limits in force, first window first: what {@link SharedRateBudgets} paces all replicas to. */
    public synchronized List<Limit> limits() {
        long now = clock.millis();
        return windows.stream().map(w -> new Limit(w.name(), w.limit(now), w.millis())).toList();
    }

    public synchronized long dailyCap() {
        return learnedDailyCap > 0 ? Math.min(configuredDailyCap, learnedDailyCap) : configuredDailyCap;
    }

    /** Blocks until one more call fits every window, the daily cap and any pause; the call is counted from now. */
    public synchronized RatePermit acquire() throws InterruptedException {
        while (true) {
            long now = clock.millis();
            long wait = waitMillis(now);
            if (wait == 0) {
                RatePermit permit = new RatePermit(this);
                for (RateWindow window : windows) {
                    window.add(permit);
                }
                callsToday++;
                calls++;
                return permit;
            }
            // -1: every window is full of calls still waiting for their answer, which wakes us
            wait(wait < 0 ? 100 : Math.min(wait, 1000));
        }
    }

    /**
     * The vendor answered the call (status 0: no answer, a connection error): counts the call until then, learns
     * from the answer's rate headers, and on a 429 pauses every caller.
     *
     * @return how long the caller should wait before trying again (0 unless the answer was a 429)
     */
    public synchronized long answered(RatePermit permit, int status, HttpHeaders answerHeaders, String body) {
        long now = clock.millis();
        permit.answered(now);
        RateObservation seen = answerHeaders == null ? RateObservation.NONE : headers.read(status, answerHeaders, body);
        RateWindow window = windowOf(seen);
        learn(seen, window, now);
        long wait = 0;
        if (status == 429) {
            permit.refuse();
            tooManyRequests++;
            refusalsInARow++;
            wait = afterTooManyRequests(seen, window, now);
        } else if (status > 0) {
            refusalsInARow = 0;
        }
        notifyAll();
        return wait;
    }

    /** A granted call that will not be made (an unused reservation): it leaves the windows and the day's count. */
    public synchronized void cancel(RatePermit permit) {
        if (!permit.open()) {
            return;
        }
        permit.cancel();
        for (RateWindow window : windows) {
            window.cancelled();
        }
        callsToday = Math.max(0, callsToday - 1);
        calls--;
        notifyAll();
    }

    public synchronized Snapshot snapshot() {
        long now = clock.millis();
        rollDay();
        List<WindowSnapshot> each = new ArrayList<>();
        for (RateWindow w : windows) {
            int limit = w.limit(now);
            int used = w.used(now);
            each.add(new WindowSnapshot(w.name(), w.millis(), w.configured(), w.learned() > 0 ? w.learned() : null,
                    limit, used, Math.max(0, limit - used)));
        }
        WindowSnapshot first = each.get(0);
        boolean paused = pausedUntil > now;
        return new Snapshot(vendor, first.limit(), first.configuredLimit(), first.learnedLimit(), first.windowMillis(),
                first.callsInWindow(), first.remaining(), each, dailyCap(), configuredDailyCap,
                learnedDailyCap > 0 ? learnedDailyCap : null, callsToday, paused ? pausedUntil - now : 0,
                paused ? Instant.ofEpochMilli(pausedUntil) : null, paused ? pauseReason : null, calls, tooManyRequests);
    }

    private long waitMillis(long now) {
        rollDay();
        if (pausedUntil > now) {
            return pausedUntil - now;
        }
        if (callsToday >= dailyCap()) {
            return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - now;
        }
        long wait = 0;
        for (RateWindow window : windows) {
            long w = window.waitMillis(now);
            wait = w > 0 ? Math.max(wait, w) : wait == 0 ? w : wait;
        }
        return wait;
    }

    /** The window the headers are about: the one HubSpot names, else the shortest one the reset fits in, else the first. */
    private RateWindow windowOf(RateObservation seen) {
        if (seen.windowMillis() != null) {
            for (RateWindow w : windows) {
                if (w.millis() == seen.windowMillis()) {
                    return w;
                }
            }
        }
        if (seen.resetMillis() != null) {
            for (RateWindow w : windows) {
                if (seen.resetMillis() <= w.millis()) {
                    return w;
                }
            }
            return windows.get(windows.size() - 1);
        }
        return windows.get(0);
    }

    private void learn(RateObservation seen, RateWindow window, long now) {
        if (seen.limit() != null && seen.limit() > 0) {
            window.learn(seen.limit());
        }
        if (seen.remaining() != null) {
            int limit = seen.limit() != null ? seen.limit() : window.limit(now);
            int countedByVendor = limit - seen.remaining();
            int ours = window.used(now);
            if (countedByVendor > ours) {
                window.addForeign(this, countedByVendor - ours, now);
            }
            if (seen.remaining() == 0 && seen.resetMillis() != null) {
                pause(now, seen.resetMillis(), "the vendor reported 0 calls left in its window, which resets in "
                        + seen.resetMillis() + " ms");
            }
        }
        rollDay();
        if (seen.daily() != null && seen.daily() > 0) {
            learnedDailyCap = seen.daily();
        }
        if (seen.dailyRemaining() != null) {
            callsToday = Math.max(callsToday, dailyCap() - seen.dailyRemaining());
        }
        if (seen.dailyLimitReached()) {
            callsToday = Math.max(callsToday, dailyCap());
        }
    }

    private long afterTooManyRequests(RateObservation seen, RateWindow window, long now) {
        long wait;
        String reason;
        if (seen.retryAfterMillis() != null) {
            wait = seen.retryAfterMillis();
            reason = "429 with Retry-After " + wait + " ms";
        } else if (seen.resetMillis() != null) {
            wait = seen.resetMillis();
            reason = "429; the window resets in " + wait + " ms";
        } else if (seen.dailyLimitReached()) {
            return 0;
        } else if (seen.remaining() != null && seen.remaining() == 0 && window.waitMillis(now) > 0) {
            wait = window.waitMillis(now);
            reason = "429 with 0 calls left: until the oldest call of the window leaves it";
        } else {
            if (seen.limit() == null) {
                window.backOff(now);
            }
            long base = Math.max(100, window.millis() / 10);
            wait = Math.min(window.millis(), base << Math.min(refusalsInARow - 1, 16));
            reason = "429 without a wait: adaptive back-off (" + refusalsInARow + " in a row), limit now "
                    + window.limit(now) + " per " + window.name();
        }
        pause(now, wait, reason);
        return wait;
    }

    private void pause(long now, long millis, String reason) {
        if (now + millis > pausedUntil) {
            pausedUntil = now + millis;
            pauseReason = reason;
        }
    }

    private void rollDay() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) {
            day = today;
            callsToday = 0;
        }
    }
}
