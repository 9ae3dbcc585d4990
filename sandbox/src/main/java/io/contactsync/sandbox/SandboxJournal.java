package io.contactsync.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The API requests one simulator received, oldest first. Bounded: only the last {@link #CAPACITY} requests are
 * kept, so a long-running sandbox (or a benchmark) does not grow memory without limit.
 */
public final class SandboxJournal {

    /** How many requests the journal keeps; older ones are dropped. */
    public static final int CAPACITY = 10_000;

    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();

    public synchronized void record(RecordedRequest request) {
        if (requests.size() >= CAPACITY) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }
}
