package io.contactsync.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contactsync.client.RateBudget;

/**
 * How a vendor connection is doing, from what the app knows: its shared rate budget (waiting after a 429, daily cap
 * reached) and the newest failed run that names the vendor. The state is a word, never a colour alone.
 */
public record VendorHealth(String vendor, String state, String detail, RateBudget.Snapshot budget,
        Map<String, Object> lastFailure) {

    private static final Duration RECENT = Duration.ofHours(1);

    /** {@code failures}: the latest failed runs, newest first. */
    public static VendorHealth of(RateBudget.Snapshot budget, List<Map<String, Object>> failures, Instant now) {
        Map<String, Object> lastFailure = failures.stream()
                .filter(run -> String.valueOf(run.get("reason")).toLowerCase(Locale.ROOT).contains(budget.vendor()))
                .findFirst().orElse(null);
        boolean recentFailure = lastFailure != null
                && Instant.parse(String.valueOf(lastFailure.get("startedAt"))).isAfter(now.minus(RECENT));
        if (budget.pausedForMillis() > 0) {
            return new VendorHealth(budget.vendor(), "waiting", "every call waits "
                    + (budget.pausedForMillis() + 999) / 1000 + " s: " + budget.pauseReason(), budget, lastFailure);
        }
        if (budget.callsToday() >= budget.dailyCap()) {
            return new VendorHealth(budget.vendor(), "waiting", "daily cap of " + budget.dailyCap()
                    + " calls reached: calls wait for the next UTC day", budget, lastFailure);
        }
        if (recentFailure) {
            return new VendorHealth(budget.vendor(), "failing", "a run failed on it within the last hour", budget,
                    lastFailure);
        }
        return new VendorHealth(budget.vendor(), "ok", "no failed run on it within the last hour", budget,
                lastFailure);
    }

    /** The daily cap for display: none for vendors without one. */
    public String dailyCap() {
        return budget.dailyCap() == Long.MAX_VALUE ? "none" : Long.toString(budget.dailyCap());
    }

    /** The rolling window for display: "10 s", "1 s". */
    public String window() {
        return budget.windowMillis() % 1000 == 0 ? budget.windowMillis() / 1000 + " s" : budget.windowMillis() + " ms";
    }
}
