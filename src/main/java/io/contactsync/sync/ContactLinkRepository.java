package io.contactsync.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.store.Database;
import io.contactsync.store.GroupCommit;
import io.contactsync.store.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores {@link ContactLink}s; a link is found by either system's record id. Saves are group-committed off the
 * sync path. On the embedded database (one replica, whose lanes own their contacts) links are also kept in
 * memory, so the sync path does not read them back. A link lost in a crash only costs a lookup later: without
 * it, the next event is compared with the target instead of with the last sync.
 */
@ApplicationScoped
public class ContactLinkRepository {

    public static final String HUBSPOT = "hubspot";
    public static final String RESPONDIO = "respondio";
    private static final TypeReference<TreeMap<String, String>> SNAPSHOT = new TypeReference<>() {
    };

    @Inject
    Database database;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    /**
     * Cache entries (a link is one per id it holds, about 600 bytes each with its snapshots) kept to at most a quarter
     * of the heap, and 200,000: with the default 192 MiB heap, about 84,000 entries; more would run an embedded
     * install with many contacts out of memory.
     */
    private static final int CACHE_LIMIT = (int) Math.min(200_000, Runtime.getRuntime().maxMemory() / 4 / 600);
    /** Links wait this long for others to share their commit (readers see them at once in the cache). */
    private static final Duration WRITE_LINGER = Duration.ofMillis(20);
    private static final ContactLink ABSENT = new ContactLink(0, null, null, null, null, null, null);
    private final Map<String, ContactLink> byHubSpot = new ConcurrentHashMap<>();
    private final Map<String, ContactLink> byRespondio = new ConcurrentHashMap<>();
    private boolean cached;
    private GroupCommit<ContactLink> writer;

    void start(@Observes StartupEvent event) {
        cached = database.embedded();
        writer = new GroupCommit<>("link-writer", database, metrics, 100_000, 500, WRITE_LINGER, this::write, (batch, failure) -> {
            if (failure != null) {
                batch.forEach(this::forget);
            }
        });
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        writer.stop();
    }

    public Optional<ContactLink> find(String system, String recordId) {
        if (recordId == null) {
            return Optional.empty();
        }
        Map<String, ContactLink> cache = HUBSPOT.equals(system) ? byHubSpot : byRespondio;
        ContactLink link = cached ? cache.get(recordId) : null;
        if (link == null) {
            link = Jdbc.inTransaction(database, c -> find(c, system, recordId)).orElse(ABSENT);
            if (cached) {
                cache.put(recordId, link);
            }
        }
        return link == ABSENT ? Optional.empty() : Optional.of(link);
    }

    /** The links recorded for an email (their ids; snapshots are left out), read from the database. */
    public List<ContactLink> byEmail(String email) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT id, email, hubspot_id, respondio_id"
                + " FROM contact_link WHERE email = ?", rs -> new ContactLink(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), null, null, null), email));
    }

    /**
     * Records that these two records are the same person and what each looked like after this sync;
     * {@code respondioEvent}: the respond.io event this sync applied (null keeps the one recorded).
     */
    public void save(String email, String hubspotId, String respondioId, Map<String, String> hubspotSnapshot,
            Map<String, String> respondioSnapshot, Long respondioEvent) {
        if (respondioEvent == null && cached) {
            respondioEvent = find(RESPONDIO, respondioId).map(ContactLink::respondioEvent).orElse(null);
        }
        ContactLink link = new ContactLink(0, email, hubspotId, respondioId, hubspotSnapshot, respondioSnapshot,
                respondioEvent);
        if (cached) {
            if (byHubSpot.size() + byRespondio.size() > CACHE_LIMIT) {
                byHubSpot.clear();
                byRespondio.clear();
            }
            remember(link);
        }
        try {
            writer.put(link);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remember(ContactLink link) {
        if (link.hubspotId() != null) {
            byHubSpot.put(link.hubspotId(), link);
        }
        if (link.respondioId() != null) {
            byRespondio.put(link.respondioId(), link);
        }
    }

    private void forget(ContactLink link) {
        if (link.hubspotId() != null) {
            byHubSpot.remove(link.hubspotId());
        }
        if (link.respondioId() != null) {
            byRespondio.remove(link.respondioId());
        }
    }

    private void write(Connection c, List<ContactLink> batch) throws SQLException {
        for (ContactLink link : batch) {
            write(c, link);
        }
    }

    private void write(Connection c, ContactLink link) throws SQLException {
        Optional<ContactLink> byHubSpotId = find(c, HUBSPOT, link.hubspotId());
        Optional<ContactLink> byRespondioId = find(c, RESPONDIO, link.respondioId());
        if (byHubSpotId.isPresent() && byRespondioId.isPresent() && byHubSpotId.get().id() != byRespondioId.get().id()) {
            delete(c, byRespondioId.get().id());
        }
        Optional<ContactLink> existing = byHubSpotId.or(() -> byRespondioId);
        String sql = existing.isPresent()
                ? "UPDATE contact_link SET email = ?, hubspot_id = ?, respondio_id = ?, hubspot_snapshot = ?,"
                        + " respondio_snapshot = ?, updated_at = ?, respondio_event = COALESCE(?, respondio_event)"
                        + " WHERE id = ?"
                : "INSERT INTO contact_link (email, hubspot_id, respondio_id, hubspot_snapshot, respondio_snapshot,"
                        + " updated_at, respondio_event) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, link.email());
            ps.setString(2, link.hubspotId());
            ps.setString(3, link.respondioId());
            ps.setString(4, write(link.hubspotSnapshot()));
            ps.setString(5, write(link.respondioSnapshot()));
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setObject(7, link.respondioEvent(), java.sql.Types.BIGINT);
            if (existing.isPresent()) {
                ps.setLong(8, existing.get().id());
            }
            ps.executeUpdate();
        }
    }

    private Optional<ContactLink> find(Connection c, String system, String recordId) throws SQLException {
        if (recordId == null) {
            return Optional.empty();
        }
        String column = HUBSPOT.equals(system) ? "hubspot_id" : "respondio_id";
        try (PreparedStatement ps = c.prepareStatement("SELECT id, email, hubspot_id, respondio_id, hubspot_snapshot,"
                + " respondio_snapshot, respondio_event FROM contact_link WHERE " + column + " = ?")) {
            ps.setString(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ContactLink(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        read(rs.getString(5)), read(rs.getString(6)), rs.getObject(7, Long.class)));
            }
        }
    }

    private static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM contact_link WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private String write(Map<String, String> snapshot) {
        try {
            return snapshot == null ? null : mapper.writeValueAsString(new TreeMap<>(snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String json) {
        try {
            return json == null ? null : mapper.readValue(json, SNAPSHOT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
