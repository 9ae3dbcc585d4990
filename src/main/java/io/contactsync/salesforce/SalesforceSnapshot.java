package io.contactsync.salesforce;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mapped fields of one side as text, blanks (and a checkbox's {@code false}) left out: what
 * {@code salesforce_link} keeps of each side after contact-sync's last write, and what a change that comes back is
 * compared with (both directions use this class, so their snapshots compare alike).
 */
public final class SalesforceSnapshot {

    private SalesforceSnapshot() {
    }

    /** A Lead's or Contact's mapped fields: the default fields of its object and the given custom fields. */
    public static Map<String, Object> ofRecord(SalesforceObject object, Map<String, Object> record,
            Collection<String> customFields) {
        Map<String, Object> snapshot = new TreeMap<>();
        for (MappedField field : DefaultMappings.FIELDS) {
            String name = field.fieldOn(object);
            if (name != null) {
                put(snapshot, name, record.get(name), field.kind());
            }
        }
        customFields.forEach(name -> put(snapshot, name, record.get(name), MappedField.Kind.TEXT));
        return snapshot;
    }

    /** A HubSpot contact's mapped properties ({@code properties} of the contact): defaults and custom ones. */
    public static Map<String, Object> ofHubSpot(Map<String, Object> properties, Collection<String> customProperties) {
        Map<String, Object> snapshot = new TreeMap<>();
        for (MappedField field : DefaultMappings.all()) {
            put(snapshot, field.hubspotProperty(), properties.get(field.hubspotProperty()), field.kind());
        }
        customProperties.forEach(name -> put(snapshot, name, properties.get(name), MappedField.Kind.TEXT));
        return snapshot;
    }

    /** Whether two snapshots hold the same values (numbers by value, booleans ignoring case). */
    public static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (a == null || b == null) {
            return false;
        }
        Set<String> names = new HashSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            if (!FieldSyncRules.same(value(a.get(name)), value(b.get(name)))) {
                return false;
            }
        }
        return true;
    }

    private static FieldValue value(Object value) {
        return FieldValue.of(value == null ? null : value.toString(), null);
    }

    private static void put(Map<String, Object> snapshot, String name, Object value, MappedField.Kind kind) {
        String text = value == null ? null : value.toString().trim();
        if (text == null || text.isEmpty() || (kind == MappedField.Kind.BOOLEAN && text.equalsIgnoreCase("false"))) {
            return;
        }
        snapshot.put(name, text);
    }
}
