package io.contactsync.inbox;

/** Where accepted webhook events wait to be applied ({@code sync.inbox}). */
public enum InboxBackend {
    /** The inbox_event table, dispatched by inbox shard leases. */
    DATABASE,
    /** A Kafka topic keyed by contact, consumed by the replicas as one consumer group (docs/replicas.md). */
    KAFKA
}
