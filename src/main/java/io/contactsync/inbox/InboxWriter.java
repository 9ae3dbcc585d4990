package io.contactsync.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Durable intake with group commit: concurrent triggers hand their events to one writer thread, which
 * stores everything waiting in a single transaction and then releases the callers. A trigger answers
 * 2xx only after its events are committed; a duplicate (same source and event id) is stored once.
 */
@ApplicationScoped
public class InboxWriter {

    private static final Logger LOG = Logger.getLogger(InboxWriter.class);
    private static final int MAX_BATCH = 1000;
    private static final String INSERT = "INSERT INTO inbox_event"
            + " (source, event_id, event_type, contact_key, payload, status, attempts, received_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING";

    private record Pending(InboxEvent event, CompletableFuture<Boolean> stored) {
    }

    @Inject
    Database database;

    @Inject
    InboxSignal signal;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(50_000);
    private volatile boolean running;
    private Thread writer;

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::writeLoop, "inbox-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        writer.interrupt();
    }

    /**
     * Stores the events durably and returns, per event, whether it was new (false: a re-delivery).
     *
     * @throws InboxUnavailableException when the store cannot take the events; nothing is acknowledged
     */
    public List<Boolean> append(List<InboxEvent> events) {
        List<CompletableFuture<Boolean>> futures = new ArrayList<>(events.size());
        for (InboxEvent e : events) {
            CompletableFuture<Boolean> stored = new CompletableFuture<>();
            if (!queue.offer(new Pending(e, stored))) {
                throw new InboxUnavailableException("inbox is full, retry later");
            }
            futures.add(stored);
        }
        List<Boolean> result = new ArrayList<>(futures.size());
        try {
            for (CompletableFuture<Boolean> f : futures) {
                result.add(f.get(30, TimeUnit.SECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new InboxUnavailableException("inbox could not store the event: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException("interrupted while storing the event");
        }
        return result;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            int[] counts = Jdbc.inTransaction(database, c -> insert(c, batch));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(counts[i] != 0);
            }
            signal.wake();
        } catch (RuntimeException e) {
            LOG.errorf("inbox write of %d events failed: %s", batch.size(), e.getMessage());
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    private static int[] insert(Connection c, List<Pending> batch) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Pending p : batch) {
                InboxEvent e = p.event();
                ps.setString(1, e.source());
                ps.setString(2, e.eventId());
                ps.setString(3, e.eventType());
                ps.setString(4, e.contactKey());
                ps.setString(5, e.payload());
                ps.setTimestamp(6, now);
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }
}
