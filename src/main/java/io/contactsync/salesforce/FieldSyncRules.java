package io.contactsync.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rule of every mapped field (defaults of HubSpot's connector, overridden by
 * {@code salesforce.sync.field-rules.<hubspotProperty>}) and what it decides for one field of one sync.
 */
public final class FieldSyncRules {

    static final String KEY = "salesforce.sync.field-rules.";

    private final Map<String, FieldRule> rules;

    private FieldSyncRules(Map<String, FieldRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    /**
     * The rules for the default mappings and the given custom mapped properties, with the configured overrides.
     *
     * @throws IllegalArgumentException naming every key whose property is not mapped, whose rule is unknown, or
     *         whose rule that field cannot have
     */
    public static FieldSyncRules of(Map<String, String> configured, Collection<String> customProperties) {
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        DefaultMappings.all().forEach(field -> rules.put(field.hubspotProperty(), field.defaultRule()));
        customProperties.forEach(property -> rules.putIfAbsent(property, FieldRule.PREFER_SALESFORCE));
        List<String> problems = new ArrayList<>();
        new TreeMap<>(configured).forEach((property, name) -> {
            String key = KEY + property + "=" + name + ": ";
            if (!rules.containsKey(property)) {
                problems.add(key + "'" + property + "' is not a mapped HubSpot property (a default mapping or one of"
                        + " salesforce.sync.custom-fields)");
                return;
            }
            FieldRule rule = FieldRule.fromConfig(name).orElse(null);
            if (rule == null) {
                problems.add(key + "unknown rule, expected one of prefer-salesforce, always-salesforce, two-way,"
                        + " dont-sync");
                return;
            }
            DefaultMappings.byProperty(property).filter(field -> !field.allowedRules().contains(rule))
                    .ifPresentOrElse(field -> problems.add(key + field.label() + " can only be "
                            + allowed(field.allowedRules())), () -> rules.put(property, rule));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new FieldSyncRules(rules);
    }

    /** @throws IllegalArgumentException when the property is not mapped */
    public FieldRule ruleFor(String hubspotProperty) {
        FieldRule rule = rules.get(hubspotProperty);
        if (rule == null) {
            throw new IllegalArgumentException("'" + hubspotProperty + "' is not a mapped HubSpot property");
        }
        return rule;
    }

    /** Every mapped HubSpot property and its rule. */
    public Map<String, FieldRule> rules() {
        return rules;
    }

    /** What the rule of {@code hubspotProperty} writes for this sync. */
    public FieldDecision decide(String hubspotProperty, FieldValue hubspot, FieldValue salesforce,
            SyncDirection direction) {
        return decide(ruleFor(hubspotProperty), hubspot, salesforce, direction);
    }

    /**
     * What {@code rule} writes, and to which side, when a sync runs in {@code direction}. Only the direction's target
     * is ever written: a Salesforce value reaches HubSpot in a Salesforce -> HubSpot sync, and vice versa.
     */
    public static FieldDecision decide(FieldRule rule, FieldValue hubspot, FieldValue salesforce,
            SyncDirection direction) {
        SyncSide target = direction.target();
        FieldValue from = direction == SyncDirection.HUBSPOT_TO_SALESFORCE ? hubspot : salesforce;
        FieldValue to = direction == SyncDirection.HUBSPOT_TO_SALESFORCE ? salesforce : hubspot;
        if (rule == FieldRule.DONT_SYNC) {
            return FieldDecision.keep(target, "dont-sync");
        }
        if (same(from, to)) {
            return FieldDecision.keep(target, "already the same");
        }
        return switch (rule) {
            case PREFER_SALESFORCE -> preferSalesforce(hubspot, salesforce, direction);
            case ALWAYS_SALESFORCE -> direction == SyncDirection.HUBSPOT_TO_SALESFORCE
                    ? FieldDecision.keep(target, "always-salesforce: HubSpot never writes to Salesforce")
                    : copy(from, target, "always-salesforce");
            case TWO_WAY -> twoWay(from, to, direction);
            case DONT_SYNC -> throw new IllegalStateException("handled above");
        };
    }

    private static FieldDecision preferSalesforce(FieldValue hubspot, FieldValue salesforce, SyncDirection direction) {
        if (direction == SyncDirection.SALESFORCE_TO_HUBSPOT) {
            return salesforce.blank()
                    ? FieldDecision.keep(SyncSide.HUBSPOT, "prefer-salesforce: Salesforce is blank, HubSpot keeps its value")
                    : FieldDecision.set(SyncSide.HUBSPOT, salesforce.value(), "prefer-salesforce: Salesforce's value");
        }
        if (hubspot.blank()) {
            return FieldDecision.keep(SyncSide.SALESFORCE, "prefer-salesforce: HubSpot is blank, Salesforce is never cleared");
        }
        return salesforce.blank()
                ? FieldDecision.set(SyncSide.SALESFORCE, hubspot.value(), "prefer-salesforce: Salesforce was blank")
                : FieldDecision.keep(SyncSide.SALESFORCE, "prefer-salesforce: Salesforce has a value");
    }

    /** The source wins when it changed at or after the target; an unknown source time never beats a known one. */
    private static FieldDecision twoWay(FieldValue from, FieldValue to, SyncDirection direction) {
        Instant source = from.modifiedAt();
        Instant target = to.modifiedAt();
        boolean sourceWins = target == null || (source != null && !source.isBefore(target));
        if (!sourceWins) {
            return FieldDecision.keep(direction.target(), "two-way: " + direction.target() + " changed more recently ("
                    + target + " after " + (source == null ? "an unknown time" : source) + ")");
        }
        return copy(from, direction.target(), "two-way: " + direction.source() + " changed more recently");
    }

    private static FieldDecision copy(FieldValue from, SyncSide target, String reason) {
        return from.blank() ? FieldDecision.clear(target, reason + " (cleared)") : FieldDecision.set(target, from.value(), reason);
    }

    /** Blank equals blank; numbers compare by value (120000 = 120000.0); booleans ignore case; text is trimmed. */
    static boolean same(FieldValue a, FieldValue b) {
        if (a.blank() || b.blank()) {
            return a.blank() && b.blank();
        }
        String x = a.value().trim();
        String y = b.value().trim();
        if (x.equals(y)) {
            return true;
        }
        BigDecimal nx = number(x);
        BigDecimal ny = number(y);
        if (nx != null && ny != null) {
            return nx.compareTo(ny) == 0;
        }
        return isBoolean(x) && x.equalsIgnoreCase(y);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isBoolean(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    private static String allowed(Collection<FieldRule> rules) {
        return rules.stream().map(FieldRule::configName).sorted().collect(Collectors.joining(" or "));
    }
}
