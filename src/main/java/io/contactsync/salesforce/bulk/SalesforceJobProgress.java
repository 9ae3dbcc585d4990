package io.contactsync.salesforce.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.salesforce.SalesforceAllowance;
import io.contactsync.client.salesforce.SalesforcePausedException;
import io.contactsync.cluster.Leases;
import io.contactsync.pipeline.RunHistory;
import io.contactsync.pipeline.SyncRun;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.sync.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * What a running job records in salesforce_job as it goes: the records it reads (total), each chunk's outcomes with
 * the checkpoint it resumes at, its vendor calls per side, and its waits while the Salesforce allowance is paused
 * (state {@code paused}, pausedUntil), after which it goes on where it stopped.
 */
@ApplicationScoped
@Named("salesforceJobProgress")
public class SalesforceJobProgress {

    private static final Logger LOG = Logger.getLogger(SalesforceJobProgress.class);

    /** The side a vendor call counts for. */
    public enum Side {
        HUBSPOT, SALESFORCE
    }

    /** More the chunk's progress transaction records (an import's claimed emails). */
    @FunctionalInterface
    interface Alongside {
        void record(Connection c) throws SQLException;
    }

    @Inject
    Database database;

    @Inject
    RunHistory history;

    @Inject
    SalesforceAllowance allowance;

    @Inject
    Leases leases;

    /** Adds records to the job's total (as pages or lists are read). */
    public void addTotal(String id, long records) {
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET total_records = total_records + ?,"
                + " updated_at = ? WHERE id = ?", records, Instant.now(), id));
    }

    public void record(JobChunk chunk, String scenario) {
        record(chunk, scenario, c -> {
        });
    }

    /**
     * Records a chunk in one transaction, only while this replica holds the job's lease: one run per outcome, the
     * skipped and failed ones as issues, the counters, the checkpoint after the chunk, and {@code alongside}. A chunk
     * is thus counted once, and a restart goes on after the last one recorded.
     */
    public void record(JobChunk chunk, String scenario, Alongside alongside) {
        long[] counts = new long[5];
        Jdbc.inTransaction(database, c -> {
            if (!leases.stillHolds(c, SalesforceJobs.lease(chunk.job))) {
                throw new JobTakenOver(chunk.job);
            }
            for (JobOutcome o : chunk.outcomes) {
                history.record(c, new SyncRun(0, scenario, "job " + chunk.job, null, o.email(), o.sourceId(),
                        o.decision(), o.reason(), o.targetId(), 0, 0));
                switch (o.decision()) {
                    case CREATED -> counts[0]++;
                    case UPDATED -> counts[1]++;
                    case NO_CHANGE -> counts[2]++;
                    case FAILED -> counts[4]++;
                    default -> counts[3]++;
                }
                if (o.decision() == Decision.SKIPPED || o.decision() == Decision.FAILED) {
                    Jdbc.update(c, "INSERT INTO salesforce_job_issue (job_id, outcome, record_ref, email, reason)"
                            + " VALUES (?, ?, ?, ?, ?)", chunk.job, o.decision().label(), o.sourceId(), o.email(),
                            SalesforceJobs.truncate(o.reason()));
                }
            }
            alongside.record(c);
            return Jdbc.update(c, "UPDATE salesforce_job SET processed = processed + ?, created_count = created_count"
                    + " + ?, updated_count = updated_count + ?, unchanged_count = unchanged_count + ?, skipped_count ="
                    + " skipped_count + ?, failed_count = failed_count + ?, checkpoint = ?, updated_at = ?"
                    + " WHERE id = ?",
                    chunk.outcomes.size(), counts[0], counts[1], counts[2], counts[3], counts[4], chunk.checkpoint(),
                    Instant.now(), chunk.job);
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
            waitOut(exchange.getProperty(SalesforceJobs.JOB, String.class), status.pausedUntil());
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
}
