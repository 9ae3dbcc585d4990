package io.contactsync.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.contactsync.pipeline.SyncConfig;
import io.contactsync.salesforce.DefaultMappingFiles;
import io.contactsync.salesforce.SalesforceSyncSettings;

/**
 * With Salesforce enabled ({@code salesforce.enabled=true}): the {@code salesforce.sync.*} settings are valid (R3.2:
 * lead and contact stages disjoint; known field rules and properties) and the four default mapping files are there and
 * produce every default field (R2.9). With Salesforce off, neither is read.
 */
@ApplicationScoped
public class SalesforceSyncChecks {

    @Inject
    Config config;

    @Inject
    SyncConfig sync;

    @Inject
    SalesforceSyncSettings settings;

    /** What is wrong, one line per problem, each naming the key or the file; empty when all is well or when off. */
    public List<String> problems() {
        if (!enabled()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>(settings.problems());
        problems.addAll(mappingFileProblems());
        return problems;
    }

    /** The default mapping files alone (read on every run, so checked for readiness too); empty when off. */
    public List<String> mappingFileProblems() {
        return enabled() ? DefaultMappingFiles.problems(Path.of(sync.mappingsDir()).toAbsolutePath()) : List.of();
    }

    private boolean enabled() {
        return config.getOptionalValue("salesforce.enabled", Boolean.class).orElse(false);
    }
}
