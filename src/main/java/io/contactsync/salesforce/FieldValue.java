package io.contactsync.salesforce;

import java.time.Instant;

/**
 * One side's value of a mapped field and when that side last modified it (HubSpot: the property's timestamp;
 * Salesforce: the record's LastModifiedDate). Either may be null: no value, or no known modification time.
 */
public record FieldValue(String value, Instant modifiedAt) {

    public static FieldValue of(String value, Instant modifiedAt) {
        return new FieldValue(value, modifiedAt);
    }

    public boolean blank() {
        return value == null || value.isBlank();
    }
}
