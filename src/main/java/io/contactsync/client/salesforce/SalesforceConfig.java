package io.contactsync.client.salesforce;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Salesforce org and how contact-sync reaches it: {@code salesforce.*} (README, docs/salesforce.md). */
@ConfigMapping(prefix = "salesforce")
public interface SalesforceConfig {

    /** Off: no Salesforce call at all, not even a login. */
    @WithDefault("false")
    boolean enabled();

    /** Where the token is asked for: the org's My Domain URL, or https://login.salesforce.com (test. for sandboxes). */
    @WithDefault("https://login.salesforce.com")
    String loginUrl();

    @WithDefault("client-credentials")
    Auth auth();

    /** The connected app's consumer key (the JWT {@code iss}). */
    Optional<String> clientId();

    /** The connected app's consumer secret (client credentials only). */
    Optional<String> clientSecret();

    /** JWT bearer: the integration user's username, the JWT {@code sub}. */
    Optional<String> username();

    /** JWT bearer: the connected app's RSA private key, PEM text (PKCS#8 "PRIVATE KEY"). */
    Optional<String> jwtPrivateKey();

    /** JWT bearer: the assertion's {@code aud}; https://test.salesforce.com for a sandbox org. */
    @WithDefault("https://login.salesforce.com")
    String jwtAudience();

    /** The REST API version in every URL ({@code /services/data/v66.0/...}). */
    @WithDefault("66.0")
    String apiVersion();

    /** The share, in percent (1 to 100), of the org's rolling 24-hour API allocation that contact-sync may use. */
    @WithDefault("20")
    int apiSharePercent();

    /** How long Salesforce calls pause after 403 REQUEST_LIMIT_EXCEEDED (or api-usage at the allocation). */
    @WithDefault("15m")
    Duration limitExceededPause();

    DuplicateRule duplicateRule();

    Batch batch();

    interface Batch {
        /** The routes' creates and updates leave in sObject Collections calls of up to this many records (at most 200). */
        @WithDefault("200")
        int size();

        /** How long the first write of a collection waits for more before the call leaves. */
        @WithDefault("150ms")
        Duration linger();
    }

    interface DuplicateRule {
        /** True sends {@code Sforce-Duplicate-Rule-Header: allowSave=true}: alert-mode duplicate rules let saves through. */
        @WithDefault("false")
        boolean allowSave();
    }

    enum Auth {
        CLIENT_CREDENTIALS,
        JWT_BEARER
    }
}
