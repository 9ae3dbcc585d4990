package io.contactsync.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxRepository;
import io.contactsync.inbox.InboxSignal;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.store.StoreException;
import io.contactsync.sync.Decision;
import io.contactsync.vendor.VendorCallCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes pending inbox events, oldest first, and runs their scenario routes on a fixed set of lanes: all events
 * of one contact go to the same lane, so they are applied one after another, in order. An event is marked done
 * together with its run record; one that fails after the vendor retries becomes a dead letter. After a crash,
 * whatever was pending is simply run again: the routes look the contact up before writing, so nothing doubles.
 */
@ApplicationScoped
public class InboxDispatcher {

    private static final Logger LOG = Logger.getLogger(InboxDispatcher.class);

    @ConfigProperty(name = "sync.dispatch.lanes")
    int laneCount;

    @ConfigProperty(name = "sync.dispatch.batch-size")
    int batchSize;

    @ConfigProperty(name = "sync.scenarios.respondio", defaultValue = "respondio-to-hubspot")
    List<String> respondioScenarios;

    @ConfigProperty(name = "sync.scenarios.hubspot", defaultValue = "hubspot-to-respondio")
    List<String> hubspotScenarios;

    @Inject
    InboxRepository inbox;

    @Inject
    InboxSignal signal;

    @Inject
    HubSpotPrefetch prefetch;

    @Inject
    ScenarioRunner runner;

    @Inject
    RunHistory history;

    @Inject
    Database database;

    @Inject
    CamelContext camel;

    @Inject
    MeterRegistry metrics;

    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Events finished while the pending query ran: the query may still have seen them as pending. */
    private final Set<Long> justFinished = ConcurrentHashMap.newKeySet();
    private ExecutorService[] lanes;
    private volatile boolean running;
    private Thread loop;

    void start(@Observes StartupEvent event) {
        lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sync-lane-" + lane);
                t.setDaemon(true);
                return t;
            });
        }
        running = true;
        loop = new Thread(this::dispatchLoop, "inbox-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        loop.interrupt();
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }

    /** Events taken from the inbox and not yet finished. */
    public int inFlight() {
        return inFlight.size();
    }

    private void dispatchLoop() {
        while (running) {
            try {
                if (!camel.isStarted() || inFlight.size() >= batchSize * 2) {
                    signal.await(20);
                    continue;
                }
                justFinished.clear();
                List<InboxEvent> batch = inbox.pending(batchSize, inFlight);
                batch.removeIf(e -> justFinished.contains(e.id()));
                if (batch.isEmpty()) {
                    signal.await(500);
                    continue;
                }
                Map<Long, Map<String, Object>> prefetched = prefetch.load(batch);
                for (InboxEvent e : batch) {
                    inFlight.add(e.id());
                    lanes[Math.floorMod(e.contactKey().hashCode(), lanes.length)]
                            .execute(() -> process(e, prefetched.get(e.id())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("dispatcher: %s; retrying shortly", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    private void process(InboxEvent event, Map<String, Object> prefetched) {
        try {
            List<SyncRun> runs = new ArrayList<>();
            String failure = null;
            for (String scenario : scenariosFor(event.source())) {
                SyncRun run;
                try {
                    run = runner.run(event, scenario, prefetched);
                } catch (StoreException e) {
                    throw e;
                } catch (Exception e) {
                    run = new SyncRun(event.id(), scenario, event.source() + ":" + event.eventType(),
                            event.eventId(), null, null, Decision.FAILED, e.getMessage(), null,
                            VendorCallCounter.count(), 0);
                }
                runs.add(run);
                if (run.decision() == Decision.FAILED) {
                    failure = scenario + ": " + run.reason();
                }
            }
            String error = failure;
            Jdbc.inTransaction(database, c -> {
                for (SyncRun run : runs) {
                    history.record(c, run);
                }
                if (error == null) {
                    inbox.markDone(c, event.id(), event.attempts() + 1);
                } else {
                    inbox.markDead(c, event.id(), event.attempts() + 1, error);
                }
                return null;
            });
            runs.forEach(run -> metrics.counter("contactsync.runs", "scenario", run.scenario(), "decision",
                    run.decision().label()).increment());
            if (error != null) {
                LOG.warnf("inbox event %d (%s %s) is a dead letter: %s", event.id(), event.source(), event.eventId(),
                        error);
            }
        } catch (StoreException e) {
            LOG.errorf("inbox event %d stays pending, the state store failed: %s", event.id(), e.getMessage());
        } finally {
            justFinished.add(event.id());
            inFlight.remove(event.id());
        }
    }

    private List<String> scenariosFor(String source) {
        return switch (source) {
            case "respondio" -> respondioScenarios;
            case "hubspot" -> hubspotScenarios;
            default -> throw new IllegalStateException("no scenario for inbox source " + source);
        };
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
