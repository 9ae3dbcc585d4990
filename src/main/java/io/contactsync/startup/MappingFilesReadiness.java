package io.contactsync.startup;

import java.util.ArrayList;
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

    @Inject
    SalesforceSyncChecks salesforce;

    @Override
    public HealthCheckResponse call() {
        List<String> problems = new ArrayList<>(mappings.problems());
        problems.addAll(salesforce.mappingFileProblems());
        return HealthCheckResponse.named("mapping-files").status(problems.isEmpty())
                .withData("problems", problems.isEmpty() ? "none" : String.join("; ", problems)).build();
    }
}
