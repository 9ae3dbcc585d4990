package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A simulated sObject type (Lead, Contact, ...): name, key prefix and fields, found by name case-insensitively. */
final class SalesforceSObject {

    private final String name;
    private final String label;
    private final String keyPrefix;
    private final Map<String, SalesforceField> fields = new LinkedHashMap<>();
    private final Map<String, SalesforceField> byLowerName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, SalesforceField> byRelationship = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    SalesforceSObject(String name, String label, String keyPrefix, Collection<SalesforceField> fields) {
        this.name = name;
        this.label = label;
        this.keyPrefix = keyPrefix;
        fields.forEach(this::add);
    }

    synchronized void add(SalesforceField field) {
        if (byLowerName.containsKey(field.name())) {
            throw new IllegalArgumentException(name + " already has a field " + field.name());
        }
        fields.put(field.name(), field);
        byLowerName.put(field.name(), field);
        if (field.relationshipName() != null) {
            byRelationship.put(field.relationshipName(), field);
        }
    }

    String name() {
        return name;
    }

    String label() {
        return label;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    /** The field with this API name, whatever its case. */
    synchronized Optional<SalesforceField> field(String apiName) {
        return Optional.ofNullable(byLowerName.get(apiName));
    }

    /** The reference field behind a relationship name, e.g. {@code CampaignId} for {@code Campaign}. */
    synchronized Optional<SalesforceField> relationship(String relationshipName) {
        return Optional.ofNullable(byRelationship.get(relationshipName));
    }

    synchronized List<SalesforceField> fields() {
        return new ArrayList<>(fields.values());
    }
}
