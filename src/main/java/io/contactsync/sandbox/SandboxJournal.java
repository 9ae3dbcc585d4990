package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.List;

/** The API requests one simulator received, oldest first. */
public final class SandboxJournal {

    private final List<RecordedRequest> requests = new ArrayList<>();

    public synchronized void record(RecordedRequest request) {
        requests.add(request);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }
}
