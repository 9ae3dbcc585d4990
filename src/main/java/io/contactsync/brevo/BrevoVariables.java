package io.contactsync.brevo;

/** Exchange variables of the hubspot-to-brevo routes, besides the shared ones in SyncVariables. */
public final class BrevoVariables {

    /** The integration's name: the scenario instance the dispatcher runs. */
    public static final String INTEGRATION = io.contactsync.sync.SyncVariables.INSTANCE;
    public static final String MAPPING_FILE = "mappingFile";
    public static final String IN_LIST = "inList";
    public static final String IN_BREVO_LIST = "inBrevoList";
    public static final String NO_IDENTIFIER = "noIdentifier";
    public static final String SMS_PROBLEM = "smsProblem";
    public static final String UNCHANGED = "unchanged";
    public static final String EMAIL_CHANGED = "emailChanged";
    public static final String KNOWN_CONTACT = "knownContact";
    public static final String QUOTA_GRANTED = "quotaGranted";
    public static final String NOTES = "notes";
    static final String MEMBER = "member";
    static final String FINGERPRINT = "fingerprint";

    private BrevoVariables() {
    }
}
