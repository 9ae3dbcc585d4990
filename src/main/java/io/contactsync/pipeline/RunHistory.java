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
        return query("contact_email", "", List.of(email), null, limit);
    }

    /**
     * Runs whose source or target is this vendor record (a HubSpot, respond.io or Brevo id, whichever system it is
     * in), newest first, only those older than run {@code beforeId} when given.
     */
    public List<Map<String, Object>> byVendorId(String vendorId, Long beforeId, int limit) {
        return merged(limit, List.of(query("source_id", "", List.of(vendorId), beforeId, limit),
                query("target_id", "", List.of(vendorId), beforeId, limit)));
    }

    /**
     * Every run about one contact, newest first: those recorded with its email, and those whose source or target is
     * one of its records ({@code system -> id}, e.g. hubspot -> 101), so that a run skipped before the email was read
     * is there too. Scenarios are named {@code <source system>-to-<target system>[/instance]}: that tells which
     * system a run's source and target ids are in.
     */
    public List<Map<String, Object>> byContact(String email, Map<String, String> records, Long beforeId,
            int limit) {
        List<List<Map<String, Object>>> parts = new ArrayList<>();
        parts.add(query("contact_email", "", List.of(email), beforeId, limit));
        records.forEach((system, id) -> {
            parts.add(query("source_id", " AND scenario LIKE ?", List.of(id, system + "-to-%"), beforeId, limit));
            parts.add(query("target_id", " AND (scenario LIKE ? OR scenario LIKE ?)",
                    List.of(id, "%-to-" + system, "%-to-" + system + "/%"), beforeId, limit));
        });
        return merged(limit, parts);
    }

    /** Runs of one inbox event (replays add runs), newest first. */
    public List<Map<String, Object>> byInboxEvent(long inboxId, int limit) {
        return query("inbox_id", "", List.of(inboxId), null, limit);
    }

    /** The latest failed runs, newest first. */
    public List<Map<String, Object>> failures(int limit) {
        return query("decision", "", List.of(Decision.FAILED.label()), null, limit);
    }

    public List<Map<String, Object>> recent(int limit) {
        return query(null, "", List.of(), null, limit);
    }

    /** Runs and failed runs started in one minute (epoch minute), for the minutes since {@code since} that had any. */
    public record Minute(long epochMinute, long runs, long failed) {
    }

    /**
     * Counted here rather than grouped in SQL: reading the (started_at, decision) index entries is several times
     * cheaper than computing a minute per row in the database.
     */
    public List<Minute> perMinute(Instant since) {
        Map<Long, long[]> minutes = new TreeMap<>();
        String sql = "SELECT started_at, decision FROM sync_run WHERE started_at >= ?";
        Jdbc.inTransaction(database, c -> Jdbc.query(c, sql, rs -> {
            long[] counts = minutes.computeIfAbsent(rs.getTimestamp(1).getTime() / 60_000, m -> new long[2]);
            counts[0]++;
            if (Decision.FAILED.label().equals(rs.getString(2))) {
                counts[1]++;
            }
            return null;
        }, since));
        return minutes.entrySet().stream().map(e -> new Minute(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The newest {@code limit} of the runs in any of the lists (each newest first), without doubles. */
    private static List<Map<String, Object>> merged(int limit, List<List<Map<String, Object>>> lists) {
        Map<Long, Map<String, Object>> runs = new TreeMap<>(Comparator.reverseOrder());
        for (List<Map<String, Object>> list : lists) {
            list.forEach(run -> runs.put((Long) run.get("id"), run));
        }
        return runs.values().stream().limit(limit).toList();
    }

    /**
     * Runs with {@code key = ?} and the {@code more} conditions, newest first; ordered by the key column, then id
     * descending, so that the key's index (which ends with id DESC) is read in order and only {@code limit} entries
     * deep. A null key: every run.
     */
    private List<Map<String, Object>> query(String key, String more, List<Object> values, Long beforeId, int limit) {
        List<Object> parameters = new ArrayList<>(values);
        String where = key == null ? "" : " WHERE " + key + " = ?" + more;
        if (beforeId != null) {
            where += (where.isEmpty() ? " WHERE" : " AND") + " id < ?";
            parameters.add(beforeId);
        }
        parameters.add(limit);
        String order = key == null ? "id DESC" : key + ", id DESC";
        String sql = "SELECT " + COLUMNS + " FROM sync_run" + where + " ORDER BY " + order + " LIMIT ?";
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, sql, RunHistory::row, parameters.toArray()));
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
