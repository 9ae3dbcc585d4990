package io.contactsync.salesforce;

import java.util.Collections;
import java.util.List;

import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.pipeline.ScenarioInstances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** salesforce-to-hubspot runs only while Salesforce is enabled: events kept from before then finish without a run. */
@ApplicationScoped
public class SalesforceToHubSpotInstances implements ScenarioInstances {

    @Inject
    SalesforceClient salesforce;

    @Override
    public String scenario() {
        return "salesforce-to-hubspot";
    }

    @Override
    public List<String> instancesFor(InboxEvent event) {
        return salesforce.enabled() ? Collections.singletonList(null) : List.of();
    }
}
