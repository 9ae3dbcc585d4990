package io.contactsync.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactsync.inbox.InboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Validates a HubSpot webhook batch (a JSON array of contact events, as HubSpot sends them: at most 100, all of
 * one portal) into inbox events, one per event.
 */
@ApplicationScoped
public class HubSpotWebhookEvents {

    public static final String SOURCE = "hubspot";
    static final String PROPERTY_CHANGE = "contact.propertyChange";
    static final Set<String> SUBSCRIPTION_TYPES = Set.of("contact.creation", PROPERTY_CHANGE);

    @Inject
    WebhookConfig config;

    /** How far ahead of our clock an event may have occurred: the window HubSpot allows its request timestamps. */

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
        if (root.size() > config.hubspot().maxBatchSize()) {
            // 400, not 413: HubSpot retries every other 4xx, and it never sends such a batch
            throw WebhookRejectedException.badRequest("batch has " + root.size() + " events; HubSpot sends at most "
                    + config.hubspot().maxBatchSize() + " (webhook.hubspot.max-batch-size)");
        }
        List<InboxEvent> events = new ArrayList<>(root.size());
        long portalId = 0;
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
            long eventPortal = JsonDocument.positiveInteger(event, "portalId", at + ".portalId");
            if (i > 0 && eventPortal != portalId) {
                // contact-sync serves one HubSpot account: another portal's objectIds would name other contacts here
                throw WebhookRejectedException.badRequest(at + ".portalId " + eventPortal + " differs from [0].portalId "
                        + portalId + "; a batch carries the events of one portal");
            }
            portalId = eventPortal;
            JsonDocument.positiveInteger(event, "appId", at + ".appId");
            checkOccurredAt(JsonDocument.positiveInteger(event, "occurredAt", at + ".occurredAt"), at);
            if (type.equals(PROPERTY_CHANGE)) {
                JsonDocument.requiredText(event, "propertyName", at + ".propertyName");
                JsonDocument.requiredString(event, "propertyValue", at + ".propertyValue");
            }
            events.add(InboxEvent.accepted(SOURCE, Long.toString(eventId), type, SOURCE + ":" + objectId,
                    event.toString()));
        }
        return events;
    }

    private void checkOccurredAt(long occurredAt, String at) {
        long ahead = occurredAt - System.currentTimeMillis();
        if (ahead > config.hubspot().maxAge().toMillis()) {
            throw WebhookRejectedException.badRequest(at + ".occurredAt " + occurredAt + " is "
                    + Duration.ofMillis(ahead).toMinutes() + " minutes in the future; events are sent after they occur");
        }
    }
}
