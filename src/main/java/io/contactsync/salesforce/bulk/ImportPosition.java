package io.contactsync.salesforce.bulk;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.contactsync.salesforce.SalesforceObject;
import io.contactsync.salesforce.SalesforceTime;

/**
 * Where an import stands in its order (Contacts, then Leads, each by CreatedDate then Id, as its query sorts them):
 * the object, and the last of its records done (none at the object's start). CreatedDate (whole seconds) and Id never
 * change, so the records after a position are the same ones after a restart; a query cursor (nextRecordsUrl) is not:
 * it expires, and belongs to a session the restart lost.
 */
public record ImportPosition(SalesforceObject object, Instant createdDate, String id) {

    static ImportPosition start(SalesforceObject object) {
        return new ImportPosition(object, null, null);
    }

    /** Just after {@code record}, a record of {@code object} as the import's query returned it. */
    static ImportPosition after(SalesforceObject object, Map<String, Object> record) {
        return new ImportPosition(object, SalesforceTime.parse(record.get("CreatedDate")),
                String.valueOf(record.get("Id")));
    }

    /** The position a job's checkpoint holds ({@link #checkpoint()}). */
    static ImportPosition parse(String checkpoint) {
        String[] parts = checkpoint.split(" ");
        return new ImportPosition(SalesforceObject.valueOf(parts[0].toUpperCase(Locale.ROOT)), Instant.parse(parts[1]),
                parts[2]);
    }

    /** {@code Lead 2026-12-01T10:00:00Z 00Q...}: the job's checkpoint. */
    String checkpoint() {
        return object.apiName() + " " + createdDate + " " + id;
    }

    /** The SOQL condition that selects the object's records after this position; none at its start. */
    Optional<String> after() {
        if (id == null) {
            return Optional.empty();
        }
        if (!id.matches("[A-Za-z0-9]{15,18}")) {
            throw new IllegalStateException("not a Salesforce id: " + id);
        }
        String created = SalesforceTime.literal(createdDate);
        return Optional.of("(CreatedDate > " + created + " OR (CreatedDate = " + created + " AND Id > '" + id + "'))");
    }
}
