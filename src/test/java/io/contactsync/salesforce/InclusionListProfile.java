package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Salesforce enabled with HubSpot list 9100 as the inclusion list; memberships trusted for 3 s. */
public class InclusionListProfile implements QuarkusTestProfile {

    static final String LIST_ID = "9100";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true",
                "salesforce.sync.inclusion-list-id", LIST_ID,
                "salesforce.sync.membership-cache-ttl", "3s");
    }
}
