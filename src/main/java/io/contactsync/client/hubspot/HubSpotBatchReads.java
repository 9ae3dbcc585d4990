package io.contactsync.client.hubspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.contactsync.client.BatchCoalescer;
import io.contactsync.sync.SyncedFields;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The scenario routes' HubSpot lookups by email: each lane looks one contact up and waits, while the lookups of all
 * lanes go out together as one batch/read by email ({@code hubspot.batch.size} per call, after at most
 * {@code hubspot.batch.linger}). A lookup is made when its event runs, so it sees what earlier events wrote.
 */
@ApplicationScoped
public class HubSpotBatchReads {

    @Inject
    HubSpotClient client;

    @Inject
    HubSpotConfig config;

    @Inject
    SyncedFields fields;

    private BatchCoalescer<String, Map<String, Object>> byEmail;

    void start(@Observes StartupEvent event) {
        byEmail = new BatchCoalescer<>("hubspot-lookups", Math.min(100, Math.max(1, config.batch().size())),
                config.batch().linger(), this::read);
    }

    void stop(@Observes ShutdownEvent event) {
        byEmail.stop();
    }

    /** The contact with this email, with the properties the respond.io sync reads; empty when HubSpot has none. */
    public Map<String, Object> findByEmail(String email) throws InterruptedException {
        String key = email.trim().toLowerCase(Locale.ROOT);
        return byEmail.call(key, key);
    }

    private BatchCoalescer.Outcomes<Map<String, Object>> read(Map<String, String> emails) {
        Map<String, Map<String, Object>> found = client.batchReadByEmail(new ArrayList<>(emails.keySet()),
                fields.hubspotProperties());
        Map<String, Map<String, Object>> results = new HashMap<>();
        emails.keySet().forEach(email -> results.put(email, found.getOrDefault(email, Map.of())));
        return new BatchCoalescer.Outcomes<>(results, Map.of());
    }
}
