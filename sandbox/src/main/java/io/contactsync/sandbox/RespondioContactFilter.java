package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of respond.io's {@code POST /contact/list}: optional free-text {@code search} and a {@code filter} with
 * {@code $and} (all must hold) and {@code $or} (one must hold) lists of contact-field conditions.
 * The sandbox supports the operators isEqualTo, isNotEqualTo, exists and doesNotExist on standard contact fields.
 */
public final class RespondioContactFilter {

    private static final Set<String> FIELDS = Set.of("firstName", "lastName", "email", "phone", "language", "countryCode");
    private static final Set<String> OPERATORS = Set.of("isEqualTo", "isNotEqualTo", "exists", "doesNotExist");
    private static final List<String> SEARCHED_FIELDS = List.of("firstName", "lastName", "email", "phone");

    private final String search;
    private final List<Condition> allOf;
    private final List<Condition> anyOf;

    private RespondioContactFilter(String search, List<Condition> allOf, List<Condition> anyOf) {
        this.search = search;
        this.allOf = allOf;
        this.anyOf = anyOf;
    }

    /** Reads a list request body; throws a 400 for what the sandbox or respond.io would refuse. */
    public static RespondioContactFilter parse(JsonNode body) {
        if (!body.path("timezone").isTextual()) {
            throw RespondioApiException.badRequest("timezone is required");
        }
        JsonNode filter = body.path("filter");
        if (!filter.isObject()) {
            throw RespondioApiException.badRequest("filter is required");
        }
        String search = body.path("search").isTextual() ? body.path("search").asText().trim() : "";
        return new RespondioContactFilter(search.toLowerCase(Locale.ROOT),
                conditions(filter.path("$and")), conditions(filter.path("$or")));
    }

    private static List<Condition> conditions(JsonNode list) {
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode condition : list) {
            conditions.add(Condition.parse(condition));
        }
        return conditions;
    }

    public boolean matches(Map<String, Object> contact) {
        return matchesSearch(contact)
                && allOf.stream().allMatch(condition -> condition.matches(contact))
                && (anyOf.isEmpty() || anyOf.stream().anyMatch(condition -> condition.matches(contact)));
    }

    private boolean matchesSearch(Map<String, Object> contact) {
        return search.isEmpty() || SEARCHED_FIELDS.stream()
                .map(contact::get)
                .anyMatch(value -> value != null && value.toString().toLowerCase(Locale.ROOT).contains(search));
    }

    private record Condition(String field, String operator, String value) {

        static Condition parse(JsonNode condition) {
            String category = condition.path("category").asText("");
            if (!category.equals("contactField")) {
                throw RespondioApiException.badRequest("The sandbox only supports contactField conditions");
            }
            String field = condition.path("field").asText("");
            String operator = condition.path("operator").asText("");
            if (!FIELDS.contains(field)) {
                throw RespondioApiException.badRequest("The sandbox does not support filtering on field " + field);
            }
            if (!OPERATORS.contains(operator)) {
                throw RespondioApiException.badRequest("The sandbox does not support operator " + operator);
            }
            JsonNode value = condition.path("value");
            boolean needsValue = operator.equals("isEqualTo") || operator.equals("isNotEqualTo");
            if (needsValue && !value.isValueNode()) {
                throw RespondioApiException.badRequest("Operator " + operator + " needs a value");
            }
            return new Condition(field, operator, needsValue ? value.asText() : null);
        }

        boolean matches(Map<String, Object> contact) {
            Object actual = contact.get(field);
            boolean present = actual != null && !actual.toString().isEmpty();
            return switch (operator) {
                case "exists" -> present;
                case "doesNotExist" -> !present;
                case "isEqualTo" -> present && equal(actual.toString());
                default -> !present || !equal(actual.toString());
            };
        }

        private boolean equal(String actual) {
            return field.equals("email") ? actual.equalsIgnoreCase(value) : actual.equals(value);
        }
    }
}
