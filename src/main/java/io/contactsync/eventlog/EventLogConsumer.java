package io.contactsync.eventlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.contactsync.inbox.InboxBackend;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.pipeline.InboxDispatcher;
import io.contactsync.pipeline.SyncConfig;
import io.contactsync.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The replicas' consumer group on the event log ({@code sync.inbox=kafka}), on the plain Kafka client (see
 * docs/replicas.md for why not Camel's consumer). One thread polls; each record's event gets its inbox row (the
 * event-id dedupe, {@link ConsumedEvents}) and runs on the dispatcher's lanes, one contact per lane, in log order.
 * A partition's offset is committed only up to its oldest record whose run is not recorded yet. When partitions
 * are revoked (a rebalance, a clean stop), the runs in flight are awaited and their offsets committed before they
 * move, so the next owner neither skips nor repeats them; a replica that dies commits nothing more, and the next
 * owner runs again what was not recorded (the routes look up before writing, so nothing doubles).
 */
@ApplicationScoped
public class EventLogConsumer implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(EventLogConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long COMMIT_EVERY_MS = 500;

    @Inject
    SyncConfig sync;

    @Inject
    EventLogConfig config;

    @Inject
    EventLogAdmin admin;

    @Inject
    ConsumedEvents consumed;

    @Inject
    InboxDispatcher dispatcher;

    @Inject
    CamelContext camel;

    @Inject
    MeterRegistry metrics;

    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    /** Inbox event id -> where its record is, until its run is recorded. */
    private final Map<Long, Position> positions = new ConcurrentHashMap<>();
    private KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;
    private long lastCommit;

    private record Position(TopicPartition partition, long offset) {
    }

    void start(@Observes StartupEvent event) {
        if (sync.inbox() != InboxBackend.KAFKA) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "event-log-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Before the dispatcher stops its lanes: the partitions are handed over with their runs recorded. */
    void stop(@Observes @Priority(1000) ShutdownEvent event) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        thread.join(config.revokeTimeout().toMillis() + 10_000);
    }

    /** The partitions this replica consumes now. */
    public Set<Integer> partitions() {
        Set<Integer> numbers = new TreeSet<>();
        progress.keySet().forEach(p -> numbers.add(p.partition()));
        return numbers;
    }

    private void run() {
        while (running && !readyToConsume()) {
            sleep(1000);
        }
        if (!running) {
            return;
        }
        consumer = new KafkaConsumer<>(properties());
        try {
            consumer.subscribe(List.of(config.topic()), this);
            while (running) {
                throttle();
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    take(records);
                }
                commitProgress();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "event log consumer stopped: %s", e.getMessage());
        } finally {
            try {
                consumer.close();
            } catch (KafkaException e) {
                LOG.warnf("event log consumer did not close cleanly: %s", e.getMessage());
            }
        }
    }

    /** Camel runs the routes; the topic must exist before the group can be assigned its partitions. */
    private boolean readyToConsume() {
        if (!camel.isStarted()) {
            return false;
        }
        try {
            admin.ensureTopic();
            return true;
        } catch (Exception e) {
            LOG.warnf("event log: Kafka at %s not reachable yet (%s); retrying", config.bootstrapServers(),
                    e.getMessage());
            return false;
        }
    }

    /** Reads nothing more while dispatch is paused or the lanes have enough to do; polling goes on (liveness). */
    private void throttle() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (dispatcher.paused() || dispatcher.inFlight() >= sync.dispatch().batchSize() * 2) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void take(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>(records.count());
        List<LogRecord> decoded = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            progress.computeIfAbsent(partition, p -> new PartitionProgress()).taken(record.offset());
            try {
                decoded.add(LogRecord.decode(record.value()));
                all.add(record);
            } catch (IllegalArgumentException e) {
                LOG.errorf("event log record %s@%d is skipped: %s", partition, record.offset(), e.getMessage());
                progress.get(partition).finished(record.offset());
            }
        }
        if (dispatcher.paused()) {
            // paused while this poll waited: the records are read again on resume
            readAgain(all);
            return;
        }
        List<InboxEvent> events;
        try {
            events = consumed.take(decoded);
        } catch (StoreException e) {
            LOG.errorf("event log: the state store failed (%s); the records are read again in 1 s", e.getMessage());
            readAgain(all);
            sleep(1000);
            return;
        }
        List<InboxEvent> toRun = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            ConsumerRecord<String, String> record = all.get(i);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            InboxEvent event = events.get(i);
            if (event == null || dispatcher.isInFlight(event.id()) || !ids.add(event.id())) {
                // applied (or dead) already, or the same event is running now: nothing more to do for this record
                progress.get(partition).finished(record.offset());
                if (!decoded.get(i).replay()) {
                    metrics.counter("contactsync.webhook.duplicates", "source", decoded.get(i).event().source())
                            .increment();
                }
            } else {
                positions.put(event.id(), new Position(partition, record.offset()));
                toRun.add(event);
            }
        }
        if (!toRun.isEmpty()) {
            dispatcher.runLogged(toRun, this::recorded);
        }
    }

    private void recorded(InboxEvent event) {
        Position position = positions.remove(event.id());
        if (position != null) {
            PartitionProgress p = progress.get(position.partition());
            if (p != null) {
                p.finished(position.offset());
            }
        }
    }

    private void readAgain(List<ConsumerRecord<String, String>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach((partition, offset) -> {
            progress.get(partition).rewind(offset);
            consumer.seek(partition, offset);
        });
    }

    private void commitProgress() {
        if (System.currentTimeMillis() - lastCommit < COMMIT_EVERY_MS) {
            return;
        }
        lastCommit = System.currentTimeMillis();
        commit(progress.keySet(), false);
    }

    private void commit(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress p = progress.get(partition);
            long offset = p == null ? -1 : p.toCommit();
            if (offset >= 0) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> progress.get(partition).committed(offset.offset()));
        } else {
            consumer.commitAsync(offsets, (committed, failure) -> {
                if (failure == null) {
                    committed.forEach((partition, offset) -> {
                        PartitionProgress p = progress.get(partition);
                        if (p != null) {
                            p.committed(offset.offset());
                        }
                    });
                }
            });
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> progress.put(p, new PartitionProgress()));
        if (!partitions.isEmpty()) {
            LOG.infof("event log: consuming partitions %s", numbers(partitions));
        }
    }

    /** Waits (up to sync.kafka.revoke-timeout) for the runs in flight to be recorded, commits, then lets go. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long deadline = System.currentTimeMillis() + config.revokeTimeout().toMillis();
        while (System.currentTimeMillis() < deadline && partitions.stream().anyMatch(this::busy)) {
            sleep(20);
        }
        int abandoned = partitions.stream().mapToInt(p -> progress.containsKey(p) ? progress.get(p).unfinishedCount() : 0)
                .sum();
        try {
            commit(partitions, true);
        } catch (KafkaException e) {
            LOG.warnf("event log: offsets of revoked partitions not committed (%s); the next owner reads the"
                    + " recorded events again and skips them", e.getMessage());
        }
        if (abandoned > 0) {
            LOG.warnf("event log: %d events of partitions %s were still running after %s; the next owner runs them"
                    + " again, and only the first run to finish is recorded", abandoned, numbers(partitions),
                    config.revokeTimeout());
        }
        forget(partitions);
        LOG.infof("event log: handed over partitions %s", numbers(partitions));
    }

    /** The group went on without this replica (it was silent too long): another owner has the partitions already. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        LOG.warnf("event log: partitions %s lost to the group; their unrecorded events run on the next owner",
                numbers(partitions));
        forget(partitions);
    }

    private boolean busy(TopicPartition partition) {
        PartitionProgress p = progress.get(partition);
        return p != null && !p.idle();
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(progress::remove);
        positions.values().removeIf(position -> partitions.contains(position.partition()));
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sync.dispatch().batchSize());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, config.sessionTimeout().toMillis() / 4));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) Math.max(300_000, config.revokeTimeout().toMillis() * 2));
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "contact-sync-" + ProcessHandle.current().pid());
        return p;
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(p -> numbers.add(p.partition()));
        return numbers;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
