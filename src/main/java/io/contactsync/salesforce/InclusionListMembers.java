package io.contactsync.salesforce;

import java.util.Optional;

/** R2.3: the HubSpot inclusion list (salesforce.sync.inclusion-list-id) and whether a contact is a member now. */
public interface InclusionListMembers {

    /** The configured list; empty: no inclusion list, every contact syncs. */
    Optional<String> listId();

    /** Whether the HubSpot contact is a member (always true without a list). */
    boolean contains(String hubspotContactId);
}
