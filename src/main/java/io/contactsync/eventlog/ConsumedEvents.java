package io.contactsync.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.contactsync.cluster.Shards;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxStatus;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The event-id dedupe of the event log, in the database: each consumed event gets its inbox row (unique by source
 * and event id, shard {@link Shards#EVENT_LOG}) on first sight. A record is run only while its row is pending: a
 * re-delivered webhook, or a record read again after a crash or a rebalance whose run was recorded, finds its row
 * done (or dead) and is skipped; one whose run was not recorded finds it pending and runs again.
 */
@ApplicationScoped
public class ConsumedEvents {

    private static final String INSERT = "INSERT INTO inbox_event"
            + " (source, event_id, event_type, contact_key, shard, payload, status, attempts, received_at, updated_at)"
            + " VALUES (?, ?, ?, ?, " + Shards.EVENT_LOG + ", ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING";
    private static final String COLUMNS = "id, source, event_id, event_type, contact_key, payload, attempts, status, shard";

    @Inject
    Database database;

    /**
     * Stores the records' events (in their order, so inbox ids follow the log) and returns, per record, the inbox
     * event to run, or null when there is nothing to run (already applied, a dead letter, or an event of the
     * database inbox).
     */
    public List<InboxEvent> take(List<LogRecord> records) {
        return Jdbc.inTransaction(database, c -> {
            insert(c, records);
            List<InboxEvent> runnable = new ArrayList<>(records.size());
            try (PreparedStatement byEvent = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM inbox_event WHERE source = ? AND event_id = ?");
                    // a replay record can be read before the replay that appended it committed: wait for its row lock
                    PreparedStatement byId = c.prepareStatement("SELECT " + COLUMNS
                            + " FROM inbox_event WHERE id = ? FOR UPDATE")) {
                for (LogRecord record : records) {
                    if (record.replay()) {
                        byId.setLong(1, record.replayOf());
                        runnable.add(pendingRow(byId));
                    } else {
                        byEvent.setString(1, record.event().source());
                        byEvent.setString(2, record.event().eventId());
                        runnable.add(pendingRow(byEvent));
                    }
                }
            }
            return runnable;
        });
    }

    private static void insert(Connection c, List<LogRecord> records) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (LogRecord record : records) {
                if (record.replay()) {
                    continue;
                }
                InboxEvent e = record.event();
                ps.setString(1, e.source());
                ps.setString(2, e.eventId());
                ps.setString(3, e.eventType());
                ps.setString(4, e.contactKey());
                ps.setString(5, e.payload());
                ps.setTimestamp(6, now);
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static InboxEvent pendingRow(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            if (!rs.next() || !InboxStatus.PENDING.name().equals(rs.getString("status"))
                    || rs.getInt("shard") != Shards.EVENT_LOG) {
                return null;
            }
            return new InboxEvent(rs.getLong("id"), rs.getString("source"), rs.getString("event_id"),
                    rs.getString("event_type"), rs.getString("contact_key"), rs.getString("payload"),
                    rs.getInt("attempts"));
        }
    }
}
