package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contact attributes of the simulated Brevo account, and how Brevo treats a value written to one: kept when the
 * attribute exists, can be written and the value has its type; otherwise silently ignored, as Brevo does.
 */
final class BrevoAttributeCatalogue {

    private final Map<String, Map<String, Object>> attributes = new LinkedHashMap<>();

    BrevoAttributeCatalogue() {
        reset();
    }

    synchronized void reset() {
        attributes.clear();
        for (String text : List.of("FIRSTNAME", "LASTNAME", "SMS", "COMPANY")) {
            add(attribute(text, "normal", "text"));
        }
        add(attribute("NEWSLETTER", "normal", "boolean"));
        add(attribute("BIRTHDAY", "normal", "date"));
        add(attribute("SCORE", "normal", "float"));
        Map<String, Object> plan = attribute("PLAN", "category", null);
        plan.put("enumeration", List.of(option(1, "Free"), option(2, "Pro"), option(3, "Enterprise")));
        add(plan);
        Map<String, Object> domain = attribute("EMAIL_DOMAIN", "calculated", null);
        domain.put("calculatedValue", "SUBSTRING(EMAIL, INSTR(EMAIL, '@') + 1)");
        add(domain);
        Map<String, Object> registered = attribute("REGISTERED_AT", "calculated", null);
        registered.put("calculatedValue", "CREATED_AT");
        add(registered);
        Map<String, Object> score = attribute("HUBSPOT_SCORE", "global", null);
        score.put("calculatedValue", "AVG[SCORE]");
        add(score);
    }

    /** Adds (or replaces) an attribute given as Brevo lists it: name, category, type, enumeration. */
    synchronized void add(Map<String, Object> attribute) {
        Object name = attribute.get("name");
        Object category = attribute.get("category");
        if (!(name instanceof String n) || n.isBlank() || !(category instanceof String)) {
            throw BrevoApiException.missing("an attribute needs a name and a category");
        }
        attributes.put(n, new LinkedHashMap<>(attribute));
    }

    synchronized List<Map<String, Object>> all() {
        return new ArrayList<>(attributes.values());
    }

    /** The value Brevo stores for this attribute, or empty when Brevo ignores it. */
    synchronized Optional<Object> accept(String name, Object value) {
        Map<String, Object> attribute = attributes.get(name);
        if (attribute == null || value == null) {
            return Optional.empty();
        }
        String category = (String) attribute.get("category");
        if (!category.equals("normal") && !category.equals("category") && !category.equals("transactional")) {
            return Optional.empty();
        }
        if (category.equals("category")) {
            return value instanceof Number n && enumerationValues(attribute).contains(n.intValue())
                    ? Optional.of(n.intValue()) : Optional.empty();
        }
        return switch (String.valueOf(attribute.get("type"))) {
            case "boolean" -> value instanceof Boolean ? Optional.of(value) : Optional.empty();
            case "float" -> value instanceof Number ? Optional.of(value) : Optional.empty();
            case "date" -> value instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}") ? Optional.of(s)
                    : Optional.empty();
            default -> value instanceof String || value instanceof Number ? Optional.of(String.valueOf(value))
                    : Optional.empty();
        };
    }

    private static List<Integer> enumerationValues(Map<String, Object> attribute) {
        List<Integer> values = new ArrayList<>();
        if (attribute.get("enumeration") instanceof List<?> options) {
            for (Object option : options) {
                if (option instanceof Map<?, ?> o && o.get("value") instanceof Number n) {
                    values.add(n.intValue());
                }
            }
        }
        return values;
    }

    private static Map<String, Object> attribute(String name, String category, String type) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("name", name);
        attribute.put("category", category);
        if (type != null) {
            attribute.put("type", type);
        }
        return attribute;
    }

    private static Map<String, Object> option(int value, String label) {
        return Map.of("value", value, "label", label);
    }
}
