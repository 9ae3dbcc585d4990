package io.contactsync.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;

/**
 * Appends to the event log through Camel's Kafka producer: one record per event, keyed by its contact, with the
 * idempotent producer and {@code acks=all}. Returns only when the broker acknowledged every record, so a webhook is
 * answered 202 only for events the log has; otherwise it throws, and the sender retries (re-sent events that did get
 * in are dropped by the event-id dedupe when consumed).
 */
@ApplicationScoped
public class EventLogWriter {

    @Inject
    EventLogConfig config;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    /** @throws InboxUnavailableException when the broker did not acknowledge every event in time */
    public void append(List<InboxEvent> events) {
        send(events, LogRecord::encode);
    }

    /** Appends a replay record for each dead letter (already set back to pending): its partition's consumer runs it. */
    public void replay(List<InboxEvent> deadLetters) {
        send(deadLetters, e -> LogRecord.encodeReplay(e.id()));
    }

    private void send(List<InboxEvent> events, Function<InboxEvent, String> value) {
        List<Message> records = new ArrayList<>(events.size());
        for (InboxEvent e : events) {
            Message record = new DefaultMessage(camel);
            record.setHeader(KafkaConstants.KEY, e.contactKey());
            record.setBody(value.apply(e));
            records.add(record);
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(records);
        producer.send(endpoint(), exchange);
        if (exchange.getException() != null) {
            throw new InboxUnavailableException("the event log (Kafka at " + config.bootstrapServers()
                    + ") did not acknowledge the events: " + rootMessage(exchange.getException())
                    + "; not accepted, retry later");
        }
    }

    private String endpoint() {
        long timeout = config.ackTimeout().toMillis();
        return "kafka:" + config.topic() + "?brokers=" + config.bootstrapServers()
                + "&requestRequiredAcks=all&enableIdempotence=true&maxInFlightRequest=5&lingerMs=1"
                + "&deliveryTimeoutMs=" + timeout + "&requestTimeoutMs=" + Math.max(1, timeout - 1)
                + "&maxBlockMs=" + timeout;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
