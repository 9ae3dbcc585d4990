package io.contactsync.salesforce.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * Records of a job on their way through its route's chunk steps: the outcomes they come to, recorded together with
 * the job's checkpoint once the chunk is done ({@link SalesforceJobProgress#record}).
 */
public abstract class JobChunk {

    final String job;
    final List<JobOutcome> outcomes = new ArrayList<>();

    JobChunk(String job) {
        this.job = job;
    }

    /** Where the job goes on after a restart once this chunk is recorded: just after its last record. */
    abstract String checkpoint();

    /** The items in slices of {@code size} (the last one shorter), in their order. */
    static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            slices.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return slices;
    }
}
