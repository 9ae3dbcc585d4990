package io.contactsync.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Every run is recorded (R5.6): trigger, event, contact, decision, reason, target, vendor calls, duration. */
@ApplicationScoped
public class RunHistory {

    private static final String COLUMNS = "id, inbox_id, scenario, trigger_type, event_id, contact_email, source_id,"
            + " decision, reason, target_id, vendor_calls, duration_ms, started_at";

    @Inject
    Database database;

    public void record(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_run (inbox_id, scenario, trigger_type, event_id,"
                + " contact_email, source_id, decision, reason, target_id, vendor_calls, duration_ms, started_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, run.inboxId());
            ps.setString(2, run.scenario());
            ps.setString(3, run.trigger());
            ps.setString(4, run.eventId());
            ps.setString(5, run.email());
            ps.setString(6, run.sourceId());
            ps.setString(7, run.decision().label());
            ps.setString(8, run.reason() == null ? null : truncate(run.reason()));
            ps.setString(9, run.targetId());
            ps.setInt(10, run.vendorCalls());
            ps.setLong(11, run.durationMillis());
            ps.setTimestamp(12, Timestamp.from(Instant.now().minusMillis(run.durationMillis())));
            ps.executeUpdate();
        }
    }

    /** Runs about one contact (by email), newest first. */
    public List<Map<String, Object>> byEmail(String email, int limit) {
        return query("WHERE contact_email = ?", email, limit);
    }

    /** Runs of one inbox event (replays add runs), newest first. */
    public List<Map<String, Object>> byInboxEvent(long inboxId, int limit) {
        return query("WHERE inbox_id = ?", inboxId, limit);
    }

    public List<Map<String, Object>> recent(int limit) {
        return query("", null, limit);
    }

    private List<Map<String, Object>> query(String where, Object key, int limit) {
        return Jdbc.inTransaction(database, c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sync_run " + where + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (key != null) {
                    ps.setObject(i++, key);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getLong("id"));
        row.put("inboxId", rs.getLong("inbox_id"));
        row.put("scenario", rs.getString("scenario"));
        row.put("trigger", rs.getString("trigger_type"));
        row.put("eventId", rs.getString("event_id"));
        row.put("email", rs.getString("contact_email"));
        row.put("sourceId", rs.getString("source_id"));
        row.put("decision", rs.getString("decision"));
        row.put("reason", rs.getString("reason"));
        row.put("targetId", rs.getString("target_id"));
        row.put("vendorCalls", rs.getInt("vendor_calls"));
        row.put("durationMs", rs.getLong("duration_ms"));
        row.put("startedAt", rs.getTimestamp("started_at").toInstant().toString());
        return row;
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
