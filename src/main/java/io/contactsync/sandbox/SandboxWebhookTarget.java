package io.contactsync.sandbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;

/**
 * Where the simulators send their webhooks: {@code sandbox.webhooks.target-base-url}, by default this app itself
 * ({@code http://localhost:<port>}, the test port when running tests).
 */
@ApplicationScoped
public class SandboxWebhookTarget {

    private final Optional<String> configuredBaseUrl;

    SandboxWebhookTarget(@ConfigProperty(name = "sandbox.webhooks.target-base-url") Optional<String> configuredBaseUrl) {
        this.configuredBaseUrl = configuredBaseUrl;
    }

    /** The full URL of one of the app's webhook endpoints, e.g. {@code url("/webhooks/hubspot")}. */
    public String url(String path) {
        String base = configuredBaseUrl.orElseGet(() -> "http://localhost:" + ownPort());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** The port this app listens on; read late, because a random test port is only known once the server runs. */
    private static int ownPort() {
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        String key = test ? "quarkus.http.test-port" : "quarkus.http.port";
        String actual = System.getProperty(key);
        if (actual != null) {
            return Integer.parseInt(actual);
        }
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(test ? 8081 : 8080);
    }
}
