package io.contactsync.sync;

/** Names of the exchange variables the scenario routes and their steps share. */
public final class SyncVariables {

    /** The inbox event as a map, and its type. Set by the dispatcher. */
    public static final String EVENT = "event";
    public static final String EVENT_TYPE = "eventType";
    /** The inbox event's id: arrival order, per contact the order events are applied in. Set by the dispatcher. */
    public static final String INBOX_ID = "inboxId";
    /** True when an earlier event of the same contact was still to run as this one was taken. Set by the dispatcher. */
    public static final String BEHIND_EARLIER_EVENT = "behindEarlierEvent";
    /** A source record already read in bulk for this event (HubSpot batch read). Set by the dispatcher. */
    public static final String PREFETCHED = "prefetched";
    /** The scenario instance being run (see ScenarioInstances), or null. Set by the dispatcher. */
    public static final String INSTANCE = "instance";

    public static final String SOURCE_ID = "sourceId";
    public static final String SOURCE = "source";
    public static final String EMAIL = "email";
    public static final String CHANGED_FIELDS = "changedFields";
    public static final String WATCHED_CHANGES = "watchedChanges";
    /** Why the event's own copy of the contact is not used (null: it is): the contact is read again. */
    public static final String REREAD_REASON = "rereadReason";
    public static final String OWN_WRITE = "ownWrite";
    public static final String TARGET = "target";
    public static final String TARGET_ID = "targetId";
    /** The phone respond.io refused as an identifier of another contact (R1.3). */
    public static final String TAKEN_PHONE = "takenPhone";
    public static final String PHONE_MATCH = "phoneMatch";
    public static final String PAYLOAD = "payload";
    public static final String CHANGES = "changes";
    public static final String WRITTEN = "written";

    public static final String DECISION = "decision";
    public static final String REASON = "reason";

    private SyncVariables() {
    }
}
