package io.contactsync.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactsync.sandbox.SalesforceField.Type;

/**
 * How field values travel: JSON in a request body to the stored Java value ({@link #fromJson}), the stored value to
 * JSON in an answer ({@link #toJson}). Stored values are {@code String}, {@code Boolean}, {@code Long} (int),
 * {@code Double} (double, currency), {@link LocalDate} (date) and {@link Instant} (datetime, whole seconds:
 * Salesforce keeps no milliseconds, so {@code SystemModstamp} always ends in {@code .000+0000}).
 */
final class SalesforceValues {

    /** How the API writes a datetime: {@code 2026-12-01T10:00:00.000+0000}. */
    static final DateTimeFormatter DATETIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Datetimes as clients write them: {@code 2026-12-01T10:00:00Z}, {@code ...00.000+0000}, {@code ...+01:00}. */
    private static final DateTimeFormatter DATETIME_IN = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter DATETIME_IN_COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);

    private SalesforceValues() {
    }

    /** A datetime in one of the forms Salesforce reads, cut to whole seconds; empty when it is none. */
    static Optional<Instant> parseDatetime(String text) {
        for (DateTimeFormatter format : new DateTimeFormatter[] {DATETIME_IN, DATETIME_IN_COMPACT_OFFSET}) {
            try {
                return Optional.of(OffsetDateTime.parse(text, format).toInstant().truncatedTo(ChronoUnit.SECONDS));
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return Optional.empty();
    }

    static Optional<LocalDate> parseDate(String text) {
        try {
            return text.length() == 10 ? Optional.of(LocalDate.parse(text)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String formatDatetime(Instant instant) {
        return DATETIME_OUT.format(instant);
    }

    /**
     * The stored value for a JSON value sent for {@code field}; a 400 {@code JSON_PARSER_ERROR} when it cannot be
     * read as the field's type. Like Salesforce's JSON reader it takes numbers and booleans for text fields, numeric
     * strings for number fields and "true"/"false" for checkboxes.
     */
    static Object fromJson(SalesforceField field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw cannotDeserialize(field, value.isArray() ? "START_ARRAY" : "START_OBJECT",
                    value.isArray() ? "[" : "{");
        }
        Type type = field.type();
        String text = value.asText();
        switch (type) {
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                if (value.isTextual() && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
                }
                throw cannotDeserialize(field, tokenOf(value), text);
            case INT:
                try {
                    BigDecimal number = new BigDecimal(text.trim());
                    return number.longValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw cannotDeserialize(field, tokenOf(value), text);
                }
            case DOUBLE:
            case CURRENCY:
                try {
                    return new BigDecimal(text.trim()).doubleValue();
                } catch (NumberFormatException e) {
                    throw cannotDeserialize(field, tokenOf(value), text);
                }
            case DATE:
                return parseDate(text).orElseThrow(() -> cannotDeserialize(field, tokenOf(value), text));
            case DATETIME:
                return parseDatetime(text).orElseThrow(() -> cannotDeserialize(field, tokenOf(value), text));
            default:
                return text;
        }
    }

    /** The JSON value of a stored value. */
    static Object toJson(Object stored) {
        if (stored instanceof Instant instant) {
            return formatDatetime(instant);
        }
        if (stored instanceof LocalDate date) {
            return date.toString();
        }
        return stored;
    }

    private static String tokenOf(JsonNode value) {
        if (value.isTextual()) {
            return "VALUE_STRING";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
        }
        return value.isIntegralNumber() ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
    }

    private static SalesforceApiException cannotDeserialize(SalesforceField field, String token, String text) {
        // Salesforce's text, e.g. "Cannot deserialize instance of date from VALUE_STRING value 12/01/2026 or request
        // may be missing a required field at [line:1, column:27]"; the sandbox does not track the position
        return SalesforceApiException.jsonParser("Cannot deserialize instance of " + field.type().soqlName.toLowerCase(Locale.ROOT)
                + " from " + token + " value " + text
                + " or request may be missing a required field");
    }
}
