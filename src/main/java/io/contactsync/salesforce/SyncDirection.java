package io.contactsync.salesforce;

/** Which way a sync runs: the side whose change (or resync) triggered it, and the side it writes to. */
public enum SyncDirection {
    HUBSPOT_TO_SALESFORCE(SyncSide.HUBSPOT, SyncSide.SALESFORCE),
    SALESFORCE_TO_HUBSPOT(SyncSide.SALESFORCE, SyncSide.HUBSPOT);

    private final SyncSide source;
    private final SyncSide target;

    SyncDirection(SyncSide source, SyncSide target) {
        this.source = source;
        this.target = target;
    }

    public SyncSide source() {
        return source;
    }

    public SyncSide target() {
        return target;
    }
}
