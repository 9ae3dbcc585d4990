package io.contactsync.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in the test JVM (KRaft, one combined broker and controller), for the tests of Kafka as the
 * event log. Every replication factor is 1: with the default 3 the group coordinator's offsets topic cannot be
 * created and a consumer group gets nothing.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not start: " + e.getMessage(), e);
        }
        return Map.of("sync.kafka.bootstrap-servers", cluster.bootstrapServers());
    }

    public static String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker for good (a test of the broker being down); {@link #stop()} then has nothing left to do. */
    public static void shutDown() throws Exception {
        KafkaClusterTestKit running = cluster;
        cluster = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void stop() {
        try {
            shutDown();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
