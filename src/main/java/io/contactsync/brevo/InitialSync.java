package io.contactsync.brevo;

import static io.contactsync.brevo.BrevoVariables.*;
import static io.contactsync.sync.SyncVariables.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.pipeline.RunHistory;
import io.contactsync.pipeline.SyncRun;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.sync.Decision;
import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.brevo.BrevoClient;
import io.contactsync.client.hubspot.HubSpotClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

/**
 * The initial full sync of an activated integration (route hubspot-to-brevo-initial-sync): the HubSpot list's
 * members paged 250 at a time, their contacts batch-read 100 at a time, mapped and checked one by one with the
 * same mapping route as live changes, and written with one Brevo import per chunk. Progress is kept in
 * brevo_initial_sync for the admin API. Contacts it cannot write in bulk (email changed, SMS only) go through the
 * live route as inbox events; those over the quota wait (R4.5).
 */
@ApplicationScoped
@Named("brevoInitialSync")
@RegisterForReflection
public class InitialSync {

    private static final Logger LOG = Logger.getLogger(InitialSync.class);
    private static final String ROUTE = "direct:hubspot-to-brevo-initial-sync";
    private static final String PROPERTY = "brevoIntegration";

    @Inject
    BrevoIntegrations integrations;

    @Inject
    BrevoConfig config;

    @Inject
    BrevoMembers members;

    @Inject
    TaskQuota quota;

    @Inject
    HubSpotClient hubspot;

    @Inject
    BrevoClient brevo;

    @Inject
    InboxWriter inbox;

    @Inject
    RunHistory history;

    @Inject
    Database database;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "brevo-initial-sync");
        t.setDaemon(true);
        return t;
    });

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Starts the sync in the background unless one is running for the integration. */
    public void start(Integration integration) {
        String name = integration.name();
        if (!running.add(name)) {
            return;
        }
        begin(name);
        executor.execute(() -> {
            try {
                VendorCallCounter.reset();
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setBody(name);
                producer.send(ROUTE, exchange);
                if (exchange.getException() != null) {
                    fail(name, exchange.getException());
                }
            } catch (RuntimeException e) {
                fail(name, e);
            } finally {
                running.remove(name);
            }
        });
    }

    public boolean running(String name) {
        return running.contains(name);
    }

    public boolean completed(String name) {
        Map<String, Object> p = progress(name);
        return p != null && "done".equals(p.get("state"));
    }

    /** The latest initial sync's progress, or null when there was none. */
    public Map<String, Object> progress(String name) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT state, members, processed, written,"
                + " unchanged, skipped, deferred, vendor_calls, error, started_at, updated_at FROM brevo_initial_sync"
                + " WHERE integration = ?", Jdbc::camelCaseRow, name)).stream().findFirst().orElse(null);
    }

    // ---- route steps

    /** Reads the whole membership, records it (leavers get removal events) and cuts it into chunks. */
    public List<InitialSyncChunk> readMembers(Exchange exchange) {
        String name = exchange.getMessage().getBody(String.class);
        exchange.setProperty(PROPERTY, name);
        Integration integration = integration(name);
        List<String> ids = hubspot.listMembers(integration.hubspotListId());
        long at = System.currentTimeMillis();
        Jdbc.inTransaction(database, c -> {
            List<InboxEvent> events = new ArrayList<>();
            members.recordMembership(c, name, ids).left()
                    .forEach(id -> events.add(ListEvents.of(ListEvents.LEFT, name, id, at)));
            InboxWriter.appendWithin(c, events);
            return Jdbc.update(c, "UPDATE brevo_initial_sync SET members = ?, vendor_calls = ?, updated_at = ?"
                    + " WHERE integration = ?", ids.size(), VendorCallCounter.count(), Instant.now(), name);
        });
        inbox.wakeDispatcher();
        List<InitialSyncChunk> chunks = new ArrayList<>();
        int size = Math.max(1, Math.min(100, config.bulkChunkSize()));
        for (int from = 0; from < ids.size(); from += size) {
            chunks.add(new InitialSyncChunk(name, ids.subList(from, Math.min(ids.size(), from + size))));
        }
        return chunks;
    }

    public void readContacts(InitialSyncChunk chunk) {
        Integration integration = integration(chunk.integration);
        chunk.contacts = hubspot.batchRead(chunk.hubspotIds, integration.mapping().hubspotProperties());
    }

    /** Maps and checks each contact; keeps those to import, records why others are not written. */
    public void prepare(InitialSyncChunk chunk) {
        Integration integration = integration(chunk.integration);
        Map<String, BrevoMember> known = new HashMap<>();
        Jdbc.inTransaction(database, c -> {
            members.all(c, chunk.integration, chunk.hubspotIds).forEach(m -> known.put(m.hubspotId(), m));
            return null;
        });
        int unchanged = 0;
        List<SyncRun> skipped = new ArrayList<>();
        List<InboxEvent> viaLiveRoute = new ArrayList<>();
        long at = System.currentTimeMillis();
        for (String id : chunk.hubspotIds) {
            Map<String, Object> contact = chunk.contacts.get(id);
            BrevoMember member = known.getOrDefault(id, BrevoMember.newcomer(chunk.integration, id));
            if (contact == null) {
                skipped.add(run(chunk.integration, id, null, "the contact no longer exists in HubSpot"));
                continue;
            }
            Exchange mapped = map(integration, contact, member);
            String email = mapped.getVariable(EMAIL, String.class);
            if (mapped.getException() != null) {
                skipped.add(run(chunk.integration, id, email, "mapping failed: " + mapped.getException().getMessage()));
            } else if (mapped.getVariable(SMS_PROBLEM, String.class) != null) {
                skipped.add(run(chunk.integration, id, email, mapped.getVariable(SMS_PROBLEM, String.class)));
            } else if (Boolean.TRUE.equals(mapped.getVariable(NO_IDENTIFIER, Boolean.class))) {
                skipped.add(run(chunk.integration, id, null, "neither email nor SMS to identify the contact in Brevo"
                        + " (R4.3)"));
            } else if (Boolean.TRUE.equals(mapped.getVariable(UNCHANGED, Boolean.class))) {
                unchanged++;
            } else if (email == null || Boolean.TRUE.equals(mapped.getVariable(EMAIL_CHANGED, Boolean.class))) {
                viaLiveRoute.add(ListEvents.of(ListEvents.ENTERED, chunk.integration, id, at));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = mapped.getVariable(PAYLOAD, Map.class);
                chunk.importRows.add(payload);
                chunk.toImport.add(new BrevoMember(chunk.integration, id, true, member.brevoId(), email,
                        smsOf(payload), true, mapped.getVariable(FINGERPRINT, String.class), false));
            }
        }
        int unchangedCount = unchanged;
        Jdbc.inTransaction(database, c -> {
            for (SyncRun run : skipped) {
                history.record(c, run);
            }
            InboxWriter.appendWithin(c, viaLiveRoute);
            return advance(c, chunk.integration, chunk.hubspotIds.size() - chunk.importRows.size(), 0,
                    unchangedCount, skipped.size(), 0);
        });
        if (!viaLiveRoute.isEmpty()) {
            inbox.wakeDispatcher();
        }
    }

    /**
     * One Brevo import for the chunk, within the quota; what the quota does not cover waits (R4.5). With
     * {@code carry-subscription-status}, the opted-out members go in an import of their own flagged
     * {@code emailBlacklist} (R4.7): an import row cannot carry a status.
     */
    public void write(InitialSyncChunk chunk) {
        if (chunk.importRows.isEmpty()) {
            return;
        }
        Integration integration = integration(chunk.integration);
        int granted = quota.take(chunk.importRows.size());
        if (granted > 0) {
            try {
                importRows(integration.brevoListId(), chunk.importRows.subList(0, granted));
            } catch (RuntimeException e) {
                quota.giveBack(granted);
                throw e;
            }
        }
        List<BrevoMember> written = chunk.toImport.subList(0, granted);
        List<String> waiting = chunk.toImport.subList(granted, chunk.toImport.size()).stream()
                .map(BrevoMember::hubspotId).toList();
        Jdbc.inTransaction(database, c -> {
            for (BrevoMember m : written) {
                members.written(c, m);
            }
            return advance(c, chunk.integration, chunk.importRows.size(), granted, 0, 0, waiting.size());
        });
        members.defer(chunk.integration, waiting);
    }

    private void importRows(long listId, List<Map<String, Object>> payloads) {
        List<Map<String, Object>> subscribed = new ArrayList<>();
        List<Map<String, Object>> optedOut = new ArrayList<>();
        for (Map<String, Object> payload : payloads) {
            Map<String, Object> row = new LinkedHashMap<>(payload);
            boolean blacklisted = Boolean.TRUE.equals(row.remove("emailBlacklisted"));
            (blacklisted ? optedOut : subscribed).add(row);
        }
        if (!subscribed.isEmpty()) {
            brevo.importContacts(listId, subscribed, false);
        }
        if (!optedOut.isEmpty()) {
            brevo.importContacts(listId, optedOut, true);
        }
    }

    public void finish(Exchange exchange) {
        String name = exchange.getProperty(PROPERTY, String.class);
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE brevo_initial_sync SET state = 'done',"
                + " vendor_calls = ?, updated_at = ? WHERE integration = ?", VendorCallCounter.count(), Instant.now(),
                name));
        LOG.infof("Brevo integration %s: initial sync done %s", name, progress(name));
    }

    // ----

    private Exchange map(Integration integration, Map<String, Object> contact, BrevoMember member) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setVariable(INTEGRATION, integration.name());
        exchange.setVariable(MAPPING_FILE, integration.mapping().file());
        exchange.setVariable(SOURCE, contact);
        exchange.setVariable(MEMBER, member);
        producer.send("direct:hubspot-to-brevo-map", exchange);
        return exchange;
    }

    private static String smsOf(Map<String, Object> payload) {
        return payload.get("attributes") instanceof Map<?, ?> a && a.get("SMS") != null ? String.valueOf(a.get("SMS"))
                : null;
    }

    private static SyncRun run(String integration, String hubspotId, String email, String reason) {
        return new SyncRun(0, BrevoIntegrations.SCENARIO + "/" + integration, "initial-sync", null, email, hubspotId,
                Decision.SKIPPED, reason, null, 0, 0);
    }

    private int advance(Connection c, String name, int processed, int written, int unchanged, int skipped,
            int deferred) throws SQLException {
        return Jdbc.update(c, "UPDATE brevo_initial_sync SET processed = processed + ?, written = written + ?,"
                + " unchanged = unchanged + ?, skipped = skipped + ?, deferred = deferred + ?, vendor_calls = ?,"
                + " updated_at = ? WHERE integration = ?", processed, written, unchanged, skipped, deferred,
                VendorCallCounter.count(), Instant.now(), name);
    }

    private void begin(String name) {
        Jdbc.inTransaction(database, c -> {
            Instant now = Instant.now();
            Jdbc.update(c, "DELETE FROM brevo_initial_sync WHERE integration = ?", name);
            return Jdbc.update(c, "INSERT INTO brevo_initial_sync (integration, state, members, processed, written,"
                    + " unchanged, skipped, deferred, vendor_calls, started_at, updated_at)"
                    + " VALUES (?, 'running', 0, 0, 0, 0, 0, 0, 0, ?, ?)", name, now, now);
        });
    }

    private void fail(String name, Exception e) {
        LOG.errorf("Brevo integration %s: initial sync failed: %s", name, e.getMessage());
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE brevo_initial_sync SET state = 'failed', error = ?,"
                + " updated_at = ? WHERE integration = ?", error.length() > 2000 ? error.substring(0, 2000) : error,
                Instant.now(), name));
    }

    private Integration integration(String name) {
        return integrations.active(name).orElseThrow(
                () -> new IllegalStateException("Brevo integration '" + name + "' is no longer active"));
    }
}
