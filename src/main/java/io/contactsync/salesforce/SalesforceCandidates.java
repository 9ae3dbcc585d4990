package io.contactsync.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the lookup of hubspot-to-salesforce decides from (R2.8): the unconverted Leads and the Contacts with the email,
 * and the linked record when there is one ({@code linkedId}, null: never synced), as found by one lookup call or read
 * ahead for a whole dispatch batch. Read ahead, it travels in the prefetched HubSpot contact that every HubSpot route
 * gets, and so may be serialised with it (a mapping envelope).
 */
@RegisterForReflection
public record SalesforceCandidates(String email, String linkedId, List<Map<String, Object>> leads,
        List<Map<String, Object>> contacts) {

    public SalesforceCandidates {
        leads = List.copyOf(leads);
        contacts = List.copyOf(contacts);
    }

    /** Whether these were looked up for this email and this linked record (the link may have changed since). */
    public boolean foundFor(String email, String linkedId) {
        return this.email.equals(email) && Objects.equals(this.linkedId, linkedId);
    }
}
