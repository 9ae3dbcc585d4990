package io.contactsync.sandbox;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query results too large for one batch, kept server-side as Salesforce keeps them: the first batch's answer has
 * {@code done:false} and {@code nextRecordsUrl} = {@code /services/data/vXX.X/query/01g...-2000} (locator, a dash,
 * the index of the next record); GETting it answers the next batch. A cursor holds the rows as they were when the
 * query ran and is closed once its last batch is read (its locator then gets {@code INVALID_QUERY_LOCATOR}); as for
 * a Salesforce user, at most {@link #MAX_OPEN} cursors stay open: opening another releases the oldest.
 */
final class SalesforceQueryCursors {

    static final int MAX_OPEN = 10;
    static final int DEFAULT_BATCH = 2000;
    static final int MIN_BATCH = 200;

    private record Cursor(List<Map<String, Object>> records, int batchSize) {
    }

    private final Map<String, Cursor> open = new LinkedHashMap<>();
    private long sequence;

    /** The first answer of a query; {@code resource} is e.g. {@code /services/data/v60.0/query}. */
    synchronized Map<String, Object> first(List<Map<String, Object>> records, int batchSize, String resource) {
        if (records.size() <= batchSize) {
            return page(records.size(), records, null);
        }
        String locator = SalesforceIds.generate("01g", ++sequence);
        open.put(locator, new Cursor(List.copyOf(records), batchSize));
        while (open.size() > MAX_OPEN) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return page(records.size(), records.subList(0, batchSize), resource + "/" + locator + "-" + batchSize);
    }

    /** The batch a {@code <locator>-<index>} names; 400 INVALID_QUERY_LOCATOR when it is unknown or released. */
    synchronized Map<String, Object> next(String locatorAndIndex, String resource) {
        int dash = locatorAndIndex.lastIndexOf('-');
        Cursor cursor = dash < 0 ? null : open.get(locatorAndIndex.substring(0, dash));
        int index;
        try {
            index = dash < 0 ? -1 : Integer.parseInt(locatorAndIndex.substring(dash + 1));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (cursor == null || index < 0 || index >= cursor.records().size()) {
            throw SalesforceApiException.of(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        String locator = locatorAndIndex.substring(0, dash);
        int end = Math.min(cursor.records().size(), index + cursor.batchSize());
        boolean last = end == cursor.records().size();
        if (last) {
            open.remove(locator);
        }
        return page(cursor.records().size(), cursor.records().subList(index, end),
                last ? null : resource + "/" + locator + "-" + end);
    }

    synchronized int openCursors() {
        return open.size();
    }

    synchronized void clear() {
        open.clear();
    }

    /** {@code Sforce-Query-Options: batchSize=N}: 200 to 2,000, default 2,000; a value outside is brought inside. */
    static int batchSize(String queryOptions) {
        if (queryOptions == null) {
            return DEFAULT_BATCH;
        }
        for (String option : queryOptions.split("[,;]")) {
            String[] pair = option.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("batchSize")) {
                try {
                    return Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, Integer.parseInt(pair[1].trim())));
                } catch (NumberFormatException e) {
                    return DEFAULT_BATCH;
                }
            }
        }
        return DEFAULT_BATCH;
    }

    private static Map<String, Object> page(int totalSize, List<Map<String, Object>> records, String nextRecordsUrl) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("totalSize", totalSize);
        answer.put("done", nextRecordsUrl == null);
        if (nextRecordsUrl != null) {
            answer.put("nextRecordsUrl", nextRecordsUrl);
        }
        answer.put("records", List.copyOf(records));
        return answer;
    }
}
