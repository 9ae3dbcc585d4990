package io.contactsync.client;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One vendor account's request allowance, shared by every route that calls it: at most {@code maxPerWindow}
 * calls in any rolling window, at most {@code dailyCap} calls per UTC day, and a pause when the vendor
 * answered 429. Callers block until a call is allowed.
 */
public class RateBudget {

    private final String vendor;
    private final int maxPerWindow;
    private final long windowMillis;
    private final long dailyCap;
    private final Clock clock;
    private final Deque<Long> recentCalls = new ArrayDeque<>();
    private long pausedUntil;
    private LocalDate day;
    private long callsToday;

    public RateBudget(String vendor, int maxPerWindow, long windowMillis, long dailyCap, Clock clock) {
        this.vendor = vendor;
        this.maxPerWindow = maxPerWindow;
        this.windowMillis = windowMillis;
        this.dailyCap = dailyCap;
        this.clock = clock;
        this.day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    public String vendor() {
        return vendor;
    }

    public int maxPerWindow() {
        return maxPerWindow;
    }

    public long windowMillis() {
        return windowMillis;
    }

    public long dailyCap() {
        return dailyCap;
    }

    /** Blocks until one more call fits the budget, then counts it. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = clock.millis();
            rollDay();
            long wait = 0;
            if (pausedUntil > now) {
                wait = pausedUntil - now;
            } else if (callsToday >= dailyCap) {
                wait = millisUntilNextDay(now);
            } else {
                while (!recentCalls.isEmpty() && recentCalls.peekFirst() <= now - windowMillis) {
                    recentCalls.pollFirst();
                }
                if (recentCalls.size() >= maxPerWindow) {
                    wait = recentCalls.peekFirst() + windowMillis - now;
                }
            }
            if (wait <= 0) {
                recentCalls.addLast(now);
                callsToday++;
                return;
            }
            wait(Math.min(wait, 1000));
        }
    }

    /** The vendor said "too many requests": nobody calls it before the given delay has passed. */
    public synchronized void pauseFor(long millis) {
        pausedUntil = Math.max(pausedUntil, clock.millis() + millis);
    }

    public synchronized Snapshot snapshot() {
        rollDay();
        long now = clock.millis();
        long inWindow = recentCalls.stream().filter(t -> t > now - windowMillis).count();
        return new Snapshot(vendor, maxPerWindow, windowMillis, inWindow, dailyCap, callsToday,
                Math.max(0, pausedUntil - now));
    }

    public record Snapshot(String vendor, int maxPerWindow, long windowMillis, long callsInWindow, long dailyCap,
            long callsToday, long pausedForMillis) {
    }

    private void rollDay() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) {
            day = today;
            callsToday = 0;
        }
    }

    private long millisUntilNextDay(long now) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - now;
    }
}
