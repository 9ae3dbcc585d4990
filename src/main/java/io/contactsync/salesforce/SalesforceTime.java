package io.contactsync.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Salesforce's dateTime values ({@code 2026-12-01T10:00:00.000+0000}) and SOQL dateTime literals. */
public final class SalesforceTime {

    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private SalesforceTime() {
    }

    /** A dateTime as the API answers it (or ISO-8601); null for null or blank. */
    public static Instant parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text, API).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }

    /** A SOQL dateTime literal of the whole second {@code at} falls in ({@code 2026-12-01T10:00:00Z}). */
    public static String literal(Instant at) {
        return LITERAL.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
