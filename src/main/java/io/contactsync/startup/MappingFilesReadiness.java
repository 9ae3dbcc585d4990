package io.contactsync.startup;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Mapping files are read on every run, so a file removed or broken after start-up makes the app not ready. */
@Readiness
@ApplicationScoped
public class MappingFilesReadiness implements HealthCheck {

    @Inject
    MappingFiles mappings;

    @Override
    public HealthCheckResponse call() {
        List<String> problems = mappings.problems();
        return HealthCheckResponse.named("mapping-files").status(problems.isEmpty())
                .withData("problems", problems.isEmpty() ? "none" : String.join("; ", problems)).build();
    }
}
