package io.contactsync.brevo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns mapped HubSpot values (strings) into the JSON types Brevo's attributes need, because Brevo silently ignores
 * a value of the wrong type (R4.11): booleans, category labels -> enumeration values, numbers, dates.
 * A value that cannot be converted is left out and noted, never sent for Brevo to drop.
 */
public final class AttributeValues {

    private static final Set<String> TRUE = Set.of("true", "yes", "1", "on", "y");
    private static final Set<String> FALSE = Set.of("false", "no", "0", "off", "n");

    private AttributeValues() {
    }

    public record Converted(Map<String, Object> attributes, List<String> notes) {
    }

    public static Converted convert(Map<String, Object> mapped, Map<String, BrevoAttribute> account) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        mapped.forEach((name, value) -> {
            BrevoAttribute attribute = account.get(name);
            if (value == null || attribute == null || "SMS".equals(name)) {
                if (value != null) {
                    out.put(name, value);
                }
                return;
            }
            Object converted = convert(attribute, String.valueOf(value).trim());
            if (converted == null) {
                notes.add(name + " '" + value + "' is not a valid " + describe(attribute) + "; not written");
            } else {
                out.put(name, converted);
            }
        });
        return new Converted(out, notes);
    }

    private static Object convert(BrevoAttribute attribute, String value) {
        if (attribute.isCategory()) {
            return category(attribute, value);
        }
        return switch (attribute.type()) {
            case "boolean" -> bool(value);
            case "float" -> number(value);
            case "date" -> date(value);
            default -> value;
        };
    }

    private static Integer category(BrevoAttribute attribute, String value) {
        for (Map.Entry<String, Integer> option : attribute.enumeration().entrySet()) {
            if (option.getKey().trim().equalsIgnoreCase(value) || option.getValue().toString().equals(value)) {
                return option.getValue();
            }
        }
        return null;
    }

    private static Boolean bool(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return TRUE.contains(v) ? Boolean.TRUE : FALSE.contains(v) ? Boolean.FALSE : null;
    }

    private static Number number(String value) {
        try {
            double d = Double.parseDouble(value);
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** HubSpot dates arrive as YYYY-MM-DD, an ISO instant or epoch milliseconds; Brevo wants YYYY-MM-DD. */
    private static String date(String value) {
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).toString();
            }
            if (value.matches("\\d{9,}")) {
                return LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(value)), ZoneOffset.UTC).toString();
            }
            return LocalDate.ofInstant(Instant.parse(value), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static String describe(BrevoAttribute attribute) {
        if (attribute.isCategory()) {
            return "category value (one of " + String.join(", ", attribute.enumeration().keySet()) + ")";
        }
        return attribute.type().isEmpty() ? "value" : attribute.type();
    }
}
