package io.contactsync.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link SalesforceSyncConfig} checked and turned into what the routes use: the field rules, the lifecycle routing,
 * the custom mappings, and the mapping envelope's {@code customFields} and {@code fallbacks}. A wrong value is a
 * start-up problem (StartupChecks) when Salesforce is enabled; until then nothing reads it.
 */
@ApplicationScoped
public class SalesforceSyncSettings {

    private final SalesforceSyncConfig config;

    private volatile Loaded loaded;

    @Inject
    public SalesforceSyncSettings(SalesforceSyncConfig config) {
        this.config = config;
    }

    private record Loaded(List<String> problems, List<CustomMapping> customMappings, FieldSyncRules fieldRules,
            LifecycleRouting routing) {
    }

    /** What is wrong with {@code salesforce.sync.*}, one line per key; empty when all is well. */
    public List<String> problems() {
        return loaded().problems();
    }

    public FieldSyncRules fieldRules() {
        return valid().fieldRules();
    }

    public LifecycleRouting routing() {
        return valid().routing();
    }

    public List<CustomMapping> customMappings() {
        return valid().customMappings();
    }

    /** The envelope's {@code customFields}: HubSpot property -> Salesforce field. */
    public Map<String, String> customFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        customMappings().forEach(mapping -> fields.put(mapping.hubspotProperty(), mapping.salesforceField()));
        return fields;
    }

    /** The envelope's {@code fallbacks} for a new Lead: only the configured ones. */
    public Map<String, String> fallbacks() {
        Map<String, String> fallbacks = new LinkedHashMap<>();
        config.newLead().lastName().filter(v -> !v.isBlank()).ifPresent(v -> fallbacks.put("lastName", v));
        config.newLead().company().filter(v -> !v.isBlank()).ifPresent(v -> fallbacks.put("company", v));
        return fallbacks;
    }

    public SalesforceSyncConfig config() {
        return config;
    }

    private Loaded valid() {
        Loaded current = loaded();
        if (!current.problems().isEmpty()) {
            throw new IllegalStateException("salesforce.sync is invalid: " + String.join("; ", current.problems()));
        }
        return current;
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null) {
            current = load();
            loaded = current;
        }
        return current;
    }

    private Loaded load() {
        List<String> problems = new ArrayList<>();
        List<CustomMapping> custom = List.of();
        FieldSyncRules rules = null;
        LifecycleRouting routing = null;
        try {
            custom = CustomMapping.parse(config.customFields().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            rules = FieldSyncRules.of(config.fieldRules(), custom.stream().map(CustomMapping::hubspotProperty).toList());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            routing = LifecycleRouting.of(config.leadStages(), config.contactStages());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (config.membershipCacheTtl().isNegative()) {
            problems.add("salesforce.sync.membership-cache-ttl=" + config.membershipCacheTtl() + ": must not be negative");
        }
        if (config.ownersRefresh().isNegative()) {
            problems.add("salesforce.sync.owners-refresh=" + config.ownersRefresh() + ": must not be negative");
        }
        return new Loaded(List.copyOf(problems), custom, rules, routing);
    }
}
