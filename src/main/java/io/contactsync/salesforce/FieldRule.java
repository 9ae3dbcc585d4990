package io.contactsync.salesforce;

import java.util.Arrays;
import java.util.Optional;

/**
 * The per-field sync rules of HubSpot's own Salesforce connector (docs/salesforce.md, "Field mappings and sync
 * rules"), by their configuration names ({@code salesforce.sync.field-rules.<hubspotProperty>=<name>}).
 */
public enum FieldRule {

    /** HubSpot writes only into a blank Salesforce field; a Salesforce value overwrites HubSpot. */
    PREFER_SALESFORCE("prefer-salesforce"),
    /** HubSpot never writes; Salesforce always overwrites HubSpot, and a cleared Salesforce field clears HubSpot. */
    ALWAYS_SALESFORCE("always-salesforce"),
    /** The more recently modified side wins, a cleared value included. */
    TWO_WAY("two-way"),
    DONT_SYNC("dont-sync");

    private final String configName;

    FieldRule(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<FieldRule> fromConfig(String name) {
        String wanted = name == null ? "" : name.trim();
        return Arrays.stream(values()).filter(rule -> rule.configName.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return configName;
    }
}
