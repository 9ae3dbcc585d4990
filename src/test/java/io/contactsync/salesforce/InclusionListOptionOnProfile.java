package io.contactsync.salesforce;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** R2.5 on: inclusion list 7001, new Salesforce records create HubSpot contacts; memberships never cached. */
public class InclusionListOptionOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("salesforce.enabled", "true",
                "salesforce.polling.interval", "3600",
                "salesforce.sync.inclusion-list-id", "7001",
                "salesforce.sync.membership-cache-ttl", "0s",
                "salesforce.sync.new-salesforce-records-create-hubspot-contacts", "true");
    }
}
