package io.contactsync.startup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.contactsync.salesforce.InclusionList;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with routes or mappings that cannot work: a green health check over an app that drops every
 * webhook (no routes loaded) loses events at the sender's side.
 */
@ApplicationScoped
public class StartupChecks {

    @Inject
    ScenarioRoutes routes;

    @Inject
    MappingFiles mappings;

    @Inject
    SalesforceSyncChecks salesforce;

    @Inject
    InclusionList inclusionList;

    void check(@Observes StartupEvent started) {
        List<String> problems = new ArrayList<>(routes.problems());
        problems.addAll(mappings.problems());
        problems.addAll(salesforce.problems());
        problems.addAll(inclusionList.startupProblems());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("contact-sync cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }
}
