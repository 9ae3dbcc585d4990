package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Salesforce enabled with salesforce.duplicate-rule.allow-save=true. */
public class AllowSaveProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true", "salesforce.duplicate-rule.allow-save", "true");
    }
}
