package io.contactsync.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed {@code POST /crm/v3/objects/contacts/search} request: filter groups (OR'ed) of filters (AND'ed),
 * sorts, requested properties and paging. Dates (createdate, lastmodifieddate) compare as instants and accept ISO-8601
 * or ms-epoch strings; numbers compare as numbers; other strings compare case-insensitively.
 */
public final class HubSpotContactSearch {

    public static final int MAX_LIMIT = 200;
    public static final int MAX_RESULTS = 10_000;
    private static final int DEFAULT_LIMIT = 10;
    private static final Set<String> DATE_PROPERTIES =
            Set.of(HubSpotContactStore.CREATEDATE, HubSpotContactStore.LASTMODIFIEDDATE);
    private static final Set<String> OPERATORS =
            Set.of("EQ", "NEQ", "GT", "GTE", "LT", "LTE", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "IN");

    private final List<List<Filter>> filterGroups;
    private final List<Sort> sorts;
    private final List<String> properties;
    private final int limit;
    private final int after;

    private HubSpotContactSearch(List<List<Filter>> filterGroups, List<Sort> sorts, List<String> properties,
                                 int limit, int after) {
        this.filterGroups = filterGroups;
        this.sorts = sorts;
        this.properties = properties;
        this.limit = limit;
        this.after = after;
    }

    /** Reads a search request body; throws a 400 VALIDATION_ERROR for what HubSpot would refuse. */
    public static HubSpotContactSearch parse(JsonNode body) {
        List<List<Filter>> groups = new ArrayList<>();
        for (JsonNode group : body.path("filterGroups")) {
            List<Filter> filters = new ArrayList<>();
            for (JsonNode filter : group.path("filters")) {
                filters.add(Filter.parse(filter));
            }
            groups.add(filters);
        }
        List<Sort> sorts = new ArrayList<>();
        for (JsonNode sort : body.path("sorts")) {
            sorts.add(Sort.parse(sort));
        }
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(name -> properties.add(name.asText()));
        int limit = body.path("limit").asInt(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HubSpotApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        int after = parseAfter(body.path("after"));
        if (after + limit > MAX_RESULTS) {
            throw HubSpotApiException.validation("Search results are limited to " + MAX_RESULTS + " records");
        }
        return new HubSpotContactSearch(groups, sorts, properties, limit, after);
    }

    private static int parseAfter(JsonNode after) {
        if (after.isMissingNode() || after.isNull() || after.asText().isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(after.asText());
            if (offset < 0) {
                throw HubSpotApiException.validation("Invalid paging cursor: " + after.asText());
            }
            return offset;
        } catch (NumberFormatException e) {
            throw HubSpotApiException.validation("Invalid paging cursor: " + after.asText());
        }
    }

    public boolean matches(Map<String, String> contactProperties) {
        return filterGroups.isEmpty() || filterGroups.stream()
                .anyMatch(group -> group.stream().allMatch(filter -> filter.matches(contactProperties)));
    }

    /** The order of results: the requested sorts, then by contact id. Contacts missing a sort property come last. */
    public Comparator<Map<String, String>> order() {
        Comparator<Map<String, String>> order = (a, b) -> 0;
        for (Sort sort : sorts) {
            Comparator<Map<String, String>> bySort = (a, b) -> {
                String left = a.get(sort.propertyName());
                String right = b.get(sort.propertyName());
                if (left == null || right == null) {
                    return left == null ? (right == null ? 0 : 1) : -1;
                }
                int comparison = compareValues(sort.propertyName(), left, right);
                return sort.descending() ? -comparison : comparison;
            };
            order = order.thenComparing(bySort);
        }
        return order.thenComparing(contact -> Long.parseLong(contact.get(HubSpotContactStore.OBJECT_ID)));
    }

    public List<String> properties() {
        return properties;
    }

    public int limit() {
        return limit;
    }

    public int after() {
        return after;
    }

    static int compareValues(String propertyName, String left, String right) {
        if (DATE_PROPERTIES.contains(propertyName)) {
            return parseInstant(left).compareTo(parseInstant(right));
        }
        BigDecimal leftNumber = parseNumber(left);
        BigDecimal rightNumber = parseNumber(right);
        if (leftNumber != null && rightNumber != null) {
            return leftNumber.compareTo(rightNumber);
        }
        return left.compareToIgnoreCase(right);
    }

    private static Instant parseInstant(String value) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw HubSpotApiException.validation("Invalid date value: " + value);
        }
    }

    private static BigDecimal parseNumber(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Filter(String propertyName, String operator, String value, List<String> values) {

        static Filter parse(JsonNode filter) {
            String propertyName = filter.path("propertyName").asText("");
            String operator = filter.path("operator").asText("EQ").toUpperCase(Locale.ROOT);
            if (propertyName.isEmpty()) {
                throw HubSpotApiException.validation("Every filter needs a propertyName");
            }
            if (!OPERATORS.contains(operator)) {
                throw HubSpotApiException.validation("Filter operator " + operator + " is not supported by the sandbox");
            }
            List<String> values = new ArrayList<>();
            filter.path("values").forEach(value -> values.add(value.asText()));
            JsonNode value = filter.path("value");
            boolean needsValue = !operator.endsWith("HAS_PROPERTY") && !operator.equals("IN");
            if (needsValue && (value.isMissingNode() || value.isNull())) {
                throw HubSpotApiException.validation("Filter on " + propertyName + " with " + operator + " needs a value");
            }
            String text = value.isMissingNode() || value.isNull() ? null : value.asText();
            if (needsValue && DATE_PROPERTIES.contains(propertyName)) {
                parseInstant(text);
            }
            return new Filter(propertyName, operator, text, values);
        }

        boolean matches(Map<String, String> contactProperties) {
            String actual = contactProperties.get(propertyName);
            return switch (operator) {
                case "HAS_PROPERTY" -> actual != null;
                case "NOT_HAS_PROPERTY" -> actual == null;
                case "NEQ" -> actual == null || compareValues(propertyName, actual, value) != 0;
                case "IN" -> actual != null && values.stream().anyMatch(candidate -> compareValues(propertyName, actual, candidate) == 0);
                default -> actual != null && compared(compareValues(propertyName, actual, value));
            };
        }

        private boolean compared(int comparison) {
            return switch (operator) {
                case "EQ" -> comparison == 0;
                case "GT" -> comparison > 0;
                case "GTE" -> comparison >= 0;
                case "LT" -> comparison < 0;
                default -> comparison <= 0;
            };
        }
    }

    private record Sort(String propertyName, boolean descending) {

        static Sort parse(JsonNode sort) {
            if (sort.isTextual()) {
                String text = sort.asText();
                return text.startsWith("-") ? new Sort(text.substring(1), true) : new Sort(text, false);
            }
            String propertyName = sort.path("propertyName").asText("");
            if (propertyName.isEmpty()) {
                throw HubSpotApiException.validation("Every sort needs a propertyName");
            }
            return new Sort(propertyName, "DESCENDING".equalsIgnoreCase(sort.path("direction").asText("ASCENDING")));
        }
    }
}
