package io.contactsync.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * Takes the calls (reads or writes) that many lanes make at about the same time and sends them as one vendor batch
 * call: a batch leaves when it holds {@code maxBatch} inputs, when its first input has waited {@code linger}, or when
 * no input has joined it for a third of {@code linger} (the lanes that were coming have come), whichever is first. Each caller waits for its own outcome: its result, or its own exception (a per-input error
 * of a multi-status answer fails only that input). Two inputs with the same key (the same record) never share a
 * batch: the later one goes into the next batch, so a record's writes reach the vendor in the order they were made.
 */
public final class BatchCoalescer<I, R> {

    private static final Logger LOG = Logger.getLogger(BatchCoalescer.class);

    /** What one batch call gave each write, by key: a result, or the exception its caller gets. */
    public record Outcomes<R>(Map<String, R> results, Map<String, RuntimeException> failures) {
    }

    private record Pending<I, R>(String key, I input, CompletableFuture<R> outcome) {
    }

    /**
     * For a batch the vendor refused as a whole without saying which input was wrong: sends each half on its own (and
     * so on, through {@code send}, until a refused input stands alone) and merges the outcomes.
     */
    public static <I, R> Outcomes<R> inHalves(Map<String, I> inputs, Function<Map<String, I>, Outcomes<R>> send) {
        List<String> keys = new ArrayList<>(inputs.keySet());
        Map<String, R> results = new HashMap<>();
        Map<String, RuntimeException> failures = new HashMap<>();
        for (List<String> half : List.of(keys.subList(0, keys.size() / 2), keys.subList(keys.size() / 2, keys.size()))) {
            Map<String, I> part = new LinkedHashMap<>();
            half.forEach(k -> part.put(k, inputs.get(k)));
            Outcomes<R> answered = send.apply(part);
            results.putAll(answered.results());
            failures.putAll(answered.failures());
        }
        return new Outcomes<>(results, failures);
    }

    private final String name;
    private final int maxBatch;
    private final Duration linger;
    private final Function<Map<String, I>, Outcomes<R>> send;
    private final Deque<Pending<I, R>> queue = new ArrayDeque<>();
    private final Thread sender;
    private volatile boolean running = true;
    /** When the last input joined (System.nanoTime()), guarded by {@code queue}. */
    private long lastArrival;

    /** {@code send} gets the batch's inputs by key, in the order they were made, and answers for each key. */
    public BatchCoalescer(String name, int maxBatch, Duration linger, Function<Map<String, I>, Outcomes<R>> send) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.linger = linger;
        this.send = send;
        this.sender = new Thread(this::sendLoop, name + "-batches");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Adds the input to the next batch and waits until that batch has been answered. */
    public R call(String key, I input) throws InterruptedException {
        Pending<I, R> pending = new Pending<>(key, input, new CompletableFuture<>());
        synchronized (queue) {
            if (!running) {
                throw new IllegalStateException(name + " is stopped");
            }
            queue.addLast(pending);
            lastArrival = System.nanoTime();
            queue.notifyAll();
        }
        try {
            return pending.outcome().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    public void stop() {
        synchronized (queue) {
            running = false;
            queue.notifyAll();
        }
        sender.interrupt();
    }

    private void sendLoop() {
        while (running) {
            List<Pending<I, R>> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                break;
            }
            sendBatch(batch);
        }
        failQueued();
    }

    /** Waits for a first write, then for more until the batch is full or the first has waited {@code linger}. */
    private List<Pending<I, R>> nextBatch() throws InterruptedException {
        synchronized (queue) {
            while (queue.isEmpty()) {
                queue.wait();
            }
            long deadline = System.nanoTime() + linger.toNanos();
            long quiet = linger.toNanos() / 3;
            while (queue.size() < maxBatch) {
                long left = Math.min(deadline, lastArrival + quiet) - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(queue, left);
            }
            Map<String, Pending<I, R>> byKey = new LinkedHashMap<>();
            Deque<Pending<I, R>> later = new ArrayDeque<>();
            while (!queue.isEmpty() && byKey.size() < maxBatch) {
                Pending<I, R> next = queue.pollFirst();
                if (byKey.containsKey(next.key())) {
                    later.addLast(next);
                } else {
                    byKey.put(next.key(), next);
                }
            }
            while (!later.isEmpty()) {
                queue.addFirst(later.pollLast());
            }
            return new ArrayList<>(byKey.values());
        }
    }

    private void sendBatch(List<Pending<I, R>> batch) {
        Map<String, I> inputs = new LinkedHashMap<>();
        batch.forEach(p -> inputs.put(p.key(), p.input()));
        Outcomes<R> outcomes;
        try {
            outcomes = send.apply(inputs);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.outcome().completeExceptionally(e));
            return;
        } catch (Error e) {
            batch.forEach(p -> p.outcome().completeExceptionally(e));
            throw e;
        }
        for (Pending<I, R> p : batch) {
            RuntimeException failure = outcomes.failures().get(p.key());
            if (failure != null) {
                p.outcome().completeExceptionally(failure);
            } else if (outcomes.results().containsKey(p.key())) {
                p.outcome().complete(outcomes.results().get(p.key()));
            } else {
                LOG.warnf("%s: the vendor's batch answer said nothing about one of its %d inputs", name, batch.size());
                p.outcome().completeExceptionally(new VendorUnavailableException(
                        name + ": the vendor's batch answer said nothing about this input", null));
            }
        }
    }

    private void failQueued() {
        synchronized (queue) {
            queue.forEach(p -> p.outcome().completeExceptionally(new IllegalStateException(name + " is stopped")));
            queue.clear();
        }
    }
}
