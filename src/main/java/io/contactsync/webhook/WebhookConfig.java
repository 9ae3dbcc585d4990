package io.contactsync.webhook;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the webhook triggers accept: {@code webhook.*} (README, "Webhook input" and "Configuration"). */
@ConfigMapping(prefix = "webhook")
public interface WebhookConfig {

    /** The public URL HubSpot calls (behind an ingress), used to verify v2/v3 signatures. */
    Optional<String> publicBaseUrl();

    /** Else the URL is rebuilt from X-Forwarded-Proto/-Host, else from Host. */
    @WithDefault("true")
    boolean trustForwardedHeaders();

    /** Larger bodies get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    @WithDefault("16")
    int maxJsonDepth();

    @WithDefault("65536")
    int maxJsonStringLength();

    @WithDefault("10000")
    long maxJsonTokens();

    HubSpot hubspot();

    interface HubSpot {
        /** The v3 timestamp window, and how far in the future an event's occurredAt may be. */
        @WithDefault("5m")
        Duration maxAge();

        /** HubSpot sends at most 100 events per request. */
        @WithDefault("100")
        int maxBatchSize();
    }
}
