package io.contactsync.sandbox;

import java.util.Map;

/**
 * What one write did to a respond.io contact.
 *
 * @param contactId the contact's id
 * @param created   whether the write created the contact
 * @param changed   whether the contact differs from before the write (always true on creation)
 * @param contact   the contact after the write, as the API shows it
 */
public record RespondioContactChange(long contactId, boolean created, boolean changed, Map<String, Object> contact) {
}
