package io.contactsync.client.hubspot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The HubSpot account: {@code hubspot.*} (README, "Configuration"). */
@ConfigMapping(prefix = "hubspot")
public interface HubSpotConfig {

    @WithDefault("https://api.hubapi.com")
    String baseUrl();

    /** Private app token (Bearer). */
    Optional<String> accessToken();

    /** The app's client secret: verifies webhook signatures. */
    Optional<String> clientSecret();

    /** Our app id: events with changeSource INTEGRATION/API and this sourceId are our own writes. */
    Optional<String> appId();

    /** free, starter, professional or enterprise: sets the rate budget. */
    @WithDefault("starter")
    String tier();

    RateLimit rateLimit();

    /** R1.7: extra HubSpot properties carried to respond.io. */
    Optional<List<String>> extraProperties();

    Polling polling();

    Batch batch();

    interface RateLimit {
        /** Overrides the tier's requests per 10 s. */
        @WithName("per-10s")
        Optional<Integer> per10Seconds();

        /** Overrides the tier's daily cap. */
        Optional<Long> daily();
    }

    /** The scenario routes' HubSpot writes, sent together (README, "Batching"). */
    interface Batch {
        /** Contacts per batch call; HubSpot takes at most 100. */
        @WithDefault("100")
        int size();

        /** How long a batch's first write waits for others before the batch is sent anyway. */
        @WithDefault("300ms")
        Duration linger();
    }

    /** The polling trigger (routes/hubspot-polling.camel.yaml). */
    interface Polling {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("30s")
        Duration interval();
    }
}
