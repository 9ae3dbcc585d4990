package io.contactsync.pipeline;

import static io.contactsync.sync.SyncVariables.*;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.store.StoreException;
import io.contactsync.sync.Decision;
import io.contactsync.client.VendorBudgetStep;
import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.VendorPausedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/** Runs one scenario route (direct:{scenario}) for one inbox event and reads back what it decided. */
@ApplicationScoped
public class ScenarioRunner {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper mapper;

    @Inject
    VendorBudgetStep vendorBudget;

    /**
     * Runs the route; a vendor or mapping failure becomes a {@link Decision#FAILED} run that names the contact
     * as far as the route got. A state store failure is thrown: the event then stays pending. So is a
     * {@link VendorPausedException}: the event waits until the vendor's allowance frees up.
     */
    /** {@code behind}: an earlier event of the same contact was still to run when this one was taken. */
    public SyncRun run(InboxEvent event, String scenario, String instance, Map<String, Object> prefetched,
            boolean behind) throws Exception {
        long started = System.nanoTime();
        VendorCallCounter.reset();
        Exchange exchange = new DefaultExchange(camel);
        exchange.setVariable(EVENT, parse(event.payload()));
        exchange.setVariable(EVENT_TYPE, event.eventType());
        exchange.setVariable(INBOX_ID, event.id());
        exchange.setVariable(BEHIND_EARLIER_EVENT, behind);
        exchange.setVariable(INSTANCE, instance);
        if (prefetched != null) {
            exchange.setVariable(PREFETCHED, prefetched);
        }
        try {
            producer.send("direct:" + scenario, exchange);
        } finally {
            vendorBudget.releaseUnused();
        }
        Exception failure = exchange.getException();
        if (failure instanceof StoreException) {
            throw failure;
        }
        VendorPausedException paused = VendorPausedException.in(failure);
        if (paused != null) {
            throw paused;
        }
        String decision = exchange.getVariable(DECISION, String.class);
        String reason = exchange.getVariable(REASON, String.class);
        if (failure != null) {
            decision = Decision.FAILED.label();
            reason = failure.getMessage();
        } else if (decision == null) {
            decision = Decision.FAILED.label();
            reason = "route " + scenario + " ended without setting the variable 'decision'";
        }
        return new SyncRun(event.id(), label(scenario, instance), event.source() + ":" + event.eventType(), event.eventId(),
                exchange.getVariable(EMAIL, String.class), exchange.getVariable(SOURCE_ID, String.class),
                Decision.parse(decision), reason, exchange.getVariable(TARGET_ID, String.class),
                VendorCallCounter.count(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The scenario as run records name it: {@code hubspot-to-brevo/newsletter} for an instance. */
    public static String label(String scenario, String instance) {
        return instance == null ? scenario : scenario + "/" + instance;
    }

    private Map<String, Object> parse(String payload) throws JsonProcessingException {
        return mapper.readValue(payload, MAP);
    }
}
