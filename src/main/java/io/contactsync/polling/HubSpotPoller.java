package io.contactsync.polling;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.sync.SyncedFields;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.webhook.HubSpotWebhookEvents;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Polling trigger for accounts without a webhook app: contacts modified since the stored watermark become
 * inbox events, exactly like webhook events. The watermark moves only after the events are stored.
 */
@ApplicationScoped
@Named("hubspotPoller")
@RegisterForReflection
public class HubSpotPoller {

    static final String WATERMARK = "hubspot-contacts";
    private static final int PAGE = 100;

    @Inject
    HubSpotClient client;

    @Inject
    SyncedFields fields;

    @Inject
    InboxWriter inbox;

    @Inject
    Database database;

    @Inject
    ObjectMapper mapper;

    Clock clock = Clock.systemUTC();

    /** Returns how many new events were stored. */
    public int poll() throws JsonProcessingException {
        long watermark = watermark();
        int stored = 0;
        while (true) {
            List<Map<String, Object>> page = client.modifiedSince(watermark, fields.hubspotProperties(), PAGE);
            if (page.isEmpty()) {
                return stored;
            }
            List<InboxEvent> events = new ArrayList<>();
            long newest = watermark;
            for (Map<String, Object> contact : page) {
                long modified = Instant.parse(String.valueOf(contact.get("updatedAt"))).toEpochMilli();
                newest = Math.max(newest, modified);
                String id = String.valueOf(contact.get("id"));
                String payload = mapper.writeValueAsString(Map.of("objectId", Long.parseLong(id), "occurredAt",
                        modified, "subscriptionType", "contact.propertyChange", "changeSource", "POLLING"));
                events.add(InboxEvent.accepted(HubSpotWebhookEvents.SOURCE, "poll:" + id + ":" + modified,
                        "contact.propertyChange", HubSpotWebhookEvents.SOURCE + ":" + id, payload));
            }
            stored += (int) inbox.append(events).stream().filter(Boolean::booleanValue).count();
            saveWatermark(newest);
            if (page.size() < PAGE || newest == watermark) {
                return stored;
            }
            watermark = newest;
        }
    }

    private long watermark() {
        return Jdbc.inTransaction(database, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT watermark FROM poll_watermark WHERE name = ?")) {
                ps.setString(1, WATERMARK);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Long.parseLong(rs.getString(1)) : clock.millis();
                }
            }
        });
    }

    private void saveWatermark(long millis) {
        Jdbc.inTransaction(database, c -> {
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE poll_watermark SET watermark = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, Long.toString(millis));
                update.setTimestamp(2, now);
                update.setString(3, WATERMARK);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO poll_watermark (name, watermark, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, WATERMARK);
                insert.setString(2, Long.toString(millis));
                insert.setTimestamp(3, now);
                insert.executeUpdate();
            }
            return null;
        });
    }
}
