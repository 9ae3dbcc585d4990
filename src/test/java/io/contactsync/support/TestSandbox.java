package io.contactsync.support;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.contactsync.sandbox.BrevoSimulator;
import io.contactsync.sandbox.HubSpotSimulator;
import io.contactsync.sandbox.RespondioSimulator;
import io.contactsync.sandbox.SalesforceSimulator;
import io.contactsync.sandbox.Sandbox;
import io.contactsync.sandbox.SandboxSettings;
import io.quarkus.runtime.Startup;

/**
 * The vendor simulators for {@code @QuarkusTest}s: started with the app under test (on {@code sandbox.port}, which the
 * test profile's vendor base URLs point at), stopped with it, and injectable into tests.
 */
@Startup
@Singleton
public class TestSandbox {

    private final Sandbox sandbox;

    TestSandbox() {
        Config config = ConfigProvider.getConfig();
        String appUrl = "http://localhost:" + config.getValue("quarkus.http.test-port", Integer.class);
        sandbox = Sandbox.start(SandboxSettings.from(name -> name.equals("sandbox.webhooks.target-base-url")
                ? Optional.of(appUrl) : config.getOptionalValue(name, String.class)));
    }

    @Produces
    @Singleton
    HubSpotSimulator hubspot() {
        return sandbox.hubspot();
    }

    @Produces
    @Singleton
    RespondioSimulator respondio() {
        return sandbox.respondio();
    }

    @Produces
    @Singleton
    BrevoSimulator brevo() {
        return sandbox.brevo();
    }

    @Produces
    @Singleton
    SalesforceSimulator salesforce() {
        return sandbox.salesforce();
    }

    @PreDestroy
    void stop() {
        sandbox.close();
    }
}
