package io.contactsync.pipeline;

import io.contactsync.sync.Decision;

/** The record of one scenario run for one inbox event. */
public record SyncRun(long inboxId, String scenario, String trigger, String eventId, String email, String sourceId,
        Decision decision, String reason, String targetId, int vendorCalls, long durationMillis) {
}
