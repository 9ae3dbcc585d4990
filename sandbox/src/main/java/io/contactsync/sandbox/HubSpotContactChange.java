package io.contactsync.sandbox;

import java.util.Map;

/**
 * What one write did to a HubSpot contact.
 *
 * @param contactId          the contact's id
 * @param created            whether the write created the contact
 * @param changedProperties  properties whose value really changed (or were set on creation), with their new value;
 *                           "" for a cleared property. System properties (createdate, ...) are not listed.
 */
public record HubSpotContactChange(String contactId, boolean created, Map<String, String> changedProperties) {

    /** Whether the write left the contact as it was. */
    public boolean isNoOp() {
        return !created && changedProperties.isEmpty();
    }
}
