package io.contactsync.salesforce;

import java.util.Collections;
import java.util.List;

import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.pipeline.ScenarioInstances;
import io.contactsync.webhook.HubSpotWebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * hubspot-to-salesforce runs once for each HubSpot contact event while {@code salesforce.enabled=true}, and not at all
 * (no run recorded, no call made) while it is false.
 */
@ApplicationScoped
public class SalesforceScenario implements ScenarioInstances {

    public static final String SCENARIO = "hubspot-to-salesforce";

    @Inject
    SalesforceConfig config;

    @Override
    public String scenario() {
        return SCENARIO;
    }

    @Override
    public List<String> instancesFor(InboxEvent event) {
        return config.enabled() && HubSpotWebhookEvents.SOURCE.equals(event.source())
                ? Collections.singletonList(null) : List.of();
    }
}
