package io.contactsync.brevo;

import java.util.Map;

/** An integration that passed validation: what its route needs at run time. */
public record Integration(String name, String hubspotListId, long brevoListId, BrevoMapping mapping,
        Map<String, BrevoAttribute> attributes, boolean carrySubscriptionStatus) {
}
