package io.contactsync.client.respondio;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The respond.io workspace: {@code respondio.*} (README, "Configuration"). */
@ConfigMapping(prefix = "respondio")
public interface RespondioConfig {

    @WithDefault("https://api.respond.io/v2")
    String baseUrl();

    /** API access token (Bearer). */
    Optional<String> apiToken();

    /** Verifies {@code X-Webhook-Signature}. */
    Optional<String> webhookSigningKey();

    @WithDefault("5")
    int requestsPerSecond();

    /** R1.6: fields whose change fires the "updated" sync; {@code custom_fields.<name>}, {@code *} for all. */
    @WithDefault("firstName,lastName,email,phone")
    List<String> updateTriggerFields();
}
