package io.contactsync.brevo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Brevo account settings and the HubSpot list -> Brevo list integrations (R4), each under
 * {@code brevo.integrations.<name>.*}. Values are checked by {@link IntegrationValidator}, not here, so that a
 * wrong integration leaves the app running and says what is wrong.
 */
@ConfigMapping(prefix = "brevo")
public interface BrevoConfig {

    @WithDefault("https://api.brevo.com/v3")
    String baseUrl();

    Optional<String> apiKey();

    /** Brevo's per-second allowance for /contacts (36,000 per hour on the General tier is 10 per second). */
    @WithDefault("10")
    int requestsPerSecond();

    /** Brevo's hourly allowance for /contacts (36,000 on the General tier); both windows apply. */
    @WithDefault("36000")
    int requestsPerHour();

    Quota quota();

    /** How often the members of each active integration's HubSpot list are compared with the last ones seen. */
    @WithDefault("5m")
    String membershipPollInterval();

    /** Contacts read and written per bulk call of an initial sync (HubSpot batch read allows 100). */
    @WithDefault("100")
    int bulkChunkSize();

    /** How long to wait before checking integrations again when a vendor could not be reached at start-up. */
    @WithDefault("30s")
    Duration startRetryInterval();

    Batch batch();

    Map<String, Integration> integrations();

    /** Live updates of contacts written before, sent together as POST /contacts/batch (README, "Batching"). */
    interface Batch {
        /** Contacts per batch call; Brevo documents no maximum for POST /contacts/batch [U], 100 stays modest. */
        @WithDefault("100")
        int size();

        /** How long a batch's first update waits for others before the batch is sent anyway. */
        @WithDefault("150ms")
        Duration linger();
    }

    interface Quota {
        /** Tasks (contacts written to Brevo) a calendar month may use; raised at run time through the admin API. */
        @WithDefault("100000")
        long monthlyTasks();

        /** Optional URL that receives each quota notice as a JSON POST. */
        Optional<String> notifyUrl();

        /** How often members waiting for quota are checked for a raised limit or a new month. */
        @WithDefault("30s")
        String resumeCheckInterval();
    }

    interface Integration {
        Optional<String> hubspotListId();

        Optional<Long> brevoListId();

        /** Used when no Brevo list id is given: the list with this name, created when missing. */
        Optional<String> brevoListName();

        @WithDefault("1")
        long brevoFolderId();

        /** R4.2: the integrator confirms the list's contacts agreed to receive this marketing. */
        @WithDefault("false")
        boolean optInConfirmed();

        /** draft | active (R4.4). */
        @WithDefault("draft")
        String state();

        /** Mapping file in the mappings folder. */
        @WithDefault("hubspot-to-brevo.jsonata")
        String mapping();

        /** R4.7: HubSpot's email opt-out is carried to Brevo's emailBlacklisted only when this is true. */
        @WithDefault("false")
        boolean carrySubscriptionStatus();
    }
}
