package io.contactsync.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.cluster.Shards;
import io.contactsync.eventlog.EventLogWriter;
import io.contactsync.pipeline.SyncConfig;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads and moves inbox events through PENDING -> DONE | DEAD (and DEAD -> PENDING on replay). */
@ApplicationScoped
public class InboxRepository {

    private static final String COLUMNS = "id, source, event_id, event_type, contact_key, payload, attempts";
    private static final int STATUS_CHUNK = 500;

    @Inject
    Database database;

    @Inject
    InboxSignal signal;

    @Inject
    SyncConfig sync;

    @Inject
    EventLogWriter eventLog;

    /**
     * Oldest pending events of the given shards first, leaving out those already being processed and those deferred
     * to a later time ({@link #defer}).
     */
    public List<InboxEvent> pending(int limit, Set<Long> inFlight, Set<Integer> shards) {
        if (shards.isEmpty()) {
            return new ArrayList<>();
        }
        String shardList = shards.stream().map(String::valueOf).collect(Collectors.joining(","));
        // H2 would take (status, shard, id) for the shard list and sort every pending row by id: 500 ms a pass with a
        // backlog of 100,000 events. Read in (status, id) order, it stops at the limit: 4 ms.
        String table = database.embedded() ? "inbox_event USE INDEX (ix_inbox_status_id)" : "inbox_event";
        return Jdbc.inTransaction(database, c -> {
            List<InboxEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE status = 'PENDING' AND shard IN (" + shardList + ")"
                    + " AND (not_before IS NULL OR not_before <= ?) ORDER BY status, id LIMIT ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.setInt(2, limit + inFlight.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && events.size() < limit) {
                        if (!inFlight.contains(rs.getLong(1))) {
                            events.add(read(rs));
                        }
                    }
                }
            }
            return events;
        });
    }

    /** False when the event is no longer pending: another replica finished it (after taking its shard over). */
    public boolean markDone(Connection c, long id, int attempts) throws SQLException {
        return finish(c, id, InboxStatus.DONE, attempts, null);
    }

    /** False when the event is no longer pending, as {@link #markDone}. */
    public boolean markDead(Connection c, long id, int attempts, String error) throws SQLException {
        return finish(c, id, InboxStatus.DEAD, attempts, error);
    }

    /**
     * The event needs a vendor that is paused (its allowance is used up): it stays pending, is not taken again before
     * {@code until}, and says why in its last error. Attempts are not counted: waiting is not failing.
     * False when the event is no longer pending, as {@link #markDone}.
     */
    public boolean defer(Connection c, long id, Instant until, String reason) throws SQLException {
        return Jdbc.update(c, "UPDATE inbox_event SET not_before = ?, last_error = ?, updated_at = ? WHERE id = ?"
                + " AND status = 'PENDING'", until, truncate("waiting until " + until + ": " + reason), Instant.now(),
                id) == 1;
    }

    public List<Map<String, Object>> deadLetters(int limit) {
        return deadLetters(null, null, limit);
    }

    /**
     * Dead letters, oldest first, whose error starts with {@code scenario} (the failed run's scenario: the error
     * reads "scenario: reason") and contains {@code text} (any case); null or blank filters are left out.
     */
    public List<Map<String, Object>> deadLetters(String scenario, String text, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = deadLetterFilter(scenario, text, parameters);
        parameters.add(limit);
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT id, source, event_id, event_type, attempts,"
                + " last_error AS error, received_at, updated_at AS failed_at FROM inbox_event WHERE " + where
                + " ORDER BY id LIMIT ?", Jdbc::camelCaseRow, parameters.toArray()));
    }

    /** The ids of every dead letter the filter of {@link #deadLetters(String, String, int)} selects. */
    public List<Long> deadLetterIds(String scenario, String text) {
        List<Object> parameters = new ArrayList<>();
        String where = deadLetterFilter(scenario, text, parameters);
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT id FROM inbox_event WHERE " + where
                + " ORDER BY id", rs -> rs.getLong(1), parameters.toArray()));
    }

    /** Status, attempts and last error of the given events, by id; one query per 500 ids. */
    public Map<Long, Map<String, Object>> statuses(Collection<Long> ids) {
        Map<Long, Map<String, Object>> statuses = new LinkedHashMap<>();
        List<Long> all = List.copyOf(ids);
        Jdbc.inTransaction(database, c -> {
            for (int from = 0; from < all.size(); from += STATUS_CHUNK) {
                String idList = all.subList(from, Math.min(from + STATUS_CHUNK, all.size())).stream()
                        .map(String::valueOf).collect(Collectors.joining(","));
                Jdbc.query(c, "SELECT id, source, event_type, status, attempts, last_error AS error, updated_at"
                        + " FROM inbox_event WHERE id IN (" + idList + ")", Jdbc::camelCaseRow)
                        .forEach(row -> statuses.put(((Number) row.get("id")).longValue(), row));
            }
            return null;
        });
        return statuses;
    }

    private static String deadLetterFilter(String scenario, String text, List<Object> parameters) {
        StringBuilder where = new StringBuilder("status = 'DEAD'");
        if (scenario != null && !scenario.isBlank()) {
            where.append(" AND last_error LIKE ? ESCAPE '!'");
            parameters.add(likeEscaped(scenario.trim()) + "%");
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND LOWER(last_error) LIKE ? ESCAPE '!'");
            parameters.add("%" + likeEscaped(text.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        return where.toString();
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * Puts dead letters back in the queue; they run with the routes and mappings loaded now. Dead letters of the
     * Kafka event log go back through the log (a replay record in the contact's partition, acknowledged before the
     * rows are committed as pending), so they are applied in the contact's order by the partition's consumer.
     *
     * @throws InboxUnavailableException when the event log does not take the replay records; nothing changed
     */
    public int replay(Collection<Long> ids) {
        int replayed = Jdbc.inTransaction(database, c -> {
            List<Long> changed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_event SET status = 'PENDING', attempts = 0,"
                    + " last_error = NULL, updated_at = ? WHERE id = ? AND status = 'DEAD'")) {
                for (Long id : ids) {
                    ps.setTimestamp(1, Timestamp.from(Instant.now()));
                    ps.setLong(2, id);
                    if (ps.executeUpdate() == 1) {
                        changed.add(id);
                    }
                }
            }
            replayLogged(c, changed);
            return changed.size();
        });
        signal.wake();
        return replayed;
    }

    public int replayAllDead() {
        return replay(deadLetterIds(null, null));
    }

    /**
     * The replayed events that came from the event log: with {@code sync.inbox=kafka} a replay record each; with
     * the database inbox (the log switched off since) they move to their inbox shard, whose lease holder runs them.
     */
    private void replayLogged(Connection c, List<Long> replayed) throws SQLException {
        List<InboxEvent> logged = new ArrayList<>();
        for (int from = 0; from < replayed.size(); from += STATUS_CHUNK) {
            String idList = replayed.subList(from, Math.min(from + STATUS_CHUNK, replayed.size())).stream()
                    .map(String::valueOf).collect(Collectors.joining(","));
            logged.addAll(Jdbc.query(c, "SELECT " + COLUMNS + " FROM inbox_event WHERE shard = " + Shards.EVENT_LOG
                    + " AND id IN (" + idList + ") ORDER BY id", InboxRepository::read));
        }
        if (logged.isEmpty()) {
            return;
        }
        if (sync.inbox() == InboxBackend.KAFKA) {
            eventLog.replay(logged);
            return;
        }
        for (InboxEvent e : logged) {
            Jdbc.update(c, "UPDATE inbox_event SET shard = ? WHERE id = ?", Shards.of(e.contactKey()), e.id());
        }
    }

    /** Events in one status, counted on the status index (the console's waiting events and dead letters). */
    public long count(InboxStatus status) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT COUNT(*) FROM inbox_event WHERE status = ?",
                rs -> rs.getLong(1), status.name()).get(0));
    }

    public Map<String, Long> countsByStatus() {
        return Jdbc.inTransaction(database, c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (InboxStatus s : InboxStatus.values()) {
                counts.put(s.name(), 0L);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM inbox_event GROUP BY status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private boolean finish(Connection c, long id, InboxStatus status, int attempts, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_event SET status = ?, attempts = ?,"
                + " last_error = ?, updated_at = ?, not_before = NULL WHERE id = ? AND status = 'PENDING'")) {
            ps.setString(1, status.name());
            ps.setInt(2, attempts);
            ps.setString(3, error == null ? null : truncate(error));
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setLong(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static InboxEvent read(ResultSet rs) throws SQLException {
        return new InboxEvent(rs.getLong("id"), rs.getString("source"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("contact_key"), rs.getString("payload"), rs.getInt("attempts"));
    }
}
