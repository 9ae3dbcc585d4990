package io.contactsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.jboss.logging.Logger;

/**
 * Many threads hand over items; one thread writes everything waiting in a single transaction, then reports
 * the committed batch (or the failure). One commit serves many callers, which is what makes durable writes fast.
 */
public final class GroupCommit<T> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    @FunctionalInterface
    public interface Writer<T> {
        void write(Connection connection, List<T> batch) throws SQLException;
    }

    @FunctionalInterface
    public interface Outcome<T> {
        /** Called after the commit ({@code failure} null) or the rollback. */
        void done(List<T> batch, RuntimeException failure);
    }

    private final String name;
    private final Database database;
    private final int maxBatch;
    private final Writer<T> writer;
    private final Outcome<T> outcome;
    private final BlockingQueue<T> queue;
    private volatile boolean running;
    private Thread thread;

    public GroupCommit(String name, Database database, int capacity, int maxBatch, Writer<T> writer,
            Outcome<T> outcome) {
        this.name = name;
        this.database = database;
        this.maxBatch = maxBatch;
        this.writer = writer;
        this.outcome = outcome;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Hands an item over; false when the queue is full. */
    public boolean offer(T item) {
        return queue.offer(item);
    }

    /** Hands an item over, waiting for room in the queue. */
    public void put(T item) throws InterruptedException {
        queue.put(item);
    }

    private void loop() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<T> batch) {
        RuntimeException failure = null;
        try {
            Jdbc.inTransaction(database, c -> {
                writer.write(c, batch);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf("%s: writing %d items failed: %s", name, batch.size(), e.getMessage());
            failure = e;
        }
        outcome.done(batch, failure);
    }
}
