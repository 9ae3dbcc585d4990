package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Salesforce enabled, polls only when a test asks, and the owner table read in the background (routes/salesforce-owners). */
public class OwnerPrefetchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true",
                "salesforce.polling.interval", "3600",
                "salesforce.sync.owners-prefetch", "true");
    }
}
