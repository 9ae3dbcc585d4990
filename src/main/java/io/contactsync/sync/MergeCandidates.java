package io.contactsync.sync;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** R1.3: pairs of respond.io contacts that are probably the same person, for the user to merge. */
@ApplicationScoped
public class MergeCandidates {

    private static final String COLUMNS = "id, email, hubspot_id, created_id AS respondio_created_id,"
            + " matched_id AS respondio_matched_id, matched_by, created_at";

    @Inject
    Database database;

    public void add(String email, String hubspotId, String createdId, String matchedId, String matchedBy) {
        Jdbc.inTransaction(database, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_candidate (email, hubspot_id, created_id,"
                    + " matched_id, matched_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, email);
                ps.setString(2, hubspotId);
                ps.setString(3, createdId);
                ps.setString(4, matchedId);
                ps.setString(5, matchedBy);
                ps.setTimestamp(6, Timestamp.from(Instant.now()));
                return ps.executeUpdate();
            }
        });
    }

    public List<Map<String, Object>> list(int limit) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM merge_candidate ORDER BY id DESC LIMIT ?", Jdbc::camelCaseRow, limit));
    }

    /** The merge candidates listed for one email, newest first. */
    public List<Map<String, Object>> byEmail(String email) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM merge_candidate WHERE email = ? ORDER BY id DESC", Jdbc::camelCaseRow, email));
    }
}
