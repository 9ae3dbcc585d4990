package io.contactsync.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The app on PostgreSQL with Kafka as the event log ({@code sync.inbox=kafka}), on the broker of {@link KafkaBroker}. */
public class KafkaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new PostgresProfile().getConfigOverrides());
        config.put("sync.inbox", "kafka");
        config.put("sync.kafka.partitions", "8");
        config.put("sync.kafka.ack-timeout", "3s");
        config.put("sync.kafka.session-timeout", "6s");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBroker.class));
    }
}
