package io.contactsync.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.contactsync.inbox.InboxBackend;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the scenarios live and how they run: {@code sync.*} (README, "Configuration"). */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** The folder of the YAML routes (a symbolic link or a mounted ConfigMap is fine). */
    @WithDefault("routes")
    String routesDir();

    /** The folder of the JSONata mappings. */
    @WithDefault("mappings")
    String mappingsDir();

    /** The folder of the local kamelets the routes use. */
    @WithDefault("kamelets")
    String kameletsDir();

    /** R1.5: {@code respondioField:hubspotProperty,...}, carried both ways. */
    Optional<String> customFields();

    /** Where accepted webhook events wait: the database inbox, or the Kafka topic of {@code sync.kafka.*}. */
    @WithDefault("database")
    InboxBackend inbox();

    Dispatch dispatch();

    Scenarios scenarios();

    Cluster cluster();

    interface Dispatch {
        /**
         * Parallel lanes; one contact always uses the same lane. A lane waits while its lookup or write is in a vendor
         * batch, so a batch fills with the calls of as many lanes: keep this well above twice the batch size
         * (hubspot.batch.size), as lanes wait for a lookup batch and for a write batch at the same time.
         */
        @WithDefault("384")
        int lanes();

        /** Inbox events taken per dispatcher pass. */
        @WithDefault("500")
        int batchSize();
    }

    /** Several replicas on one database (see Leases). */
    interface Cluster {
        /** How often a replica renews its leases and rebalances the inbox shards. */
        @WithDefault("2s")
        Duration heartbeat();

        /** How long a lease outlives its holder's last renewal: a dead replica's work moves after this. */
        @WithDefault("10s")
        Duration leaseTtl();
    }

    /** The scenario routes (route ids) each event source runs, in order. */
    interface Scenarios {
        @WithDefault("respondio-to-hubspot")
        List<String> respondio();

        @WithDefault("hubspot-to-respondio,hubspot-to-brevo,hubspot-to-salesforce")
        List<String> hubspot();

        /** HubSpot list membership changes and quota resumes, produced by the Brevo integrations. */
        @WithDefault("hubspot-to-brevo")
        List<String> hubspotList();

        /** Salesforce Leads and Contacts changed (the Salesforce poll); runs only with salesforce.enabled. */
        @WithDefault("salesforce-to-hubspot")
        List<String> salesforce();
    }
}
