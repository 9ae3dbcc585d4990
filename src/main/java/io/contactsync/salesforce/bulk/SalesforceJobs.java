package io.contactsync.salesforce.bulk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.cluster.Leases;
import io.contactsync.pipeline.SyncConfig;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

/**
 * Salesforce import and resync jobs (routes/salesforce-import.camel.yaml, routes/salesforce-resync.camel.yaml). A job
 * is accepted into salesforce_job ({@code queued}) together with a lease of its own ({@code job-<id>}, see
 * {@link Leases}), and runs in the background, one at a time per replica, in the order the jobs were accepted; each
 * chunk's progress is recorded with the job's checkpoint ({@link SalesforceJobProgress}).
 *
 * <p>Accepted work is never lost: a job left queued, running or paused by a restart, a kill or a replica that died is
 * taken up again, oldest first, by the replica that takes its lease (at once after a restart on the embedded database,
 * where the one process holds every lease; with several replicas once the dead holder's lease has expired), and goes
 * on after its checkpoint. Jobs run only with {@code salesforce.enabled}; jobs left meanwhile wait.
 */
@ApplicationScoped
public class SalesforceJobs {

    private static final Logger LOG = Logger.getLogger(SalesforceJobs.class);
    public static final String JOB = "salesforceJob";

    @Inject
    Database database;

    @Inject
    Leases leases;

    @Inject
    SalesforceConfig salesforce;

    @Inject
    SyncConfig sync;

    @Inject
    ObjectMapper mapper;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    private final Semaphore accepted = new Semaphore(0);
    private volatile boolean stopping;
    private Thread runner;

    /** Looks for jobs to run (the ones left unfinished first) once the routes are up, without holding up start-up. */
    void start(@Observes StartupEvent started) {
        if (!salesforce.enabled()) {
            return;
        }
        runner = new Thread(this::runJobs, "salesforce-jobs");
        runner.setDaemon(true);
        runner.start();
    }

    /** The job running stops where it is: it stays unfinished and goes on after its checkpoint at the next start. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    /** Records the job, this replica's to run after the jobs accepted before it; returns its id. */
    public String start(JobKind kind, String request) {
        String id = kind.label() + "-" + UUID.randomUUID();
        Instant now = Instant.now();
        Jdbc.inTransaction(database, c -> leases.take(c, lease(id)) && Jdbc.update(c, "INSERT INTO salesforce_job (id,"
                + " kind, state, request_text, total_records, processed, created_count, updated_count, unchanged_count,"
                + " skipped_count, failed_count, hubspot_calls, salesforce_calls, started_at, updated_at)"
                + " VALUES (?, ?, 'queued', ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?)", id, kind.label(), request, now,
                now) == 1);
        accepted.release();
        return id;
    }

    /** The job's request and checkpoint. */
    public SalesforceJob job(String id) {
        List<String[]> rows = Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT kind, request_text, checkpoint"
                + " FROM salesforce_job WHERE id = ?", rs -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(3)}, id));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no Salesforce job " + id);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = mapper.readValue(rows.get(0)[1], Map.class);
            return new SalesforceJob(id, JobKind.of(rows.get(0)[0]), request, rows.get(0)[2]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce job " + id + " has an unreadable request", e);
        }
    }

    /** The name of the job's lease: the replica holding it runs the job, and records its progress. */
    static String lease(String job) {
        return "job-" + job;
    }

    static String truncate(String text) {
        return text == null ? "" : text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    // ----

    private void runJobs() {
        while (!stopping) {
            try {
                Optional<SalesforceJob> next = camel.isStarted() ? next() : Optional.empty();
                if (next.isPresent()) {
                    run(next.get());
                } else {
                    accepted.tryAcquire(sync.cluster().heartbeat().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Salesforce jobs: cannot look for the next job (%s); trying again", e.getMessage());
                try {
                    Thread.sleep(sync.cluster().heartbeat().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * The oldest unfinished job this replica holds the lease of (accepted here), or takes it now (nobody holds it, or
     * its holder let it expire: a restart, a dead replica). Jobs held by another live replica are its to run.
     */
    private Optional<SalesforceJob> next() {
        Instant now = Instant.now();
        List<String[]> unfinished = Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT j.id, l.owner FROM"
                + " salesforce_job j LEFT JOIN lease l ON l.name = 'job-' || j.id AND l.expires_at >= ?"
                + " WHERE j.state IN ('queued', 'running', 'paused') ORDER BY j.started_at, j.id",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, now));
        for (String[] candidate : unfinished) {
            String id = candidate[0];
            String owner = candidate[1];
            if (leases.replicaId().equals(owner) || (owner == null && takeOver(id))) {
                return Optional.of(job(id));
            }
        }
        return Optional.empty();
    }

    /** Takes the lease of a job nobody runs, if it is still unfinished (another replica may have just ended it). */
    private boolean takeOver(String id) {
        return Jdbc.inTransaction(database, c -> {
            if (!leases.take(c, lease(id))) {
                return false;
            }
            if (Jdbc.query(c, "SELECT id FROM salesforce_job WHERE id = ? AND state IN ('queued', 'running', 'paused')",
                    rs -> rs.getString(1), id).isEmpty()) {
                leases.release(c, lease(id));
                return false;
            }
            return true;
        });
    }

    /**
     * Runs the job's route from its checkpoint (from the start when it has none). The total starts again from the
     * records processed: the records read after the checkpoint are added as they are read.
     */
    private void run(SalesforceJob job) {
        String id = job.id();
        try {
            if (job.checkpoint() == null) {
                LOG.infof("Salesforce job %s starts", id);
            } else {
                LOG.infof("Salesforce job %s goes on after its checkpoint %s", id, job.checkpoint());
            }
            Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE salesforce_job SET state = 'running',"
                    + " total_records = processed, paused_until = NULL, updated_at = ? WHERE id = ?", Instant.now(),
                    id));
            VendorCallCounter.reset();
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(JOB, id);
            exchange.getMessage().setBody(id);
            producer.send(job.kind().route(), exchange);
            if (exchange.getException() == null) {
                end(id, "done", null);
            } else if (exchange.getException(JobTakenOver.class) != null) {
                LOG.warnf("Salesforce job %s: another replica took it over; it goes on there", id);
            } else {
                failed(id, exchange.getException());
            }
        } catch (RuntimeException e) {
            failed(id, e);
        }
    }

    private void failed(String id, Exception e) {
        if (stopping || !camel.isStarted()) {
            LOG.infof("Salesforce job %s stopped with the app; it goes on after its checkpoint at the next start", id);
            return;
        }
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.errorf("Salesforce job %s failed: %s", id, error);
        end(id, "failed", truncate(error));
    }

    /** Ends the job (done or failed) while this replica still runs it; its claimed emails and its lease go. */
    private void end(String id, String state, String error) {
        Instant now = Instant.now();
        boolean ended = Jdbc.inTransaction(database, c -> {
            if (!leases.stillHolds(c, lease(id))) {
                return false;
            }
            Jdbc.update(c, "UPDATE salesforce_job SET state = ?, error = ?, updated_at = ?, finished_at = ?"
                    + " WHERE id = ?", state, error, now, now, id);
            Jdbc.update(c, "DELETE FROM salesforce_job_claim WHERE job_id = ?", id);
            leases.release(c, lease(id));
            return true;
        });
        if (!ended) {
            LOG.warnf("Salesforce job %s: another replica took it over; it ends there", id);
        } else if ("done".equals(state)) {
            LOG.infof("Salesforce job %s done", id);
        }
    }
}
