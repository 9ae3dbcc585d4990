package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Salesforce enabled, no inclusion list (every contact syncs, R2.3), one field of each rule besides the default
 * prefer-salesforce (jobtitle and lastname two-way, fax always-salesforce, salesforce_description dont-sync), and a
 * custom mapping to a custom field the tests add to the org.
 */
public class HubSpotToSalesforceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true",
                "salesforce.sync.field-rules.jobtitle", "two-way",
                "salesforce.sync.field-rules.lastname", "two-way",
                "salesforce.sync.field-rules.fax", "always-salesforce",
                "salesforce.sync.field-rules.salesforce_description", "dont-sync",
                "salesforce.sync.custom-fields", "favourite_colour:Favourite_Colour__c");
    }
}
