package io.contactsync.brevo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contactsync.client.VendorJson;

/**
 * One contact attribute of the Brevo account, as GET /contacts/attributes describes it.
 *
 * @param enumeration a category attribute's labels -> values; empty for other attributes
 */
public record BrevoAttribute(String name, String category, String type, Map<String, Integer> enumeration) {

    /** Calculated and global attributes are computed by Brevo and cannot be written (R4.10). */
    public boolean readOnly() {
        return "calculated".equals(category) || "global".equals(category);
    }

    public boolean isCategory() {
        return !enumeration.isEmpty() || "category".equals(category);
    }

    public static BrevoAttribute of(Map<String, Object> described) {
        Map<String, Integer> enumeration = new LinkedHashMap<>();
        for (Map<String, Object> option : VendorJson.objects(described.get("enumeration"))) {
            enumeration.put(String.valueOf(option.get("label")), ((Number) option.get("value")).intValue());
        }
        return new BrevoAttribute(String.valueOf(described.get("name")).toUpperCase(Locale.ROOT),
                text(described.get("category")), text(described.get("type")), enumeration);
    }

    public static Map<String, BrevoAttribute> byName(List<Map<String, Object>> described) {
        Map<String, BrevoAttribute> byName = new LinkedHashMap<>();
        described.stream().map(BrevoAttribute::of).forEach(a -> byName.put(a.name(), a));
        return byName;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
