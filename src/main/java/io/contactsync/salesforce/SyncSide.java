package io.contactsync.salesforce;

/** The two ends of the HubSpot <-> Salesforce pair. */
public enum SyncSide {
    HUBSPOT("HubSpot"),
    SALESFORCE("Salesforce");

    private final String label;

    SyncSide(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
