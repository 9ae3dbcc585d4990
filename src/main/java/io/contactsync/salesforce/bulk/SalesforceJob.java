package io.contactsync.salesforce.bulk;

import java.util.Map;

/**
 * A job as stored: what was asked ({@code {"objects":[...]}} or {@code {"listId":"..."}}) and where it goes on after
 * a restart (see {@link JobChunk#checkpoint()}; null before its first chunk is recorded).
 */
public record SalesforceJob(String id, JobKind kind, Map<String, Object> request, String checkpoint) {
}
