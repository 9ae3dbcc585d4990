package io.contactsync.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactsync.inbox.InboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Validates a HubSpot webhook batch (a JSON array of contact events) into inbox events, one per event. */
@ApplicationScoped
public class HubSpotWebhookEvents {

    public static final String SOURCE = "hubspot";
    static final Set<String> SUBSCRIPTION_TYPES = Set.of("contact.creation", "contact.propertyChange");
    private static final int MAX_EVENTS = 1000;

    @Inject
    WebhookJson json;

    public List<InboxEvent> parse(byte[] body) {
        JsonNode root = json.parse(body);
        if (!root.isArray()) {
            throw WebhookRejectedException.badRequest("body must be a JSON array of HubSpot events");
        }
        if (root.isEmpty()) {
            throw WebhookRejectedException.badRequest("body is an empty array; at least one event is required");
        }
        if (root.size() > MAX_EVENTS) {
            throw new WebhookRejectedException(413, "batch has " + root.size() + " events; the limit is " + MAX_EVENTS);
        }
        List<InboxEvent> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode event = root.get(i);
            String at = "[" + i + "]";
            if (!event.isObject()) {
                throw WebhookRejectedException.badRequest(at + " must be an event object");
            }
            long eventId = JsonDocument.positiveInteger(event, "eventId", at + ".eventId");
            String type = JsonDocument.requiredText(event, "subscriptionType", at + ".subscriptionType");
            if (!SUBSCRIPTION_TYPES.contains(type)) {
                throw WebhookRejectedException.badRequest(at + ".subscriptionType '" + JsonDocument.abbreviate(type)
                        + "' is not handled; expected contact.creation or contact.propertyChange");
            }
            long objectId = JsonDocument.positiveInteger(event, "objectId", at + ".objectId");
            JsonDocument.positiveInteger(event, "portalId", at + ".portalId");
            JsonDocument.positiveInteger(event, "appId", at + ".appId");
            JsonDocument.positiveInteger(event, "occurredAt", at + ".occurredAt");
            events.add(InboxEvent.accepted(SOURCE, Long.toString(eventId), type, SOURCE + ":" + objectId,
                    event.toString()));
        }
        return events;
    }
}
