package io.contactsync.brevo;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.webhook.HubSpotWebhookEvents;

/**
 * Inbox events of a Brevo integration: a contact entered or left the HubSpot list, or waits no more for quota.
 * They run the hubspot-to-brevo route for that contact, ordered with the contact's other HubSpot events.
 */
final class ListEvents {

    static final String ENTERED = "list.entered";
    static final String LEFT = "list.left";
    static final String RESUMED = "quota.resumed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ListEvents() {
    }

    static InboxEvent of(String type, String integration, String hubspotId, long atMillis) {
        String payload;
        try {
            payload = JSON.writeValueAsString(Map.of("integration", integration, "objectId", Long.parseLong(hubspotId),
                    "change", type, "occurredAt", atMillis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return InboxEvent.accepted(BrevoIntegrations.LIST_SOURCE,
                integration + ":" + hubspotId + ":" + type + ":" + atMillis, type,
                HubSpotWebhookEvents.SOURCE + ":" + hubspotId, payload);
    }
}
