package io.contactsync.sandbox;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;



import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Sends HubSpot-style webhooks for contact changes: a JSON array of events per POST, collected over a short window
 * like HubSpot batches them, signed with v1 and v3 signatures.
 */
public class HubSpotWebhookPublisher {

    /** Who made a change; HubSpot reports it as {@code changeSource} and {@code sourceId}. */
    public enum ChangeSource { INTEGRATION, CRM_UI }

    static final long BATCH_WINDOW_MILLIS = 50;
    static final int MAX_EVENTS_PER_POST = 100;
    static final long CREATION_SUBSCRIPTION_ID = 1001;
    static final long PROPERTY_CHANGE_SUBSCRIPTION_ID = 1002;
    private static final String UI_USER_SOURCE_ID = "userId:1";

    private final ObjectMapper objectMapper;
    private final SandboxWebhookEmitter emitter;
    private final SandboxWebhookTarget target;
    private final String clientSecret;
    private final long portalId;
    private final long appId;
    /** Seeded from the clock so event ids stay unique across restarts (receivers dedupe on eventId). */
    private final AtomicLong nextEventId = new AtomicLong(System.currentTimeMillis() * 1000);
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private boolean flushScheduled;

    HubSpotWebhookPublisher(ObjectMapper objectMapper, SandboxWebhookEmitter emitter, SandboxWebhookTarget target,
                            String clientSecret, long portalId, long appId) {
        this.objectMapper = objectMapper;
        this.emitter = emitter;
        this.target = target;
        this.clientSecret = clientSecret;
        this.portalId = portalId;
        this.appId = appId;
    }

    /** Queues the events for one change: contact.creation, or one contact.propertyChange per changed property. */
    public void publish(HubSpotContactChange change, ChangeSource source) {
        List<Map<String, Object>> events = new ArrayList<>();
        if (change.created()) {
            Map<String, Object> event = event("contact.creation", CREATION_SUBSCRIPTION_ID, change, source);
            event.put("changeFlag", "NEW");
            events.add(event);
        } else {
            change.changedProperties().forEach((name, value) -> {
                Map<String, Object> event = event("contact.propertyChange", PROPERTY_CHANGE_SUBSCRIPTION_ID, change, source);
                event.put("propertyName", name);
                event.put("propertyValue", value);
                events.add(event);
            });
        }
        if (!events.isEmpty()) {
            enqueue(events);
        }
    }

    private Map<String, Object> event(String type, long subscriptionId, HubSpotContactChange change, ChangeSource source) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", nextEventId.getAndIncrement());
        event.put("subscriptionId", subscriptionId);
        event.put("portalId", portalId);
        event.put("appId", appId);
        event.put("occurredAt", System.currentTimeMillis());
        event.put("subscriptionType", type);
        event.put("attemptNumber", 0);
        event.put("objectId", Long.parseLong(change.contactId()));
        event.put("changeSource", source.name());
        event.put("sourceId", source == ChangeSource.INTEGRATION ? String.valueOf(appId) : UI_USER_SOURCE_ID);
        return event;
    }

    private synchronized void enqueue(List<Map<String, Object>> events) {
        pending.addAll(events);
        if (!flushScheduled) {
            flushScheduled = true;
            CompletableFuture.delayedExecutor(BATCH_WINDOW_MILLIS, TimeUnit.MILLISECONDS).execute(this::flush);
        }
    }

    private void flush() {
        List<Map<String, Object>> events;
        synchronized (this) {
            events = new ArrayList<>(pending);
            pending.clear();
            flushScheduled = false;
        }
        for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_POST) {
            List<Map<String, Object>> batch = events.subList(from, Math.min(from + MAX_EVENTS_PER_POST, events.size()));
            String url = target.url("/webhooks/hubspot");
            emitter.deliver("hubspot batch of " + batch.size() + " events", attempt -> signedRequest(url, batch, attempt));
        }
    }

    private HttpRequest signedRequest(String url, List<Map<String, Object>> batch, int attempt) {
        byte[] body = serialise(batch.stream().map(event -> {
            Map<String, Object> copy = new LinkedHashMap<>(event);
            copy.put("attemptNumber", attempt);
            return copy;
        }).toList());
        String timestamp = String.valueOf(System.currentTimeMillis());
        return SandboxWebhookEmitter.jsonPost(url, body)
                .header("X-HubSpot-Signature-Version", "v1")
                .header("X-HubSpot-Signature", VendorSignatures.hubspotV1(clientSecret, body))
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", VendorSignatures.hubspotV3(clientSecret, "POST", url, body, timestamp))
                .build();
    }

    private byte[] serialise(Object events) {
        try {
            return objectMapper.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise HubSpot webhook events", e);
        }
    }
}
