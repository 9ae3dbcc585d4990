package io.contactsync.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Stores {@link ContactLink}s; a link is found by either system's record id. */
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

    public Optional<ContactLink> find(String system, String recordId) {
        if (recordId == null) {
            return Optional.empty();
        }
        return Jdbc.inTransaction(database, c -> find(c, system, recordId));
    }

    /** Records that these two records are the same person and what each looked like after this sync. */
    public void save(String email, String hubspotId, String respondioId, Map<String, String> hubspotSnapshot,
            Map<String, String> respondioSnapshot) {
        Jdbc.inTransaction(database, c -> {
            Optional<ContactLink> byHubSpot = find(c, HUBSPOT, hubspotId);
            Optional<ContactLink> byRespondio = find(c, RESPONDIO, respondioId);
            if (byHubSpot.isPresent() && byRespondio.isPresent() && byHubSpot.get().id() != byRespondio.get().id()) {
                delete(c, byRespondio.get().id());
            }
            Optional<ContactLink> existing = byHubSpot.or(() -> byRespondio);
            String sql = existing.isPresent()
                    ? "UPDATE contact_link SET email = ?, hubspot_id = ?, respondio_id = ?, hubspot_snapshot = ?,"
                            + " respondio_snapshot = ?, updated_at = ? WHERE id = ?"
                    : "INSERT INTO contact_link (email, hubspot_id, respondio_id, hubspot_snapshot, respondio_snapshot,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, email);
                ps.setString(2, hubspotId);
                ps.setString(3, respondioId);
                ps.setString(4, write(hubspotSnapshot));
                ps.setString(5, write(respondioSnapshot));
                ps.setTimestamp(6, Timestamp.from(Instant.now()));
                if (existing.isPresent()) {
                    ps.setLong(7, existing.get().id());
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Optional<ContactLink> find(Connection c, String system, String recordId) throws SQLException {
        if (recordId == null) {
            return Optional.empty();
        }
        String column = HUBSPOT.equals(system) ? "hubspot_id" : "respondio_id";
        try (PreparedStatement ps = c.prepareStatement("SELECT id, email, hubspot_id, respondio_id, hubspot_snapshot,"
                + " respondio_snapshot FROM contact_link WHERE " + column + " = ?")) {
            ps.setString(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ContactLink(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        read(rs.getString(5)), read(rs.getString(6))));
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
