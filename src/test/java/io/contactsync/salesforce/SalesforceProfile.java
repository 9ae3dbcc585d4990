package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The app with Salesforce enabled (client credentials), talking to the test sandbox's simulated org. */
public class SalesforceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true");
    }
}
