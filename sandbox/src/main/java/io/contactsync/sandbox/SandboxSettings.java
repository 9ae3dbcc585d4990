package io.contactsync.sandbox;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the simulated vendors are told: the credentials they accept, the secrets they sign webhooks with (the same
 * values the app is configured with), their rate windows, and where their webhooks go.
 * Salesforce: the connected app's consumer key and secret, the integration user's username (the JWT {@code sub}),
 * the app's certificate or RSA public key in PEM for JWT bearer assertions (none = that grant is refused), the
 * daily API request allocation, and the instance URL to answer with (default: the URL the client called).
 * Every value has the key {@code sandbox.<name>}; {@link #from} reads them, e.g. from system properties.
 */
public record SandboxSettings(int port, String webhookTargetBaseUrl, boolean webhooksEnabled,
                              String hubspotAccessToken, String hubspotClientSecret, long hubspotAppId,
                              long hubspotPortalId, int hubspotMaxPer10Seconds,
                              String respondioApiToken, String respondioSigningKey, int respondioMaxPerSecond,
                              String brevoApiKey, int brevoMaxPerSecond,
                              String salesforceClientId, String salesforceClientSecret, String salesforceUsername,
                              Optional<String> salesforceJwtPublicKey, long salesforceDailyApiRequests,
                              Optional<String> salesforceInstanceUrl) {

    /** The sandbox's defaults: the values of the app's {@code sandbox} profile, no rate windows. */
    public static SandboxSettings from(Function<String, Optional<String>> lookup) {
        Function<String, String> text = name -> lookup.apply("sandbox." + name).filter(v -> !v.isBlank()).orElse(null);
        return new SandboxSettings(
                intOr(text.apply("port"), 8089),
                or(text.apply("webhooks.target-base-url"), "http://localhost:8080"),
                Boolean.parseBoolean(or(text.apply("webhooks.enabled"), "true")),
                or(text.apply("hubspot.access-token"), "sandbox-hubspot-token"),
                or(text.apply("hubspot.client-secret"), "sandbox-hubspot-client-secret"),
                Long.parseLong(or(text.apply("hubspot.app-id"), "54321")),
                Long.parseLong(or(text.apply("hubspot.portal-id"), "62515")),
                intOr(text.apply("hubspot.max-per-10s"), 0),
                or(text.apply("respondio.api-token"), "sandbox-respondio-token"),
                or(text.apply("respondio.webhook-signing-key"), "sandbox-respondio-signing-key"),
                intOr(text.apply("respondio.max-per-second"), 0),
                or(text.apply("brevo.api-key"), "sandbox-brevo-key"),
                intOr(text.apply("brevo.max-per-second"), 0),
                or(text.apply("salesforce.client-id"), "sandbox-salesforce-client-id"),
                or(text.apply("salesforce.client-secret"), "sandbox-salesforce-client-secret"),
                or(text.apply("salesforce.username"), "integration@contactsync.sandbox"),
                Optional.ofNullable(text.apply("salesforce.jwt-public-key")),
                Long.parseLong(or(text.apply("salesforce.daily-api-requests"), "100000")),
                Optional.ofNullable(text.apply("salesforce.instance-url")));
    }

    /** Reads {@code -Dsandbox.x.y}, else the environment variable {@code SANDBOX_X_Y}. */
    public static SandboxSettings fromSystem() {
        return from(name -> Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(name.toUpperCase().replaceAll("[^A-Z0-9]", "_")))));
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int intOr(String value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value);
    }
}
