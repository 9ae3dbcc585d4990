package io.contactsync.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dead letters each console replay put back in the queue, so that its page can follow them until they are
 * done or dead again. Kept in memory (the 50 newest, this replica): the events themselves are in the inbox.
 */
@ApplicationScoped
public class ReplayBatches {

    private static final int KEPT = 50;

    public record Batch(long id, Instant at, String operator, List<Long> inboxIds) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Batch> batches = new LinkedHashMap<>();

    public synchronized Batch add(String operator, List<Long> inboxIds) {
        Batch batch = new Batch(ids.incrementAndGet(), Instant.now(), operator, List.copyOf(inboxIds));
        batches.put(batch.id(), batch);
        if (batches.size() > KEPT) {
            batches.remove(batches.keySet().iterator().next());
        }
        return batch;
    }

    public synchronized Optional<Batch> find(long id) {
        return Optional.ofNullable(batches.get(id));
    }
}
