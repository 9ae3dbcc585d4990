package io.contactsync.brevo;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/brevo}: DOWN while an integration is refused (invalid) or paused by the quota, with the
 * reasons. A health group of its own, so the pod's liveness and readiness do not depend on it.
 */
@HealthGroup("brevo")
@ApplicationScoped
public class BrevoIntegrationsHealth implements HealthCheck {

    @Inject
    BrevoIntegrations integrations;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("brevo-integrations").up();
        for (BrevoIntegrations.Status status : integrations.statuses()) {
            String detail = status.problems().isEmpty() ? status.state()
                    : status.state() + ": " + String.join("; ", status.problems());
            response.withData(status.name(), detail);
            if ("invalid".equals(status.state()) || "paused".equals(status.state())) {
                response.down();
            }
        }
        return response.build();
    }
}
