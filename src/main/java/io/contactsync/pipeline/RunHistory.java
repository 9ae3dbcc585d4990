package io.contactsync.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.sync.Decision;
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
        return byEmail(email, null, limit);
    }

    /** Runs about one contact (by email), newest first, only those older than run {@code beforeId} when given. */
    public List<Map<String, Object>> byEmail(String email, Long beforeId, int limit) {
        return query("contact_email = ?", email, beforeId, limit);
    }

    /**
     * Runs whose source or target is this vendor record (a HubSpot, respond.io or Brevo id), newest first, only
     * those older than run {@code beforeId} when given: each column is read through its own index.
     */
    public List<Map<String, Object>> byVendorId(String vendorId, Long beforeId, int limit) {
        Map<Long, Map<String, Object>> runs = new TreeMap<>(Comparator.reverseOrder());
        for (String column : List.of("source_id", "target_id")) {
            query(column + " = ?", vendorId, beforeId, limit).forEach(run -> runs.put((Long) run.get("id"), run));
        }
        return runs.values().stream().limit(limit).toList();
    }

    /** Runs of one inbox event (replays add runs), newest first. */
    public List<Map<String, Object>> byInboxEvent(long inboxId, int limit) {
        return query("inbox_id = ?", inboxId, null, limit);
    }

    /** The latest failed runs, newest first. */
    public List<Map<String, Object>> failures(int limit) {
        return query("decision = ?", Decision.FAILED.label(), null, limit);
    }

    public List<Map<String, Object>> recent(int limit) {
        return query(null, null, null, limit);
    }

    /** Runs and failed runs started in one minute (epoch minute), for the minutes since {@code since} that had any. */
    public record Minute(long epochMinute, long runs, long failed) {
    }

    public List<Minute> perMinute(Instant since) {
        String minute = "FLOOR(EXTRACT(EPOCH FROM started_at) / 60)";
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT " + minute + ", COUNT(*),"
                + " SUM(CASE WHEN decision = ? THEN 1 ELSE 0 END) FROM sync_run WHERE started_at >= ? GROUP BY "
                + minute, rs -> new Minute(rs.getLong(1), rs.getLong(2), rs.getLong(3)), Decision.FAILED.label(),
                since));
    }

    private List<Map<String, Object>> query(String condition, Object key, Long beforeId, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (condition != null) {
            where.add(condition);
            parameters.add(key);
        }
        if (beforeId != null) {
            where.add("id < ?");
            parameters.add(beforeId);
        }
        parameters.add(limit);
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM sync_run"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC LIMIT ?",
                RunHistory::row, parameters.toArray()));
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
