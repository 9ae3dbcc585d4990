package io.contactsync.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.inbox.InboxEvent;

/**
 * A record of the event log, keyed by the contact key: an accepted event as the webhook stored it, or a replay of
 * a dead letter (its inbox row, set back to pending), so that a replay is applied in the contact's order too.
 */
record LogRecord(InboxEvent event, long replayOf) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LogRecord of(InboxEvent event) {
        return new LogRecord(event, 0);
    }

    boolean replay() {
        return replayOf != 0;
    }

    static String encode(InboxEvent event) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("source", event.source());
        value.put("eventId", event.eventId());
        value.put("eventType", event.eventType());
        value.put("contactKey", event.contactKey());
        value.put("payload", event.payload());
        return write(value);
    }

    static String encodeReplay(long inboxId) {
        return write(Map.of("replayOf", inboxId));
    }

    static LogRecord decode(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node.has("replayOf")) {
                return new LogRecord(null, node.get("replayOf").asLong());
            }
            return of(InboxEvent.accepted(node.get("source").asText(), node.get("eventId").asText(),
                    node.get("eventType").asText(), node.get("contactKey").asText(), node.get("payload").asText()));
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not an event log record: " + e.getMessage(), e);
        }
    }

    private static String write(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
