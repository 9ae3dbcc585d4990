package io.contactsync.salesforce.bulk;

import io.contactsync.sync.Decision;

/** One record's outcome in a job: its run, and an issue of the report when skipped or failed. */
public record JobOutcome(Decision decision, String sourceId, String email, String targetId, String reason) {

    static JobOutcome skipped(String sourceId, String email, String reason) {
        return new JobOutcome(Decision.SKIPPED, sourceId, email, null, reason);
    }
}
