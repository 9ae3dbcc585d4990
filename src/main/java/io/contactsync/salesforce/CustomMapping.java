package io.contactsync.salesforce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A custom mapping (R2.9 "custom mappings may be added"): a HubSpot property and the Salesforce field API name it
 * syncs with, on the Lead, the Contact, or both when both objects have a field of that name (R2.10).
 */
public record CustomMapping(String hubspotProperty, String salesforceField) {

    static final String KEY = "salesforce.sync.custom-fields";
    private static final Pattern HUBSPOT_PROPERTY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SALESFORCE_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /**
     * Parses {@code hubspotProperty:SalesforceField} entries.
     *
     * @throws IllegalArgumentException naming every malformed entry and every entry that would remap a default
     *         mapping (defaults cannot be removed) or map a property or field twice
     */
    public static List<CustomMapping> parse(List<String> entries) {
        List<String> problems = new ArrayList<>();
        Map<String, CustomMapping> byProperty = new LinkedHashMap<>();
        Set<String> fields = new HashSet<>();
        Set<String> defaultFields = new HashSet<>(DefaultMappings.salesforceFields(SalesforceObject.LEAD));
        defaultFields.addAll(DefaultMappings.salesforceFields(SalesforceObject.CONTACT));
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String where = KEY + ": '" + trimmed + "' ";
            String[] parts = trimmed.split(":", -1);
            if (parts.length != 2 || !HUBSPOT_PROPERTY.matcher(parts[0].trim()).matches()
                    || !SALESFORCE_FIELD.matcher(parts[1].trim()).matches()) {
                problems.add(where + "is not hubspotProperty:SalesforceField (e.g. favourite_colour:Favourite_Colour__c)");
                continue;
            }
            CustomMapping mapping = new CustomMapping(parts[0].trim(), parts[1].trim());
            if (DefaultMappings.byProperty(mapping.hubspotProperty).isPresent()) {
                problems.add(where + "remaps " + mapping.hubspotProperty + ", which a default mapping syncs");
            } else if (defaultFields.contains(mapping.salesforceField)) {
                problems.add(where + "maps to " + mapping.salesforceField + ", which a default mapping syncs");
            } else if (byProperty.containsKey(mapping.hubspotProperty)) {
                problems.add(where + "maps " + mapping.hubspotProperty + " a second time");
            } else if (!fields.add(mapping.salesforceField)) {
                problems.add(where + "maps to " + mapping.salesforceField + " a second time");
            } else {
                byProperty.put(mapping.hubspotProperty, mapping);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return List.copyOf(byProperty.values());
    }
}
