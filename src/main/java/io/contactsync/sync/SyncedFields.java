package io.contactsync.sync;

import jakarta.inject.Inject;
import io.contactsync.pipeline.SyncConfig;
import io.contactsync.client.respondio.RespondioConfig;
import io.contactsync.client.hubspot.HubSpotConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.contactsync.webhook.ContactIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Which fields take part in the sync, from configuration, and each side's record reduced to them
 * (a "projection"): compared with the projection saved after the last sync, it tells what changed.
 */
@ApplicationScoped
public class SyncedFields {

    private static final Set<String> RESPONDIO_IGNORED = Set.of("id", "created_at", "status", "isBlocked", "assignee",
            "locale", "tags", "lifecycle");
    private static final List<String> HUBSPOT_STANDARD = List.of("email", "firstname", "lastname", "phone");
    private static final String CUSTOM_PREFIX = "custom_fields.";
    private static final List<String> RESPONDIO_READ = List.of("email", "firstName", "lastName", "phone");
    private static final List<String> RESPONDIO_READ_WITH_CUSTOM = List.of("email", "firstName", "lastName", "phone",
            "custom_fields");

    @Inject
    SyncConfig sync;

    @Inject
    HubSpotConfig hubspot;

    @Inject
    RespondioConfig respondio;

    private Map<String, String> customFields;

    @PostConstruct
    void init() {
        customFields = new LinkedHashMap<>();
        for (String pair : sync.customFields().orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] names = pair.split(":");
            if (names.length != 2 || names[0].isBlank() || names[1].isBlank()) {
                throw new IllegalArgumentException("sync.custom-fields: '" + pair.trim()
                        + "' must be <respond.io custom field>:<HubSpot property>");
            }
            customFields.put(names[0].trim(), names[1].trim());
        }
    }

    /** respond.io custom field name -> HubSpot property name (R1.5), from {@code sync.custom-fields}. */
    public Map<String, String> customFields() {
        return customFields;
    }

    /** R1.7: HubSpot properties the integrator added to what the HubSpot trigger carries. */
    public List<String> extraHubSpotProperties() {
        return hubspot.extraProperties().orElse(List.of());
    }

    /** Every HubSpot property the HubSpot-side steps read. */
    public List<String> hubspotProperties() {
        List<String> names = new ArrayList<>(HUBSPOT_STANDARD);
        customFields.values().forEach(p -> addOnce(names, p));
        extraHubSpotProperties().forEach(p -> addOnce(names, p));
        addOnce(names, "lastmodifieddate");
        return names;
    }

    /** The respond.io contact fields the respond.io -> HubSpot sync reads (mappings/respondio-to-hubspot.jsonata). */
    public List<String> respondioFieldsRead() {
        return customFields.isEmpty() ? RESPONDIO_READ : RESPONDIO_READ_WITH_CUSTOM;
    }

    /** R1.6: the respond.io fields whose change fires the "updated" sync ({@code *} = all). */
    public boolean isWatched(String field) {
        return respondio.updateTriggerFields().contains("*") || respondio.updateTriggerFields().contains(field);
    }

    public Map<String, String> respondioProjection(Map<String, Object> contact) {
        Map<String, String> p = new TreeMap<>();
        contact.forEach((k, v) -> {
            if (!RESPONDIO_IGNORED.contains(k) && !"custom_fields".equals(k) && v != null) {
                p.put(k, normalise(k, String.valueOf(v)));
            }
        });
        if (contact.get("custom_fields") instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof Map<?, ?> field && field.get("value") != null) {
                    p.put(CUSTOM_PREFIX + field.get("name"), String.valueOf(field.get("value")));
                }
            }
        }
        p.values().removeIf(String::isEmpty);
        return p;
    }

    /** A respond.io contact as far as its projection tells: the fields, and custom fields as respond.io lists them. */
    public static Map<String, Object> respondioContact(String id, Map<String, String> projection) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", id);
        List<Map<String, Object>> customFields = new ArrayList<>();
        projection.forEach((k, v) -> {
            if (k.startsWith(CUSTOM_PREFIX)) {
                customFields.add(Map.of("name", k.substring(CUSTOM_PREFIX.length()), "value", v));
            } else {
                contact.put(k, v);
            }
        });
        contact.put("custom_fields", customFields);
        return contact;
    }

    public Map<String, String> hubspotProjection(Map<String, Object> contact) {
        Map<String, String> p = new TreeMap<>();
        if (contact.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (v != null && !name.startsWith("hs_") && !"lastmodifieddate".equals(name)
                        && !"createdate".equals(name)) {
                    p.put(name, normalise(name, String.valueOf(v)));
                }
            });
        }
        p.values().removeIf(String::isEmpty);
        return p;
    }

    /** The field names whose values differ between two projections. */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        before.keySet().forEach(k -> names.put(k, true));
        after.keySet().forEach(k -> names.put(k, true));
        return names.keySet().stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).sorted().toList();
    }

    private static String normalise(String field, String value) {
        if ("email".equals(field)) {
            String e = ContactIdentity.email(value);
            return e == null ? "" : e;
        }
        return value.trim();
    }

    private static void addOnce(List<String> names, String name) {
        if (!name.isBlank() && !names.contains(name)) {
            names.add(name);
        }
    }
}
