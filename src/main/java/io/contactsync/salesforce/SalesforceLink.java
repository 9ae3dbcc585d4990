package io.contactsync.salesforce;

import java.time.Instant;
import java.util.Map;

/**
 * A HubSpot contact and the Salesforce Lead or Contact it syncs with. The snapshots are what each side looked like
 * after contact-sync's last write (the loop guard: a change that comes back equal to them is our own);
 * {@code salesforceModstamp} is the record's SystemModstamp after that write.
 */
public record SalesforceLink(long id, String hubspotId, String salesforceId, String salesforceType, String email,
        Map<String, Object> hubspotSnapshot, Map<String, Object> salesforceSnapshot, Instant salesforceModstamp,
        Instant updatedAt) {

    public static final String LEAD = "Lead";
    public static final String CONTACT = "Contact";

    public SalesforceLink {
        if (!LEAD.equals(salesforceType) && !CONTACT.equals(salesforceType)) {
            throw new IllegalArgumentException("salesforceType must be Lead or Contact, not " + salesforceType);
        }
    }

    /** A link to save (id and updatedAt are the repository's). */
    public static SalesforceLink of(String hubspotId, String salesforceId, String salesforceType, String email,
            Map<String, Object> hubspotSnapshot, Map<String, Object> salesforceSnapshot, Instant salesforceModstamp) {
        return new SalesforceLink(0, hubspotId, salesforceId, salesforceType, email, hubspotSnapshot,
                salesforceSnapshot, salesforceModstamp, null);
    }
}
