package io.contactsync.client;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How every API client calls its vendor: {@code vendor.*} (timeouts, retries, patience with rate limits). */
@ConfigMapping(prefix = "vendor")
public interface ClientConfig {

    Http http();

    Retry retry();

    RateLimit rateLimit();

    interface Http {
        @WithDefault("10s")
        Duration timeout();
    }

    /** 5xx, 425, timeouts and connection errors: retried with exponential back-off, then a dead letter. */
    interface Retry {
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();
    }

    interface RateLimit {
        /** The longest total wait on 429s for one call before it fails (and becomes a dead letter). */
        @WithDefault("5m")
        Duration maxWait();
    }
}
