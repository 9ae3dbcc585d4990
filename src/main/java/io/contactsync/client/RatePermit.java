package io.contactsync.client;

/**
 * One call a {@link RateBudget} granted. It occupies its windows from the moment it was granted until its answer
 * arrived plus the window's length: the vendor counts the call when the request arrives, some time between the two,
 * so counting it that long never lets a window at the vendor see more calls than the budget allows.
 */
public final class RatePermit {

    static final long IN_FLIGHT = Long.MAX_VALUE;

    private final RateBudget budget;
    private volatile long answeredAt = IN_FLIGHT;
    private volatile boolean cancelled;
    private volatile boolean reserved;
    private volatile boolean refused;

    RatePermit(RateBudget budget) {
        this.budget = budget;
    }

    public RateBudget budget() {
        return budget;
    }

    long answeredAt() {
        return answeredAt;
    }

    void answered(long at) {
        answeredAt = at;
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    /** Reserved by a route step and not yet taken by the call it is for. */
    boolean reserved() {
        return reserved;
    }

    void reserved(boolean value) {
        reserved = value;
    }

    /** The vendor answered 429. */
    boolean refused() {
        return refused;
    }

    void refuse() {
        refused = true;
    }

    boolean open() {
        return answeredAt == IN_FLIGHT && !cancelled;
    }
}
