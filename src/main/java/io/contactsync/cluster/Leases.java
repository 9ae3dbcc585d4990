package io.contactsync.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import io.contactsync.pipeline.SyncConfig;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What this replica may do, agreed with the others through the database: which inbox shards it dispatches, whether
 * it runs the pollers and timers (the lease {@value #SINGLETONS}), and which work taken by name it runs ({@link #take},
 * e.g. one lease per Salesforce job). Every {@code sync.cluster.heartbeat} it renews its leases, takes over expired
 * ones up to its fair share of the shards (64 / live replicas), and hands back shards beyond that share once none of
 * their events is in flight. A replica that dies stops renewing: its
 * leases expire after {@code sync.cluster.lease-ttl} and the others take them over.
 * Alone on the embedded database, the one replica holds everything.
 */
@ApplicationScoped
@Named("leases")
@RegisterForReflection
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class);
    static final String SINGLETONS = "pollers";

    @Inject
    Database database;

    @Inject
    SyncConfig config;

    private final String replicaId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<Integer> shards = ConcurrentHashMap.newKeySet();
    private final Set<Integer> draining = ConcurrentHashMap.newKeySet();
    private volatile boolean singletons;
    private volatile IntPredicate shardBusy = shard -> false;
    private ScheduledExecutorService heartbeat;

    void start(@Observes @Priority(10) StartupEvent started) {
        if (database.embedded()) {
            // leases left by a killed run belong to nobody: no other process can have the file open
            Jdbc.inTransaction(database, c -> Jdbc.update(c, "DELETE FROM lease") + Jdbc.update(c, "DELETE FROM replica"));
        }
        beat();
        long every = config.cluster().heartbeat().toMillis();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beatQuietly, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("Replica %s holds %d of %d inbox shards%s", replicaId, shards.size(), Shards.COUNT,
                singletons ? " and runs the pollers" : "");
    }

    /** Hands every lease back at a clean stop, so the other replicas take over at once, not after the TTL. */
    void stop(@Observes ShutdownEvent stopping) {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        shards.clear();
        singletons = false;
        try {
            Jdbc.inTransaction(database, c -> {
                Jdbc.update(c, "DELETE FROM lease WHERE owner = ?", replicaId);
                return Jdbc.update(c, "DELETE FROM replica WHERE id = ?", replicaId);
            });
        } catch (StoreException e) {
            LOG.debugf("leases not handed back at stop (they expire): %s", e.getMessage());
        }
    }

    /** The shards this replica dispatches now. */
    public Set<Integer> shards() {
        return Collections.unmodifiableSet(shards);
    }

    /** Whether the pollers and timers run on this replica now (on exactly one replica at a time). */
    public boolean holdsSingletons() {
        return singletons;
    }

    /** Tells which shards still have events in flight here; a shard is handed back only when it has none. */
    public void shardBusyWhen(IntPredicate busy) {
        shardBusy = busy;
    }

    public String replicaId() {
        return replicaId;
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            // leases not renewed expire; the dispatcher stops taking their events then (see renew)
            LOG.warnf("lease heartbeat failed: %s", e.getMessage());
        }
    }

    private synchronized void beat() {
        Instant now = Instant.now();
        Instant until = now.plus(config.cluster().leaseTtl());
        long liveReplicas = Jdbc.inTransaction(database, c -> {
            if (Jdbc.update(c, "UPDATE replica SET seen_at = ? WHERE id = ?", now, replicaId) == 0) {
                Jdbc.update(c, "INSERT INTO replica (id, seen_at) VALUES (?, ?)", replicaId, now);
            }
            Jdbc.update(c, "DELETE FROM replica WHERE seen_at < ?", now.minus(config.cluster().leaseTtl()));
            return Jdbc.query(c, "SELECT COUNT(*) FROM replica", rs -> rs.getLong(1)).get(0);
        });
        renew(until);
        handBack();
        int fairShare = (int) ((Shards.COUNT + liveReplicas - 1) / liveReplicas);
        for (int shard = 0; shard < Shards.COUNT && shards.size() + draining.size() < fairShare; shard++) {
            if (!shards.contains(shard) && !draining.contains(shard) && claim("shard-" + shard, now, until)) {
                shards.add(shard);
            }
        }
        if (!singletons) {
            singletons = claim(SINGLETONS, now, until);
        }
        int beyond = shards.size() + draining.size() - fairShare;
        for (Integer shard : new TreeSet<>(shards).descendingSet()) {
            if (beyond-- <= 0) {
                break;
            }
            shards.remove(shard);
            draining.add(shard);
        }
    }

    /** Renews what this replica holds; what it no longer holds (it expired and was taken) it stops using. */
    private void renew(Instant until) {
        List<String> held = Jdbc.inTransaction(database, c -> {
            Jdbc.update(c, "UPDATE lease SET expires_at = ? WHERE owner = ?", until, replicaId);
            return Jdbc.query(c, "SELECT name FROM lease WHERE owner = ?", rs -> rs.getString(1), replicaId);
        });
        shards.removeIf(shard -> !held.contains("shard-" + shard));
        draining.removeIf(shard -> !held.contains("shard-" + shard));
        singletons = held.contains(SINGLETONS);
    }

    /** Shards drained of in-flight events are handed back for another replica to take. */
    private void handBack() {
        for (Integer shard : List.copyOf(draining)) {
            if (!shardBusy.test(shard)) {
                Jdbc.inTransaction(database, c -> Jdbc.update(c, "DELETE FROM lease WHERE name = ? AND owner = ?",
                        "shard-" + shard, replicaId));
                draining.remove(shard);
            }
        }
    }

    /**
     * Takes the lease {@code name} in the caller's transaction when nobody holds it or its holder let it expire. This
     * replica renews it with its others until it releases it (or stops): for work that runs on one replica at a time
     * and moves to another when its replica dies, such as a Salesforce job.
     */
    public boolean take(Connection c, String name) throws SQLException {
        Instant now = Instant.now();
        return claim(c, name, now, now.plus(config.cluster().leaseTtl()));
    }

    /**
     * Whether this replica still holds the lease {@code name}, renewed in the caller's transaction: work recorded in
     * that transaction is recorded only by the holder (another replica takes a lease only once it has expired).
     */
    public boolean stillHolds(Connection c, String name) throws SQLException {
        return Jdbc.update(c, "UPDATE lease SET expires_at = ? WHERE name = ? AND owner = ?",
                Instant.now().plus(config.cluster().leaseTtl()), name, replicaId) == 1;
    }

    /** Hands the lease {@code name} back in the caller's transaction, when this replica holds it. */
    public void release(Connection c, String name) throws SQLException {
        Jdbc.update(c, "DELETE FROM lease WHERE name = ? AND owner = ?", name, replicaId);
    }

    /** Takes a lease that nobody holds, or whose holder let it expire. */
    private boolean claim(String name, Instant now, Instant until) {
        return Jdbc.inTransaction(database, c -> claim(c, name, now, until));
    }

    private boolean claim(Connection c, String name, Instant now, Instant until) throws SQLException {
        return takeExpired(c, name, now, until)
                || Jdbc.update(c, "INSERT INTO lease (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        name, replicaId, until) == 1;
    }

    private boolean takeExpired(Connection c, String name, Instant now, Instant until) throws SQLException {
        return Jdbc.update(c, "UPDATE lease SET owner = ?, expires_at = ? WHERE name = ? AND expires_at < ?",
                replicaId, until, name, now) == 1;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
