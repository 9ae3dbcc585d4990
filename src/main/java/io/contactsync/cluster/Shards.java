package io.contactsync.cluster;

/**
 * The inbox is split into shards by contact: a contact's events are all in one shard, and one replica at a time
 * dispatches a shard, so one contact's events are applied in order even with several replicas. The count is fixed:
 * changing it would move contacts whose events are still waiting.
 */
public final class Shards {

    public static final int COUNT = 64;

    /**
     * The "shard" of events consumed from the Kafka event log ({@code sync.inbox=kafka}): in no inbox shard, so no
     * lease holder dispatches them; the consumer of their partition does.
     */
    public static final int EVENT_LOG = -1;

    private Shards() {
    }

    /** The shard of a contact key; {@link String#hashCode()} is the same in every JVM. */
    public static int of(String contactKey) {
        return Math.floorMod(contactKey.hashCode(), COUNT);
    }
}
