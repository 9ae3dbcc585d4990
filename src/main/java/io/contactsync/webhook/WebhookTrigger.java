package io.contactsync.webhook;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.eventlog.EventLogWriter;
import io.contactsync.inbox.InboxBackend;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxUnavailableException;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.pipeline.SyncConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/** The steps of the webhook trigger routes (routes/webhook-triggers.camel.yaml). */
@ApplicationScoped
@Named("webhookTrigger")
@RegisterForReflection
public class WebhookTrigger {

    static final String EVENTS = "inboxEvents";

    @Inject
    WebhookGuard guard;

    @Inject
    RespondioSignatureVerifier respondioSignature;

    @Inject
    HubSpotSignatureVerifier hubspotSignature;

    @Inject
    RespondioWebhookEvents respondioEvents;

    @Inject
    HubSpotWebhookEvents hubspotEvents;

    @Inject
    InboxWriter inbox;

    @Inject
    EventLogWriter eventLog;

    @Inject
    SyncConfig sync;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    public void checkRequest(Exchange exchange) {
        guard.check(WebhookRequest.of(exchange));
    }

    public void verifyRespondio(Exchange exchange) {
        respondioSignature.verify(WebhookRequest.of(exchange));
    }

    public void verifyHubSpot(Exchange exchange) {
        hubspotSignature.verify(WebhookRequest.of(exchange));
    }

    public void readRespondio(Exchange exchange) {
        exchange.setVariable(EVENTS, respondioEvents.parse(WebhookRequest.of(exchange).body()));
    }

    public void readHubSpot(Exchange exchange) {
        exchange.setVariable(EVENTS, hubspotEvents.parse(WebhookRequest.of(exchange).body()));
    }

    /**
     * Persists the events, then answers 202 (re-deliveries are acknowledged too, and stored once). With Kafka as
     * the event log they are appended to the log; re-deliveries are recognised when consumed (and counted then), so
     * the answer counts every event logged as accepted.
     */
    @SuppressWarnings("unchecked")
    public void store(Exchange exchange) {
        List<InboxEvent> events = exchange.getVariable(EVENTS, List.class);
        String source = events.get(0).source();
        if (sync.inbox() == InboxBackend.KAFKA) {
            eventLog.append(events);
            metrics.counter("contactsync.webhook.accepted", "source", source).increment(events.size());
            respond(exchange, 202, Map.of("status", "accepted", "accepted", events.size()));
            return;
        }
        List<Boolean> stored = inbox.append(events);
        long fresh = stored.stream().filter(Boolean::booleanValue).count();
        metrics.counter("contactsync.webhook.accepted", "source", source).increment(fresh);
        metrics.counter("contactsync.webhook.duplicates", "source", source).increment(events.size() - fresh);
        respond(exchange, 202, Map.of("status", "accepted", "accepted", fresh, "duplicates", events.size() - fresh));
    }

    /** Turns a refusal into its HTTP status and a JSON body naming the problem. */
    public void reject(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        if (e instanceof WebhookRejectedException r) {
            status = r.status();
        } else if (e instanceof InboxUnavailableException) {
            status = 503;
        } else {
            status = 500;
        }
        metrics.counter("contactsync.webhook.rejected", "status", Integer.toString(status)).increment();
        String message = e == null ? "request failed" : e.getMessage();
        respond(exchange, status, Map.of("status", "rejected", "error", message));
    }

    private void respond(Exchange exchange, int status, Map<String, Object> body) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
