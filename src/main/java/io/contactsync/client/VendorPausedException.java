package io.contactsync.client;

import java.time.Instant;

/**
 * The vendor's allowance is used up for now: nothing was sent, and the same call may be made again from
 * {@link #until()} on. The inbox dispatcher keeps the event pending until then (never a dead letter).
 */
public class VendorPausedException extends RuntimeException {

    private final String vendor;
    private final Instant until;

    public VendorPausedException(String vendor, Instant until, String reason) {
        super(vendor + " calls are paused until " + until + ": " + reason);
        this.vendor = vendor;
        this.until = until;
    }

    public String vendor() {
        return vendor;
    }

    public Instant until() {
        return until;
    }

    /** The paused call behind a failure, if any (Camel may wrap the exception a bean threw). */
    public static VendorPausedException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VendorPausedException paused) {
                return paused;
            }
        }
        return null;
    }
}
