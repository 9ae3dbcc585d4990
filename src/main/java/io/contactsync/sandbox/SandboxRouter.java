package io.contactsync.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Serves the simulated HubSpot ({@code /sandbox/hubspot}), respond.io ({@code /sandbox/respondio/v2}) and Brevo
 * ({@code /sandbox/brevo/v3}) APIs on this app's HTTP server when {@code sandbox.enabled=true}.
 */
@ApplicationScoped
public class SandboxRouter {

    private static final Logger LOG = Logger.getLogger(SandboxRouter.class);
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final boolean enabled;
    private final HubSpotSimulatorRoutes hubSpotRoutes;
    private final RespondioSimulatorRoutes respondioRoutes;
    private final BrevoSimulatorRoutes brevoRoutes;

    SandboxRouter(@ConfigProperty(name = "sandbox.enabled", defaultValue = "false") boolean enabled,
                  HubSpotSimulatorRoutes hubSpotRoutes, RespondioSimulatorRoutes respondioRoutes,
                  BrevoSimulatorRoutes brevoRoutes) {
        this.enabled = enabled;
        this.hubSpotRoutes = hubSpotRoutes;
        this.respondioRoutes = respondioRoutes;
        this.brevoRoutes = brevoRoutes;
    }

    void init(@Observes Router router) {
        if (!enabled) {
            return;
        }
        router.route("/sandbox/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        hubSpotRoutes.register(router);
        respondioRoutes.register(router);
        brevoRoutes.register(router);
        LOG.info("Sandbox on: simulated HubSpot at /sandbox/hubspot, respond.io at /sandbox/respondio/v2, Brevo at"
                + " /sandbox/brevo/v3");
    }
}
