package io.contactsync.pipeline;

import java.util.List;

import io.contactsync.inbox.InboxEvent;

/**
 * A scenario that runs once per configured instance (e.g. hubspot-to-brevo once per Brevo integration holding the
 * contact). The dispatcher runs such a scenario for each instance this returns, with the exchange variable
 * {@code instance} set; an empty list means the event does not concern the scenario and no run is recorded.
 */
public interface ScenarioInstances {

    String scenario();

    List<String> instancesFor(InboxEvent event);
}
