package io.contactsync.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which HubSpot properties and Salesforce fields the HubSpot <-> Salesforce sync reads and writes (the default mappings
 * of R2.9 and the custom ones), and the snapshots of both sides that {@code salesforce_link} keeps after a sync: the
 * loop guard of both directions compares a side's current values with them (docs/salesforce.md, "Snapshots").
 */
@ApplicationScoped
public class SalesforceFields {

    /** What routes a contact (R3) and when HubSpot last changed it; read, never synced as fields. */
    public static final List<String> ROUTING_PROPERTIES = List.of("lifecyclestage", "lastmodifieddate");

    /** One mapped field of an object: the HubSpot property, the Salesforce field and the rule that decides it. */
    public record Field(String hubspotProperty, String salesforceField, FieldRule rule) {
    }

    @Inject
    SalesforceSyncSettings settings;

    /** The mapped fields of a Lead or a Contact (defaults on that object, then every custom mapping). */
    public List<Field> on(SalesforceObject object) {
        FieldSyncRules rules = settings.fieldRules();
        List<Field> fields = new ArrayList<>();
        for (MappedField mapped : DefaultMappings.FIELDS) {
            if (mapped.fieldOn(object) != null) {
                fields.add(new Field(mapped.hubspotProperty(), mapped.fieldOn(object),
                        rules.ruleFor(mapped.hubspotProperty())));
            }
        }
        settings.customMappings().forEach(custom -> fields.add(new Field(custom.hubspotProperty(),
                custom.salesforceField(), rules.ruleFor(custom.hubspotProperty()))));
        return fields;
    }

    /** The Salesforce fields of an object that a lookup selects (each mapped field). */
    public List<String> salesforceFieldsOf(SalesforceObject object) {
        return on(object).stream().map(Field::salesforceField).distinct().toList();
    }

    /** Every HubSpot property a HubSpot -> Salesforce sync reads: the mapped ones and the routing ones. */
    public List<String> hubspotProperties() {
        Set<String> properties = new LinkedHashSet<>();
        for (SalesforceObject object : SalesforceObject.values()) {
            on(object).forEach(field -> properties.add(field.hubspotProperty()));
        }
        properties.addAll(ROUTING_PROPERTIES);
        return List.copyOf(properties);
    }

    /** The HubSpot snapshot of the contact's properties, in the format both directions share ({@link SalesforceSnapshot}). */
    public Map<String, Object> hubspotSnapshot(Map<String, Object> properties) {
        return SalesforceSnapshot.ofHubSpot(properties,
                settings.customMappings().stream().map(CustomMapping::hubspotProperty).toList());
    }

    /** The Salesforce snapshot of a Lead or Contact, in the format both directions share ({@link SalesforceSnapshot}). */
    public Map<String, Object> salesforceSnapshot(SalesforceObject object, Map<String, Object> record) {
        return SalesforceSnapshot.ofRecord(object, record,
                settings.customMappings().stream().map(CustomMapping::salesforceField).toList());
    }
}
