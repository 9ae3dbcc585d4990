package io.contactsync.salesforce.bulk;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.salesforce.SalesforceAllowance;
import io.contactsync.client.salesforce.SalesforcePausedException;
import io.contactsync.pipeline.RunHistory;
import io.contactsync.pipeline.SyncRun;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.sync.Decision;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

/**
 * Salesforce import and resync jobs (routes/salesforce-import.camel.yaml, routes/salesforce-resync.camel.yaml): each
 * runs in the background, one at a time; its progress and report are kept in salesforce_job (counters, vendor calls
 * per side) and salesforce_job_issue (skipped and failed records with their reasons), each record's run in sync_run.
 * While the Salesforce allowance is paused a job waits and then goes on where it stopped.
 */
@ApplicationScoped
@Named("salesforceJobs")
public class SalesforceJobs {

    private static final Logger LOG = Logger.getLogger(SalesforceJobs.class);
    public static final String JOB = "salesforceJob";

    /** The side a vendor call counts for. */
    public enum Side {
        HUBSPOT, SALESFORCE
    }

    /** One record's outcome in a job. */
    public record Outcome(Decision decision, String sourceId, String email, String targetId, String reason) {
    }

    @Inject
    Database database;

    @Inject
    RunHistory history;

    @Inject
    SalesforceAllowance allowance;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "salesforce-jobs");
        t.setDaemon(true);
        return t;
    });

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Records the job and runs the route with the job id as the body, after the jobs started before it. */
    public String start(String kind, String request, String route) {
        String id = kind + "-" + UUID.randomUUID();
        Instant now = Instant.now();
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "INSERT INTO salesforce_job (id, kind, state, request_text,"
                + " total_records, processed, created_count, updated_count, unchanged_count, skipped_count,"
                + " failed_count, hubspot_calls, salesforce_calls, started_at, updated_at)"
                + " VALUES (?, ?, 'queued', ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?)", id, kind, request, now, now));
        executor.execute(() -> {
            try {
                VendorCallCounter.reset();
                state(id, "running");
                Exchange exchange = new DefaultExchange(camel);
                exchange.setProperty(JOB, id);
                exchange.getMessage().setBody(id);
                producer.send(route, exchange);
                if (exchange.getException() != null) {
                    fail(id, exchange.getException());
                } else {
                    finish(id);
                }
            } catch (RuntimeException e) {
                fail(id, e);
            }
        });
        return id;
    }

    /** The job's progress and, once it ended, its report; null when there is no such job. */
    public Map<String, Object> report(String id) {
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

    /** Adds records to the job's total (as pages or lists are read). */
    public void addTotal(String id, long records) {
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET total_records = total_records + ?,"
                + " updated_at = ? WHERE id = ?", records, Instant.now(), id));
    }

    /** Records the outcomes of a chunk: one run each, the skipped and failed ones as issues, the counters. */
    public void record(String id, String scenario, List<Outcome> outcomes) {
        long[] counts = new long[5];
        Jdbc.inTransaction(database, c -> {
            for (Outcome o : outcomes) {
                history.record(c, new SyncRun(0, scenario, "job " + id, null, o.email(), o.sourceId(), o.decision(),
                        o.reason(), o.targetId(), 0, 0));
                switch (o.decision()) {
                    case CREATED -> counts[0]++;
                    case UPDATED -> counts[1]++;
                    case NO_CHANGE -> counts[2]++;
                    case FAILED -> counts[4]++;
                    default -> counts[3]++;
                }
                if (o.decision() == Decision.SKIPPED || o.decision() == Decision.FAILED) {
                    Jdbc.update(c, "INSERT INTO salesforce_job_issue (job_id, outcome, record_ref, email, reason)"
                            + " VALUES (?, ?, ?, ?, ?)", id, o.decision().label(), o.sourceId(), o.email(),
                            truncate(o.reason()));
                }
            }
            return Jdbc.update(c, "UPDATE salesforce_job SET processed = processed + ?, created_count = created_count"
                    + " + ?, updated_count = updated_count + ?, unchanged_count = unchanged_count + ?, skipped_count ="
                    + " skipped_count + ?, failed_count = failed_count + ?, updated_at = ? WHERE id = ?",
                    outcomes.size(), counts[0], counts[1], counts[2], counts[3], counts[4], Instant.now(), id);
        });
    }

    /**
     * Makes the vendor call and counts it for its side; a Salesforce call refused for the paused allowance waits
     * until the pause ends (the job shows pausedUntil) and is made again.
     */
    public <T> T call(String id, Side side, Supplier<T> call) {
        while (true) {
            int before = VendorCallCounter.count();
            try {
                return call.get();
            } catch (SalesforcePausedException paused) {
                waitOut(id, paused.until());
            } finally {
                count(id, side, VendorCallCounter.count() - before);
            }
        }
    }

    /** Waits while the Salesforce allowance is paused, so that the next Salesforce step may call. */
    public void awaitSalesforceAllowance(Exchange exchange) {
        SalesforceAllowance.Status status = allowance.status();
        if (status.paused()) {
            waitOut(exchange.getProperty(JOB, String.class), status.pausedUntil());
        }
    }

    private void waitOut(String id, Instant until) {
        LOG.infof("Salesforce job %s: the allowance is paused until %s; waiting", id, until);
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET state = 'paused', paused_until = ?,"
                + " updated_at = ? WHERE id = ?", until, Instant.now(), id));
        try {
            Thread.sleep(Math.max(100, Duration.between(Instant.now(), until).toMillis() + 100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Salesforce job " + id + " interrupted while waiting for the allowance", e);
        }
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET state = 'running', paused_until ="
                + " NULL, updated_at = ? WHERE id = ?", Instant.now(), id));
    }

    private void count(String id, Side side, int calls) {
        if (calls > 0) {
            String column = side == Side.HUBSPOT ? "hubspot_calls" : "salesforce_calls";
            Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET " + column + " = " + column
                    + " + ? WHERE id = ?", calls, id));
        }
    }

    private void state(String id, String state) {
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET state = ?, updated_at = ?"
                + " WHERE id = ?", state, Instant.now(), id));
    }

    private void finish(String id) {
        Instant now = Instant.now();
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET state = 'done', updated_at = ?,"
                + " finished_at = ? WHERE id = ?", now, now, id));
        LOG.infof("Salesforce job %s done", id);
    }

    private void fail(String id, Exception e) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.errorf("Salesforce job %s failed: %s", id, error);
        Instant now = Instant.now();
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET state = 'failed', error = ?,"
                + " updated_at = ?, finished_at = ? WHERE id = ?", truncate(error), now, now, id));
    }

    private static Double perRecord(Object calls, long records) {
        return records == 0 ? null : Math.round(((Number) calls).doubleValue() / records * 10_000) / 10_000.0;
    }

    private static String text(Object time) {
        return time == null ? null : time instanceof Timestamp t ? t.toInstant().toString() : time.toString();
    }

    private static String truncate(String text) {
        return text == null ? "" : text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
