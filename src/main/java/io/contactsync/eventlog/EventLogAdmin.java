package io.contactsync.eventlog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** The broker as the operator sees it: is it reachable, and does the topic exist (created when missing). */
@ApplicationScoped
public class EventLogAdmin {

    private static final long TIMEOUT_MS = 2_000;

    @Inject
    EventLogConfig config;

    private volatile Admin admin;

    /** The number of brokers answering; throws when none answers within 2 s. */
    public int brokers() throws ExecutionException, TimeoutException, InterruptedException {
        return admin().describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
    }

    /** Records of the topic not yet recorded as run by the group: the log's end offsets minus the committed ones. */
    public long lag() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(config.groupId())
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin().describeTopics(List.of(config.topic())).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(config.topic()).partitions()
                .forEach(p -> ends.put(new TopicPartition(config.topic(), p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin().listOffsets(ends).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Creates the topic unless it exists. */
    public void ensureTopic() throws ExecutionException, TimeoutException, InterruptedException {
        if (admin().listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(config.topic())) {
            return;
        }
        try {
            admin().createTopics(List.of(new NewTopic(config.topic(), config.partitions(), config.replicationFactor())))
                    .all().get(TIMEOUT_MS * 5, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS * 5));
                }
                a = admin;
            }
        }
        return a;
    }
}
