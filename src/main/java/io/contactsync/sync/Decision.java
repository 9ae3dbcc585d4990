package io.contactsync.sync;

import java.util.Locale;

/** What a sync run did. */
public enum Decision {
    CREATED,
    UPDATED,
    NO_CHANGE,
    SKIPPED,
    MERGE_CANDIDATE,
    /** Taken out of a target list (R4: the contact left the HubSpot list). */
    REMOVED,
    /** Kept for later: the monthly quota is used up (R4.5). */
    DEFERRED,
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Decision parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
