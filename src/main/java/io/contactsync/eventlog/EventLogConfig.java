package io.contactsync.eventlog;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka as the event log, with {@code sync.inbox=kafka}: {@code sync.kafka.*} (README, "Configuration"). */
@ConfigMapping(prefix = "sync.kafka")
public interface EventLogConfig {

    @WithDefault("localhost:9092")
    String bootstrapServers();

    /** Created at start-up when missing, with {@link #partitions()} and {@link #replicationFactor()}. */
    @WithDefault("contactsync-events")
    String topic();

    /** The consumer group of all replicas. */
    @WithDefault("contact-sync")
    String groupId();

    @WithDefault("32")
    int partitions();

    @WithDefault("1")
    short replicationFactor();

    /** How long a webhook waits for the broker's acknowledgement before it is answered 503. */
    @WithDefault("10s")
    Duration ackTimeout();

    /** How long a replica losing partitions waits for their runs in flight to be recorded before it lets go. */
    @WithDefault("30s")
    Duration revokeTimeout();

    /** A replica silent for this long leaves the group: its partitions move to the others. */
    @WithDefault("10s")
    Duration sessionTimeout();
}
