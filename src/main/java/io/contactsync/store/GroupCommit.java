package io.contactsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Many threads hand over items; one thread writes everything waiting in a single transaction, then reports
 * the committed batch (or the failure). One commit serves many callers, which is what makes durable writes fast.
 * With a linger, a batch waits up to that long after its first item for others to join, and leaves as soon as none
 * has joined for a quarter of it: each commit costs about the same whatever it holds (H2 writes its changed pages on
 * every commit), so fewer, fuller commits cost less CPU.
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
    private final long lingerNanos;
    private final Writer<T> writer;
    private final Outcome<T> outcome;
    private final BlockingQueue<T> queue;
    private final DistributionSummary committedItems;
    private volatile boolean running;
    private Thread thread;

    public GroupCommit(String name, Database database, MeterRegistry metrics, int capacity, int maxBatch,
            Duration linger, Writer<T> writer, Outcome<T> outcome) {
        this.name = name;
        this.database = database;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.writer = writer;
        this.outcome = outcome;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.committedItems = DistributionSummary.builder("contactsync.store.commit.items")
                .description("Items written per group commit").tag("writer", name).register(metrics);
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
                collect(batch);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void collect(List<T> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        queue.drainTo(batch, maxBatch - batch.size());
        long left;
        while (batch.size() < maxBatch && (left = deadline - System.nanoTime()) > 0) {
            T next = queue.poll(Math.min(left, lingerNanos / 4), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
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
        if (failure == null) {
            committedItems.record(batch.size());
        }
        outcome.done(batch, failure);
    }
}
