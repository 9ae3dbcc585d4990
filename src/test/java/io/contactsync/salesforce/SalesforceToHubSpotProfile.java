package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Salesforce enabled, polls only when a test asks (POST /admin/salesforce/poll), and one field of each rule besides
 * prefer-salesforce: jobtitle always-salesforce, salesforce_description two-way, fax dont-sync.
 */
public class SalesforceToHubSpotProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true",
                "salesforce.polling.interval", "3600",
                "salesforce.sync.field-rules.jobtitle", "always-salesforce",
                "salesforce.sync.field-rules.salesforce_description", "two-way",
                "salesforce.sync.field-rules.fax", "dont-sync");
    }
}
