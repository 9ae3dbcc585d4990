package io.contactsync.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.contactsync.cluster.Leases;
import io.contactsync.cluster.Shards;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxRepository;
import io.contactsync.inbox.InboxSignal;
import io.contactsync.store.Database;
import io.contactsync.store.GroupCommit;
import io.contactsync.store.StoreException;
import io.contactsync.sync.Decision;
import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.VendorPausedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;

/**
 * Takes pending inbox events, oldest first, and runs their scenario routes on a fixed set of lanes: all events
 * of one contact go to the same lane, so they are applied one after another, in order. An event is marked done
 * together with its run record (many events per transaction); one that fails after the vendor retries becomes a
 * dead letter; one that needs a paused vendor ({@link VendorPausedException}) stays pending, untouched until the
 * pause ends (its other scenarios run again then, and find nothing left to write). After a crash,
 * whatever was pending is simply run again: the routes look the contact up before writing, so nothing doubles.
 * With Kafka as the event log, the log's consumer hands its events to the same lanes ({@link #runLogged}).
 */
@ApplicationScoped
public class InboxDispatcher {

    private static final Logger LOG = Logger.getLogger(InboxDispatcher.class);
    /** Outcomes wait this long for others to share their commit; nobody waits for them but the next dispatch. */
    private static final Duration COMPLETION_LINGER = Duration.ofMillis(20);

    @Inject
    SyncConfig config;

    @Inject
    Instance<ScenarioInstances> instanceProviders;

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

    @Inject
    Leases leases;

    /** Events taken and not yet finished, with their inbox shard. */
    private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();
    /** Events taken and not yet finished, with their contact. */
    private final Map<Long, String> inFlightContacts = new ConcurrentHashMap<>();
    /** Events finished while the pending query ran: the query may still have seen them as pending. */
    private final Set<Long> justFinished = ConcurrentHashMap.newKeySet();
    private ExecutorService[] lanes;
    private GroupCommit<Completion> completions;
    private ScheduledExecutorService recordRetries;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread loop;

    void start(@Observes StartupEvent event) {
        lanes = new ExecutorService[config.dispatch().lanes()];
        for (int i = 0; i < lanes.length; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sync-lane-" + lane);
                t.setDaemon(true);
                return t;
            });
        }
        completions = new GroupCommit<>("inbox-completions", database, metrics, config.dispatch().batchSize() * 4, 1000,
                COMPLETION_LINGER, this::complete, this::completed);
        completions.start();
        recordRetries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox-record-retries");
            t.setDaemon(true);
            return t;
        });
        leases.shardBusyWhen(shard -> inFlight.containsValue(shard));
        running = true;
        loop = new Thread(this::dispatchLoop, "inbox-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(5_000);
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
        completions.stop();
        recordRetries.shutdownNow();
    }

    /** Events taken from the inbox and not yet finished. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Whether this event was taken here and is not recorded yet. */
    public boolean isInFlight(long inboxId) {
        return inFlight.containsKey(inboxId);
    }

    /**
     * Runs events the event log's consumer took (their inbox rows pending) on the same lanes as the inbox's own, so
     * one contact's events stay in order; {@code recorded} is told once an event's runs are committed. A run or a
     * record the database cannot take is tried again until it can: the consumer never commits past an event whose
     * run is not recorded.
     */
    public void runLogged(List<InboxEvent> batch, Consumer<InboxEvent> recorded) {
        Set<Long> behind = behindEarlierEvents(batch);
        Map<Long, Map<String, Object>> prefetched = prefetch.load(batch, behind);
        for (InboxEvent e : batch) {
            inFlight.put(e.id(), Shards.EVENT_LOG);
            inFlightContacts.put(e.id(), e.contactKey());
            lane(e).execute(() -> process(e, prefetched.get(e.id()), behind.contains(e.id()), recorded));
        }
    }

    /**
     * Stops taking events from the inbox (e.g. while a vendor is down): webhooks are still accepted and kept, events
     * in flight finish. Held in memory by this replica; a restart resumes.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        signal.wake();
    }

    public boolean paused() {
        return paused;
    }

    private void dispatchLoop() {
        while (running) {
            try {
                if (paused || !camel.isStarted() || inFlight.size() >= config.dispatch().batchSize() * 2) {
                    signal.await(20);
                    continue;
                }
                justFinished.clear();
                List<InboxEvent> batch = inbox.pending(config.dispatch().batchSize(), inFlight.keySet(),
                        leases.shards());
                batch.removeIf(e -> justFinished.contains(e.id()));
                if (batch.isEmpty()) {
                    signal.await(500);
                    continue;
                }
                Set<Long> behind = behindEarlierEvents(batch);
                Map<Long, Map<String, Object>> prefetched = prefetch.load(batch, behind);
                for (InboxEvent e : batch) {
                    inFlight.put(e.id(), Shards.of(e.contactKey()));
                    inFlightContacts.put(e.id(), e.contactKey());
                    lane(e).execute(() -> process(e, prefetched.get(e.id()), behind.contains(e.id()), null));
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

    /**
     * The events of the batch whose contact has an earlier event in flight or earlier in the batch: what the routes
     * would read ahead for them may change before they run, and their own copy of the contact may be outdated.
     */
    private Set<Long> behindEarlierEvents(List<InboxEvent> batch) {
        Set<String> busy = new HashSet<>(inFlightContacts.values());
        Set<Long> behind = new HashSet<>();
        for (InboxEvent e : batch) {
            if (!busy.add(e.contactKey())) {
                behind.add(e.id());
            }
        }
        return behind;
    }

    /** One contact always uses the same lane. */
    private ExecutorService lane(InboxEvent e) {
        return lanes[Math.floorMod(e.contactKey().hashCode(), lanes.length)];
    }

    /** {@code recorded}: null for the inbox's own events, else the event log consumer's callback. */
    private void process(InboxEvent event, Map<String, Object> prefetched, boolean behind,
            Consumer<InboxEvent> recorded) {
        while (true) {
            try {
                List<SyncRun> runs = new ArrayList<>();
                String failure = null;
                for (String scenario : scenariosFor(event.source())) {
                    for (String instance : instancesOf(scenario, event)) {
                        SyncRun run = run(event, scenario, instance, prefetched, behind);
                        runs.add(run);
                        if (run.decision() == Decision.FAILED) {
                            failure = run.scenario() + ": " + run.reason();
                        }
                    }
                }
                completions.put(new Completion(event, runs, failure, recorded, null));
                return;
            } catch (VendorPausedException e) {
                if (recorded == null) {
                    putQuietly(new Completion(event, List.of(), null, null, e));
                    return;
                }
                // the log's offset must not pass an event that has not run: it waits here, on its contact's lane
                LOG.infof("event log event %d waits on its lane: %s", event.id(), e.getMessage());
                sleepQuietly(Math.max(1000, Math.min(60_000, e.until().toEpochMilli() - System.currentTimeMillis())));
                if (!running) {
                    finished(event.id());
                    return;
                }
            } catch (StoreException e) {
                if (recorded == null || !running) {
                    LOG.errorf("inbox event %d stays pending, the state store failed: %s", event.id(), e.getMessage());
                    finished(event.id());
                    return;
                }
                LOG.errorf("event log event %d runs again in 1 s, the state store failed: %s", event.id(),
                        e.getMessage());
                sleepQuietly(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished(event.id());
                return;
            }
        }
    }

    private SyncRun run(InboxEvent event, String scenario, String instance, Map<String, Object> prefetched,
            boolean behind) {
        try {
            return runner.run(event, scenario, instance, prefetched, behind);
        } catch (StoreException | VendorPausedException e) {
            throw e;
        } catch (Exception e) {
            return new SyncRun(event.id(), ScenarioRunner.label(scenario, instance),
                    event.source() + ":" + event.eventType(), event.eventId(), null, null, Decision.FAILED,
                    e.getMessage(), null, VendorCallCounter.count(), 0);
        }
    }

    /** A plain scenario runs once (instance null); one with instances runs once per instance. */
    private List<String> instancesOf(String scenario, InboxEvent event) {
        for (ScenarioInstances provider : instanceProviders) {
            if (provider.scenario().equals(scenario)) {
                return provider.instancesFor(event);
            }
        }
        return Collections.singletonList(null);
    }

    /**
     * The outcome of one event, written with others in one transaction: done, dead, or waiting for a paused vendor;
     * {@code recorded}: the event log consumer's callback (null for the inbox's own events).
     */
    private record Completion(InboxEvent event, List<SyncRun> runs, String failure, Consumer<InboxEvent> recorded,
            VendorPausedException paused) {
    }

    private void complete(Connection c, List<Completion> batch) throws SQLException {
        for (Completion done : batch) {
            if (done.paused() != null) {
                inbox.defer(c, done.event().id(), done.paused().until(), done.paused().getMessage());
                continue;
            }
            boolean finishedHere = done.failure() == null
                    ? inbox.markDone(c, done.event().id(), done.event().attempts() + 1)
                    : inbox.markDead(c, done.event().id(), done.event().attempts() + 1, done.failure());
            if (!finishedHere) {
                LOG.warnf("inbox event %d was finished by another replica (its shard moved); this run is not recorded",
                        done.event().id());
                continue;
            }
            for (SyncRun run : done.runs()) {
                history.record(c, run);
            }
        }
    }

    private void completed(List<Completion> batch, RuntimeException failure) {
        for (Completion done : batch) {
            if (failure != null && done.recorded() != null && running) {
                recordRetries.schedule(() -> recordAgain(done), 1, TimeUnit.SECONDS);
                continue;
            }
            if (failure == null) {
                done.runs().forEach(run -> metrics.counter("contactsync.runs", "scenario", run.scenario(),
                        "decision", run.decision().label()).increment());
                if (done.paused() != null) {
                    LOG.infof("inbox event %d (%s %s) waits: %s", done.event().id(), done.event().source(),
                            done.event().eventId(), done.paused().getMessage());
                }
                if (done.failure() != null) {
                    LOG.warnf("inbox event %d (%s %s) is a dead letter: %s", done.event().id(),
                            done.event().source(), done.event().eventId(), done.failure());
                }
                if (done.recorded() != null) {
                    done.recorded().accept(done.event());
                }
            }
            finished(done.event().id());
        }
    }

    private void putQuietly(Completion done) {
        try {
            completions.put(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished(done.event().id());
        }
    }

    private void recordAgain(Completion done) {
        try {
            completions.put(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The event may be dispatched again (if it is still pending); see {@link #justFinished}. */
    private void finished(long inboxId) {
        justFinished.add(inboxId);
        inFlight.remove(inboxId);
        inFlightContacts.remove(inboxId);
    }

    private List<String> scenariosFor(String source) {
        return switch (source) {
            case "respondio" -> config.scenarios().respondio();
            case "hubspot" -> config.scenarios().hubspot();
            case "hubspot-list" -> config.scenarios().hubspotList();
            case "salesforce" -> config.scenarios().salesforce();
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
