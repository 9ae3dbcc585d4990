package io.contactsync.client.salesforce;

import java.util.List;
import java.util.Map;

/**
 * One batch of a SOQL answer: its records (fields by API name, without {@code attributes}), the query's total size,
 * and the {@code nextRecordsUrl} of the next batch (null on the last one).
 */
public record QueryPage(List<Map<String, Object>> records, long totalSize, String nextRecordsUrl) {

    public boolean done() {
        return nextRecordsUrl == null;
    }
}
