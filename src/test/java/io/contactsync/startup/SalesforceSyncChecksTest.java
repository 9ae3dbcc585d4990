package io.contactsync.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.contactsync.pipeline.SyncConfig;
import io.contactsync.salesforce.SalesforceSyncConfig;
import io.contactsync.salesforce.SalesforceSyncSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The Salesforce part of the start-up checks: silent while Salesforce is off, every problem named once it is on. */
class SalesforceSyncChecksTest {

    @TempDir
    Path emptyMappings;

    @Test
    void withSalesforceOffNothingIsChecked() {
        assertEquals(List.of(), checks(Map.of("salesforce.sync.lead-stages", "customer",
                "sync.mappings-dir", emptyMappings.toString())).problems());
    }

    @Test
    void withSalesforceOnTheShippedDefaultsPass() {
        assertEquals(List.of(), checks(Map.of("salesforce.enabled", "true")).problems());
    }

    @Test
    void withSalesforceOnOverlappingStagesAndMissingMappingFilesRefuseTheStart() {
        SalesforceSyncChecks checks = checks(Map.of("salesforce.enabled", "true",
                "salesforce.sync.lead-stages", "lead,customer", "sync.mappings-dir", emptyMappings.toString()));

        List<String> problems = checks.problems();

        assertEquals(5, problems.size(), problems.toString());
        assertEquals("lifecycle stage 'customer' is in both salesforce.sync.lead-stages and"
                + " salesforce.sync.contact-stages: a stage syncs either as a Lead or as a Contact (R3.2)", problems.get(0));
        assertEquals("sync.mappings-dir=" + emptyMappings + ": hubspot-to-salesforce-lead.jsonata is missing (the default"
                + " Salesforce mappings cannot be removed, R2.9)", problems.get(1));
        assertEquals(problems.subList(1, 5), checks.mappingFileProblems());
    }

    private static SalesforceSyncChecks checks(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("sync.mappings-dir", "mappings"));
        all.putAll(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SalesforceSyncConfig.class)
                .withMapping(SyncConfig.class).withConverter(java.time.Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 300)).build();
        SalesforceSyncChecks checks = new SalesforceSyncChecks();
        checks.config = config;
        checks.sync = config.getConfigMapping(SyncConfig.class);
        checks.settings = new SalesforceSyncSettings(config.getConfigMapping(SalesforceSyncConfig.class));
        return checks;
    }
}
