package io.contactsync.sandbox;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;



import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/** Sends respond.io-style webhooks: one {@code contact.created} / {@code contact.updated} event per POST, signed. */
public class RespondioWebhookPublisher {

    private final ObjectMapper objectMapper;
    private final SandboxWebhookEmitter emitter;
    private final SandboxWebhookTarget target;
    private final String signingKey;

    RespondioWebhookPublisher(ObjectMapper objectMapper, SandboxWebhookEmitter emitter, SandboxWebhookTarget target,
                              String signingKey) {
        this.objectMapper = objectMapper;
        this.emitter = emitter;
        this.target = target;
        this.signingKey = signingKey;
    }

    /** Sends the event for a change; a write that changed nothing sends none. */
    public void publish(RespondioContactChange change) {
        if (!change.changed()) {
            return;
        }
        String eventType = change.created() ? "contact.created" : "contact.updated";
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", eventType);
        event.put("event_id", UUID.randomUUID().toString());
        event.put("contact", change.contact());
        byte[] body = serialise(event);
        String url = target.url("/webhooks/respondio");
        HttpRequest signed = SandboxWebhookEmitter.jsonPost(url, body)
                .header("X-Webhook-Signature", VendorSignatures.respondio(signingKey, body)).build();
        emitter.deliver("respondio " + eventType + " of contact " + change.contactId(), attempt -> signed);
    }

    private byte[] serialise(Object event) {
        try {
            return objectMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a respond.io webhook event", e);
        }
    }
}
