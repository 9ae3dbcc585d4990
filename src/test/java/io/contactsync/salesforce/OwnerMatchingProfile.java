package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Salesforce enabled with the default field rules (owner two-way), polls only when a test asks, and an owner table
 * trusted for 3 seconds so that each test reads the owners it sets up.
 */
public class OwnerMatchingProfile implements QuarkusTestProfile {

    static final long OWNERS_REFRESH_MILLIS = 3_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true",
                "salesforce.polling.interval", "3600",
                "salesforce.sync.owners-refresh", OWNERS_REFRESH_MILLIS + "ms");
    }
}
