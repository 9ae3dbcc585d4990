package io.contactsync.client.hubspot;

import java.util.Locale;
import java.util.Map;

import io.contactsync.client.BatchCoalescer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The scenario routes' HubSpot writes: each lane writes one contact and waits, while the writes of all lanes go out
 * together, {@code hubspot.batch.size} per call (batch/upsert by email for new contacts, batch/update by id for
 * known ones), after at most {@code hubspot.batch.linger}. A contact HubSpot refuses fails alone, with HubSpot's
 * message; the others of its batch are written.
 */
@ApplicationScoped
public class HubSpotBatchWrites {

    @Inject
    HubSpotClient client;

    @Inject
    HubSpotConfig config;

    private BatchCoalescer<Map<String, Object>, HubSpotClient.WriteResult> upserts;
    private BatchCoalescer<Map<String, Object>, HubSpotClient.WriteResult> updates;

    void start(@Observes StartupEvent event) {
        int size = Math.min(100, Math.max(1, config.batch().size()));
        upserts = new BatchCoalescer<>("hubspot-upserts", size, config.batch().linger(), client::upsertBatch);
        updates = new BatchCoalescer<>("hubspot-updates", size, config.batch().linger(), client::updateBatch);
    }

    void stop(@Observes ShutdownEvent event) {
        upserts.stop();
        updates.stop();
    }

    /** Creates the contact with this email, or updates the one HubSpot has (a contact created meanwhile). */
    public HubSpotClient.WriteResult createOrUpdateByEmail(String email, Map<String, Object> properties)
            throws InterruptedException {
        return upserts.call(email.trim().toLowerCase(Locale.ROOT), properties);
    }

    public void update(String id, Map<String, Object> properties) throws InterruptedException {
        updates.call(id, properties);
    }
}
