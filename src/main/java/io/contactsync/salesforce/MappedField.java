package io.contactsync.salesforce;

import java.util.Set;

/**
 * One default mapping (R2.9): a HubSpot contact property and the Lead and Contact fields it maps to (null where the
 * object has no such field, R2.10), the kind of value it holds, its default rule and the rules it may be given.
 */
public record MappedField(String label, String hubspotProperty, String leadField, String contactField, Kind kind,
        FieldRule defaultRule, Set<FieldRule> allowedRules) {

    /** The kind of value, which the mappings convert (Salesforce number, boolean, user id; HubSpot strings). */
    public enum Kind {
        TEXT, EMAIL, NUMBER, INTEGER, BOOLEAN, OWNER, CAMPAIGNS
    }

    static MappedField of(String label, String hubspotProperty, String leadField, String contactField, Kind kind) {
        return new MappedField(label, hubspotProperty, leadField, contactField, kind, FieldRule.PREFER_SALESFORCE,
                Set.of(FieldRule.values()));
    }

    public String fieldOn(SalesforceObject object) {
        return object == SalesforceObject.LEAD ? leadField : contactField;
    }
}
