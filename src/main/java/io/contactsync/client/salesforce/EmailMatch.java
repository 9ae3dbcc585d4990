package io.contactsync.client.salesforce;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Salesforce records one email matches (R2.8): live Contacts and unconverted Leads, each list oldest first
 * ({@code CreatedDate}, then lowest {@code Id}).
 */
public record EmailMatch(String email, List<Map<String, Object>> contacts, List<Map<String, Object>> leads) {

    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** Oldest CreatedDate first, then lowest Id: the same records always give the same winner. */
    static final Comparator<Map<String, Object>> OLDEST_FIRST = Comparator
            .comparing((Map<String, Object> r) -> created(r), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> String.valueOf(r.get("Id")));

    public EmailMatch {
        contacts = contacts.stream().sorted(OLDEST_FIRST).toList();
        leads = leads.stream().sorted(OLDEST_FIRST).toList();
    }

    /** The record a write for this email goes to, with the sentence that says why. */
    public record Winner(String type, Map<String, Object> record, String reason) {

        public String id() {
            return String.valueOf(record.get("Id"));
        }
    }

    public boolean isEmpty() {
        return contacts.isEmpty() && leads.isEmpty();
    }

    /**
     * The Contact if there is one (a contact wins over a lead), else the Lead; among several of one type the oldest
     * by CreatedDate, then the lowest Id. Empty when nothing matched.
     */
    public Optional<Winner> winner() {
        if (isEmpty()) {
            return Optional.empty();
        }
        boolean contact = !contacts.isEmpty();
        List<Map<String, Object>> candidates = contact ? contacts : leads;
        String type = contact ? "Contact" : "Lead";
        Map<String, Object> chosen = candidates.get(0);
        StringBuilder reason = new StringBuilder(email).append(" matches ").append(describe(contacts, "Contact"));
        if (contact && !leads.isEmpty()) {
            reason.append(" and ").append(describe(leads, "Lead"));
        } else if (!contact) {
            reason.append(describe(leads, "Lead"));
        }
        reason.append(": ").append(type).append(' ').append(chosen.get("Id")).append(" wins");
        if (contact && !leads.isEmpty()) {
            reason.append(" (a contact wins over a lead");
            reason.append(candidates.size() > 1 ? "; the oldest contact by CreatedDate, then lowest Id)" : ")");
        } else if (candidates.size() > 1) {
            reason.append(" (the oldest by CreatedDate, then lowest Id)");
        }
        return Optional.of(new Winner(type, chosen, reason.toString()));
    }

    private static String describe(List<Map<String, Object>> records, String type) {
        if (records.isEmpty()) {
            return "";
        }
        String ids = records.stream().map(r -> String.valueOf(r.get("Id"))).collect(Collectors.joining(", "));
        return records.size() == 1 ? type + " " + ids : records.size() + " " + type + "s (" + ids + ")";
    }

    private static OffsetDateTime created(Map<String, Object> record) {
        Object value = record.get("CreatedDate");
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString(), SALESFORCE_DATETIME);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value.toString());
        }
    }
}
