package io.contactsync.client;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One rolling window of a vendor's limit, e.g. HubSpot's 10 s or Brevo's hour: at most {@link #limit} calls in any
 * window of {@link #millis}. The limit is the configured one, lowered by what the vendor's headers said (the real
 * limit of the account) and, after a 429 that said nothing, by an adaptive back-off that recovers window by window.
 * Not thread-safe: {@link RateBudget} holds its lock.
 */
final class RateWindow {

    private static final int RECOVERY_WINDOWS = 30;

    private final String name;
    private final long millis;
    private final int configured;
    private final Deque<RatePermit> calls = new ArrayDeque<>();
    private int cancelledInside;
    private int learned;
    private int backedOff;
    private long backedOffAt;

    RateWindow(String name, long millis, int configured) {
        if (configured < 1 || millis < 1) {
            throw new IllegalArgumentException(name + ": a rate window needs a positive limit and length");
        }
        this.name = name;
        this.millis = millis;
        this.configured = configured;
    }

    String name() {
        return name;
    }

    long millis() {
        return millis;
    }

    int configured() {
        return configured;
    }

    /** The limit the vendor's headers reported; 0 when none did. */
    int learned() {
        return learned;
    }

    int limit(long now) {
        int limit = learned > 0 ? Math.min(configured, learned) : configured;
        if (backedOff > 0) {
            // grows back by a tenth every RECOVERY_WINDOWS windows without another headerless 429: each step up
            // may cost one 429, so that stays well under 1 % of the calls
            long recovered = (now - backedOffAt) / (millis * RECOVERY_WINDOWS) * Math.max(1, backedOff / 10);
            limit = (int) Math.min(limit, backedOff + recovered);
        }
        return limit;
    }

    void learn(int limit) {
        learned = limit;
        backedOff = 0;
    }

    /**
     * A 429 without any limit header: the real limit is lower than ours. Take the calls the vendor accepted within
     * the window, and those still waiting for their answer (they arrived before the refused one), as the limit, and
     * at least a tenth off.
     */
    void backOff(long now) {
        int accepted = 0;
        for (RatePermit call : calls) {
            boolean inWindow = call.answeredAt() == RatePermit.IN_FLIGHT || call.answeredAt() > now - millis;
            if (!call.cancelled() && !call.refused() && inWindow) {
                accepted++;
            }
        }
        backedOff = Math.max(1, Math.min(limit(now) * 9 / 10, accepted));
        backedOffAt = now;
    }

    /** Calls that occupy the window now: granted and not yet answered, or answered within the window. */
    int used(long now) {
        prune(now);
        if (calls.size() - cancelledInside >= limit(now)) {
            // the oldest call may still wait for its answer while later ones have left the window
            calls.removeIf(call -> {
                if (call.cancelled()) {
                    cancelledInside--;
                    return true;
                }
                return call.answeredAt() != RatePermit.IN_FLIGHT && call.answeredAt() <= now - millis;
            });
        }
        return calls.size() - cancelledInside;
    }

    /** A granted call that was never made (an unused reservation) leaves the window. */
    void cancelled() {
        cancelledInside++;
    }

    /** 0 when one more call fits; else how long until the oldest call leaves the window (-1: when one is answered). */
    long waitMillis(long now) {
        if (used(now) < limit(now)) {
            return 0;
        }
        long earliest = Long.MAX_VALUE;
        for (RatePermit call : calls) {
            if (!call.cancelled() && call.answeredAt() != RatePermit.IN_FLIGHT) {
                earliest = Math.min(earliest, call.answeredAt() + millis - now);
            }
        }
        return earliest == Long.MAX_VALUE ? -1 : Math.max(1, earliest);
    }

    void add(RatePermit call) {
        calls.addLast(call);
    }

    /** The vendor counted more calls in this window than we made (another client of the account): count them too. */
    void addForeign(RateBudget budget, int count, long now) {
        for (int i = 0; i < count; i++) {
            RatePermit foreign = new RatePermit(budget);
            foreign.answered(now);
            calls.addLast(foreign);
        }
    }

    private void prune(long now) {
        while (!calls.isEmpty()) {
            RatePermit oldest = calls.peekFirst();
            if (oldest.cancelled()) {
                calls.pollFirst();
                cancelledInside--;
            } else if (oldest.answeredAt() != RatePermit.IN_FLIGHT && oldest.answeredAt() <= now - millis) {
                calls.pollFirst();
            } else {
                return;
            }
        }
    }
}
