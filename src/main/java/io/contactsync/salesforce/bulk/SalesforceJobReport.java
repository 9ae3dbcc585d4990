package io.contactsync.salesforce.bulk;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A job's progress while it runs and its report once it ended (GET /admin/salesforce/jobs/{id}). */
@ApplicationScoped
public class SalesforceJobReport {

    @Inject
    Database database;

    /** The job's progress and, once it ended, its report; null when there is no such job. */
    public Map<String, Object> of(String id) {
        return Jdbc.inTransaction(database, c -> {
            List<Map<String, Object>> rows = Jdbc.query(c, "SELECT id, kind, state, request_text, total_records,"
                    + " processed, created_count, updated_count, unchanged_count, skipped_count, failed_count,"
                    + " hubspot_calls, salesforce_calls, paused_until, error, started_at, updated_at, finished_at"
                    + " FROM salesforce_job WHERE id = ?", Jdbc::camelCaseRow, id);
            if (rows.isEmpty()) {
                return null;
            }
            Map<String, Object> row = rows.get(0);
            long processed = ((Number) row.get("processed")).longValue();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("id", row.get("id"));
            report.put("kind", row.get("kind"));
            report.put("state", row.get("state"));
            report.put("request", row.get("requestText"));
            report.put("total", row.get("totalRecords"));
            report.put("processed", processed);
            report.put("created", row.get("createdCount"));
            report.put("updated", row.get("updatedCount"));
            report.put("unchanged", row.get("unchangedCount"));
            report.put("skippedCount", row.get("skippedCount"));
            report.put("failedCount", row.get("failedCount"));
            Map<String, Object> calls = new LinkedHashMap<>();
            calls.put("hubspot", row.get("hubspotCalls"));
            calls.put("salesforce", row.get("salesforceCalls"));
            calls.put("hubspotPerRecord", perRecord(row.get("hubspotCalls"), processed));
            calls.put("salesforcePerRecord", perRecord(row.get("salesforceCalls"), processed));
            report.put("vendorCalls", calls);
            report.put("pausedUntil", text(row.get("pausedUntil")));
            report.put("error", row.get("error"));
            report.put("startedAt", text(row.get("startedAt")));
            report.put("updatedAt", text(row.get("updatedAt")));
            report.put("finishedAt", text(row.get("finishedAt")));
            List<Map<String, Object>> issues = Jdbc.query(c, "SELECT outcome, record_ref, email, reason"
                    + " FROM salesforce_job_issue WHERE job_id = ? ORDER BY id", Jdbc::camelCaseRow, id);
            List<Map<String, Object>> skipped = new ArrayList<>();
            List<Map<String, Object>> failed = new ArrayList<>();
            for (Map<String, Object> issue : issues) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("record", issue.get("recordRef"));
                item.put("email", issue.get("email"));
                item.put("reason", issue.get("reason"));
                ("failed".equals(issue.get("outcome")) ? failed : skipped).add(item);
            }
            report.put("skipped", skipped);
            report.put("failed", failed);
            return report;
        });
    }

    private static Double perRecord(Object calls, long records) {
        return records == 0 ? null : Math.round(((Number) calls).doubleValue() / records * 10_000) / 10_000.0;
    }

    private static String text(Object time) {
        return time == null ? null : time instanceof Timestamp t ? t.toInstant().toString() : time.toString();
    }
}
