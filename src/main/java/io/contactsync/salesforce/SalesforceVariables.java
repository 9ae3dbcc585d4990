package io.contactsync.salesforce;

/** Names of the exchange variables of routes/hubspot-to-salesforce.camel.yaml beyond those of SyncVariables. */
public final class SalesforceVariables {

    /** Whether the contact may sync by the inclusion list (true without one), and why. */
    public static final String IN_LIST = "inList";
    public static final String LIST_REASON = "listReason";
    /** R3: "Lead", "Contact" or null (skipped), and the sentence that says why. */
    public static final String OBJECT = "object";
    public static final String STAGE_REASON = "stageReason";
    /** The salesforce_link of the contact (null: never synced), and whether no mapped property changed since. */
    public static final String LINK = "link";
    public static final String UNCHANGED = "unchanged";
    /** The Leads and Contacts the dispatcher looked up for the contact with its batch (absent: the lookup calls). */
    public static final String CANDIDATES = "candidates";
    /** The Lead or Contact the lookup found: its type, and why it is the one ("Contact 003... wins ..."). */
    public static final String TARGET_TYPE = "targetType";
    public static final String MATCH_REASON = "matchReason";
    public static final String MAPPING_FILE = "mappingFile";
    /** The mapping's _missingRequired (null: none) and its remarks for the run (fallbacks, owner, invalid values). */
    public static final String MISSING_REQUIRED = "missingRequired";
    public static final String MAPPING_NOTES = "mappingNotes";
    /** Salesforce fields the route must not decide from the mapping's output (invalid values, unmatched owner). */
    public static final String UNDECIDED_FIELDS = "undecidedFields";

    private SalesforceVariables() {
    }
}
