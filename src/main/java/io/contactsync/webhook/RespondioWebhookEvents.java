package io.contactsync.webhook;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactsync.inbox.InboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Validates a respond.io webhook body ({@code event_type}, {@code event_id}, {@code contact}) into an inbox event. */
@ApplicationScoped
public class RespondioWebhookEvents {

    public static final String SOURCE = "respondio";
    static final Set<String> EVENT_TYPES = Set.of("contact.created", "contact.updated");
    /** inbox_event.event_id is VARCHAR(200); a longer id would fail the whole group commit it joins. */
    static final int MAX_EVENT_ID_LENGTH = 200;

    @Inject
    WebhookJson json;

    public List<InboxEvent> parse(byte[] body) {
        JsonNode root = json.parse(body);
        if (!root.isObject()) {
            throw WebhookRejectedException.badRequest("body must be a JSON object with event_type, event_id and contact");
        }
        String type = JsonDocument.requiredText(root, "event_type", "event_type");
        if (!EVENT_TYPES.contains(type)) {
            throw WebhookRejectedException.badRequest("event_type '" + JsonDocument.abbreviate(type)
                    + "' is not handled; expected one of " + String.join(", ", EVENT_TYPES.stream().sorted().toList()));
        }
        String eventId = JsonDocument.requiredText(root, "event_id", "event_id");
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw WebhookRejectedException.badRequest("event_id is " + eventId.length() + " characters; the limit is "
                    + MAX_EVENT_ID_LENGTH);
        }
        JsonNode contact = JsonDocument.requiredObject(root, "contact", "contact");
        long contactId = JsonDocument.positiveInteger(contact, "id", "contact.id");
        checkEmail(contact.get("email"));
        checkPhone(contact.get("phone"));
        return List.of(InboxEvent.accepted(SOURCE, eventId, type, SOURCE + ":" + contactId, root.toString()));
    }

    private static void checkEmail(JsonNode email) {
        if (email == null || email.isNull()) {
            return;
        }
        if (!email.isTextual()) {
            throw WebhookRejectedException.badRequest("contact.email must be a string");
        }
        String normalised = ContactIdentity.email(email.textValue());
        String problem = normalised == null ? null : EmailAddress.problem(normalised);
        if (problem != null) {
            throw WebhookRejectedException.badRequest("contact.email is not a valid email address: " + problem);
        }
    }

    private static void checkPhone(JsonNode phone) {
        if (phone == null || phone.isNull()) {
            return;
        }
        if (!phone.isTextual()) {
            throw WebhookRejectedException.badRequest("contact.phone must be a string");
        }
        if (!phone.textValue().isBlank() && !ContactIdentity.isPlausiblePhone(phone.textValue())) {
            throw WebhookRejectedException.badRequest("contact.phone is not a phone number");
        }
    }
}
