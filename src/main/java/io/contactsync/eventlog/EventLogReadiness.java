package io.contactsync.eventlog;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.contactsync.inbox.InboxBackend;
import io.contactsync.pipeline.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * With Kafka as the event log a replica that cannot reach the broker cannot accept webhooks: it is not ready, so
 * the load balancer sends them to another one. With the database inbox there is no broker to ask.
 */
@Readiness
@ApplicationScoped
public class EventLogReadiness implements HealthCheck {

    @Inject
    SyncConfig sync;

    @Inject
    EventLogConfig config;

    @Inject
    EventLogAdmin admin;

    @Override
    public HealthCheckResponse call() {
        if (sync.inbox() != InboxBackend.KAFKA) {
            return HealthCheckResponse.named("event-log").up().withData("inbox", "database").build();
        }
        try {
            return HealthCheckResponse.named("event-log").up().withData("inbox", "kafka")
                    .withData("brokers", admin.brokers()).withData("topic", config.topic()).build();
        } catch (ExecutionException | TimeoutException e) {
            return down(e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("event-log").down().withData("inbox", "kafka")
                .withData("error", "Kafka at " + config.bootstrapServers() + " unreachable: " + why).build();
    }
}
