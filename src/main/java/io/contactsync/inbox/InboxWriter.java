package io.contactsync.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.contactsync.cluster.Shards;
import io.contactsync.store.Database;
import io.contactsync.store.GroupCommit;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Durable intake: concurrent triggers' events are stored by group commit, and a trigger answers 2xx only after
 * its events are committed. A duplicate (same source and event id) is stored once.
 */
@ApplicationScoped
public class InboxWriter {

    private static final String INSERT = "INSERT INTO inbox_event"
            + " (source, event_id, event_type, contact_key, shard, payload, status, attempts, received_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING";

    /** A webhook's answer waits at most this long for other webhooks to share its commit. */
    private static final Duration INTAKE_LINGER = Duration.ofMillis(6);

    private static final class Pending {
        final InboxEvent event;
        final CompletableFuture<Boolean> stored = new CompletableFuture<>();
        boolean inserted;

        Pending(InboxEvent event) {
            this.event = event;
        }
    }

    @Inject
    Database database;

    @Inject
    InboxSignal signal;

    @Inject
    MeterRegistry metrics;

    private GroupCommit<Pending> writer;

    void start(@Observes StartupEvent event) {
        writer = new GroupCommit<>("inbox-writer", database, metrics, 50_000, 1000, INTAKE_LINGER, InboxWriter::insert, this::done);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        writer.stop();
    }

    /**
     * Stores the events durably and returns, per event, whether it was new (false: a re-delivery).
     *
     * @throws InboxUnavailableException when the store cannot take the events; nothing is acknowledged
     */
    public List<Boolean> append(List<InboxEvent> events) {
        List<Pending> pending = new ArrayList<>(events.size());
        for (InboxEvent e : events) {
            Pending p = new Pending(e);
            if (!writer.offer(p)) {
                throw new InboxUnavailableException("inbox is full, retry later");
            }
            pending.add(p);
        }
        List<Boolean> result = new ArrayList<>(pending.size());
        try {
            for (Pending p : pending) {
                result.add(p.stored.get(30, TimeUnit.SECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new InboxUnavailableException("inbox could not store the event: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException("interrupted while storing the event");
        }
        return result;
    }

    private void done(List<Pending> batch, RuntimeException failure) {
        for (Pending p : batch) {
            if (failure == null) {
                p.stored.complete(p.inserted);
            } else {
                p.stored.completeExceptionally(failure);
            }
        }
        if (failure == null) {
            signal.wake();
        }
    }

    /**
     * Stores events in the caller's transaction, together with the state change that produced them (a trigger that
     * keeps its own state, like the list membership poller); call {@link #wakeDispatcher()} after the commit.
     */
    public static void appendWithin(Connection c, List<InboxEvent> events) throws SQLException {
        insertRows(c, events);
    }

    public void wakeDispatcher() {
        signal.wake();
    }

    private static void insert(Connection c, List<Pending> batch) throws SQLException {
        int[] counts = insertRows(c, batch.stream().map(p -> p.event).toList());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).inserted = counts[i] != 0;
        }
    }

    private static int[] insertRows(Connection c, List<InboxEvent> events) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (InboxEvent e : events) {
                ps.setString(1, e.source());
                ps.setString(2, e.eventId());
                ps.setString(3, e.eventType());
                ps.setString(4, e.contactKey());
                ps.setInt(5, Shards.of(e.contactKey()));
                ps.setString(6, e.payload());
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }
}
