package io.contactsync.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.contactsync.sandbox.SalesforceField.Type;

/**
 * A parsed SOQL query of the subset the simulator understands ({@link SoqlParser}), run against the org's rows.
 * Comparisons follow SOQL: text compares case-insensitively, {@code !=} also matches records whose value is null,
 * {@code null} sorts first ascending and last descending unless {@code NULLS FIRST|LAST} says otherwise, and without
 * {@code ORDER BY} records come in creation order (Salesforce guarantees no order then).
 */
final class SoqlQuery {

    /** Where the rows come from: the org store, or a test's fixture. */
    interface Source {
        /** Full rows (field API name to stored value) of an object, deleted ones only when asked. */
        List<Map<String, Object>> rows(SalesforceSObject type, boolean includeDeleted);

        /** A live record by 18-character id, for relationship fields such as {@code Campaign.Name}. */
        Optional<Map<String, Object>> row(String id18);
    }

    /**
     * A field of the query: {@code Email}, or {@code Campaign.Name} through the reference field {@code CampaignId}.
     *
     * @param reference the reference field a relationship path goes through; {@code null} for a field of the object
     * @param target    the object the relationship points to
     * @param field     the field read
     */
    record FieldRef(SalesforceField reference, SalesforceSObject target, SalesforceField field) {

        String relationshipName() {
            return reference == null ? null : reference.relationshipName();
        }

        Object valueIn(Map<String, Object> row, Source source) {
            if (reference == null) {
                return row.get(field.name());
            }
            Object id = row.get(reference.name());
            return id == null ? null : source.row(id.toString()).map(r -> r.get(field.name())).orElse(null);
        }
    }

    /** A WHERE condition. */
    interface Condition {
        boolean test(Map<String, Object> row, Source source);
    }

    record And(List<Condition> terms) implements Condition {
        @Override
        public boolean test(Map<String, Object> row, Source source) {
            return terms.stream().allMatch(t -> t.test(row, source));
        }
    }

    record Or(List<Condition> terms) implements Condition {
        @Override
        public boolean test(Map<String, Object> row, Source source) {
            return terms.stream().anyMatch(t -> t.test(row, source));
        }
    }

    record Not(Condition term) implements Condition {
        @Override
        public boolean test(Map<String, Object> row, Source source) {
            return !term.test(row, source);
        }
    }

    /** {@code field op value}; {@code IN}/{@code NOT IN} take several values, {@code LIKE} a pattern. */
    record Comparison(FieldRef field, String operator, List<Object> values) implements Condition {
        @Override
        public boolean test(Map<String, Object> row, Source source) {
            Object actual = field.valueIn(row, source);
            return switch (operator) {
                case "=" -> same(actual, values.get(0), field.field());
                case "!=" -> !same(actual, values.get(0), field.field());
                case "IN" -> values.stream().anyMatch(v -> same(actual, v, field.field()));
                case "NOT IN" -> values.stream().noneMatch(v -> same(actual, v, field.field()));
                case "LIKE" -> actual != null && values.get(0) != null && like(actual.toString(), values.get(0).toString());
                default -> actual != null && values.get(0) != null && ordered(compare(actual, values.get(0)));
            };
        }

        private boolean ordered(int comparison) {
            return switch (operator) {
                case "<" -> comparison < 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                default -> comparison >= 0;
            };
        }
    }

    record Order(FieldRef field, boolean descending, boolean nullsFirst) {
    }

    private final SalesforceSObject from;
    private final List<FieldRef> select;
    private final boolean count;
    private final Condition where;
    private final List<Order> orderBy;
    private final Integer limit;
    private final int offset;

    SoqlQuery(SalesforceSObject from, List<FieldRef> select, boolean count, Condition where, List<Order> orderBy,
              Integer limit, int offset) {
        this.from = from;
        this.select = List.copyOf(select);
        this.count = count;
        this.where = where;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
    }

    SalesforceSObject from() {
        return from;
    }

    /** {@code SELECT COUNT() ...}: the answer has the count as totalSize and no records. */
    boolean countOnly() {
        return count;
    }

    List<FieldRef> select() {
        return select;
    }

    /** The matching rows in answer order, after OFFSET and LIMIT; {@code all} = queryAll (deleted ones too). */
    List<Map<String, Object>> run(Source source, boolean all) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : source.rows(from, all)) {
            if (where == null || where.test(row, source)) {
                rows.add(row);
            }
        }
        if (!orderBy.isEmpty()) {
            rows.sort(comparator(source));
        }
        int from = Math.min(offset, rows.size());
        int to = limit == null ? rows.size() : Math.min(rows.size(), from + limit);
        return new ArrayList<>(rows.subList(from, to));
    }

    /**
     * One row as a query answers it: {@code attributes}, then the selected fields in the query's order (API names as
     * Salesforce spells them), a relationship as a nested object with its own {@code attributes}, or {@code null}.
     */
    Map<String, Object> render(Map<String, Object> row, Source source, String apiVersion) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", SalesforceOrgStore.attributes(from.name(), (String) row.get("Id"), apiVersion));
        for (FieldRef ref : select) {
            if (ref.reference() == null) {
                record.put(ref.field().name(), SalesforceValues.toJson(row.get(ref.field().name())));
                continue;
            }
            String relationship = ref.relationshipName();
            Object id = row.get(ref.reference().name());
            Optional<Map<String, Object>> target = id == null ? Optional.empty() : source.row(id.toString());
            if (target.isEmpty()) {
                record.put(relationship, null);
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) record.get(relationship);
            if (nested == null) {
                nested = new LinkedHashMap<>();
                nested.put("attributes", SalesforceOrgStore.attributes(ref.target().name(), id.toString(), apiVersion));
                record.put(relationship, nested);
            }
            nested.put(ref.field().name(), SalesforceValues.toJson(target.get().get(ref.field().name())));
        }
        return record;
    }

    private Comparator<Map<String, Object>> comparator(Source source) {
        Comparator<Map<String, Object>> comparator = null;
        for (Order order : orderBy) {
            Comparator<Map<String, Object>> next = (a, b) -> {
                Object x = order.field().valueIn(a, source);
                Object y = order.field().valueIn(b, source);
                if (x == null || y == null) {
                    if (x == y) {
                        return 0;
                    }
                    return (x == null) == order.nullsFirst() ? -1 : 1;
                }
                int c = compare(x, y);
                return order.descending() ? -c : c;
            };
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator;
    }

    // ---- value semantics

    static boolean same(Object actual, Object literal, SalesforceField field) {
        if (actual == null || literal == null) {
            return actual == null && literal == null;
        }
        if (field.type() == Type.ID || field.type() == Type.REFERENCE) {
            return actual.equals(literal);
        }
        return compare(actual, literal) == 0;
    }

    static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.compareToIgnoreCase(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    /** SOQL LIKE: {@code %} any characters, {@code _} one character, case-insensitive. */
    static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(value).matches();
    }
}
