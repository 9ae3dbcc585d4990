package io.contactsync.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.contactsync.webhook.ContactIdentity;

/**
 * One side's people as read at {@code readAt}: HubSpot's active owners or Salesforce's active users, their ids, the
 * email of each (lower case; absent for one without email) and the ids that have each email.
 */
record OwnerRoster(Set<String> ids, Map<String, String> emailById, Map<String, List<String>> idsByEmail,
        Instant readAt) {

    /** From the vendor's records, each with an id field and an email field. */
    static OwnerRoster of(List<Map<String, Object>> people, String idField, String emailField, Instant readAt) {
        Set<String> ids = new HashSet<>();
        Map<String, String> emailById = new HashMap<>();
        Map<String, List<String>> idsByEmail = new HashMap<>();
        for (Map<String, Object> person : people) {
            Object id = person.get(idField);
            if (id == null) {
                continue;
            }
            ids.add(id.toString());
            Object raw = person.get(emailField);
            String key = raw == null ? null : ContactIdentity.email(raw.toString());
            if (key != null) {
                emailById.put(id.toString(), key);
                idsByEmail.computeIfAbsent(key, e -> new ArrayList<>()).add(id.toString());
            }
        }
        return new OwnerRoster(Set.copyOf(ids), Map.copyOf(emailById), Map.copyOf(idsByEmail), readAt);
    }

    Optional<String> emailOf(String id) {
        return Optional.ofNullable(emailById.get(id));
    }

    List<String> idsWith(String email) {
        return idsByEmail.getOrDefault(email, List.of());
    }
}
