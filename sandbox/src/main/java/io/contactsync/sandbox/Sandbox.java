package io.contactsync.sandbox;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The simulated HubSpot ({@code /sandbox/hubspot}), respond.io ({@code /sandbox/respondio/v2}), Brevo
 * ({@code /sandbox/brevo/v3}) and Salesforce ({@code /sandbox/salesforce}) on an HTTP server of their own, outside the app: the app reaches them over HTTP as it
 * reaches the real vendors, and they send their webhooks to the app.
 */
public final class Sandbox implements AutoCloseable {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Vertx vertx;
    private final HttpServer server;
    private final HubSpotSimulator hubspot;
    private final RespondioSimulator respondio;
    private final BrevoSimulator brevo;
    private final SalesforceSimulator salesforce;

    private Sandbox(Vertx vertx, HttpServer server, HubSpotSimulator hubspot, RespondioSimulator respondio,
                    BrevoSimulator brevo, SalesforceSimulator salesforce) {
        this.vertx = vertx;
        this.server = server;
        this.hubspot = hubspot;
        this.respondio = respondio;
        this.brevo = brevo;
        this.salesforce = salesforce;
    }

    /** Starts the four simulators on {@code settings.port()} (0 = any free port); returns once they listen. */
    public static Sandbox start(SandboxSettings settings) {
        ObjectMapper json = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        SandboxWebhookEmitter emitter = new SandboxWebhookEmitter();
        SandboxWebhookTarget target = new SandboxWebhookTarget(settings.webhookTargetBaseUrl());
        HubSpotSimulator hubspot = new HubSpotSimulator(
                new HubSpotWebhookPublisher(json, emitter, target, settings.hubspotClientSecret(),
                        settings.hubspotPortalId(), settings.hubspotAppId()),
                settings.hubspotMaxPer10Seconds(), settings.webhooksEnabled());
        RespondioSimulator respondio = new RespondioSimulator(
                new RespondioWebhookPublisher(json, emitter, target, settings.respondioSigningKey()),
                settings.respondioMaxPerSecond(), settings.webhooksEnabled());
        BrevoSimulator brevo = new BrevoSimulator(settings.brevoMaxPerSecond());
        SalesforceSimulator salesforce = new SalesforceSimulator(json, Clock.systemUTC(), settings.salesforceClientId(),
                settings.salesforceClientSecret(), settings.salesforceUsername(), settings.salesforceJwtPublicKey(),
                settings.salesforceDailyApiRequests());

        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/sandbox/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        new HubSpotSimulatorRoutes(hubspot, json, Optional.of(settings.hubspotAccessToken())).register(router);
        new RespondioSimulatorRoutes(respondio, json, Optional.of(settings.respondioApiToken())).register(router);
        new BrevoSimulatorRoutes(brevo, json, Optional.of(settings.brevoApiKey())).register(router);
        new SalesforceSimulatorRoutes(salesforce, json, settings.salesforceInstanceUrl()).register(router);
        try {
            // Salesforce takes request URIs up to 16,384 bytes (a SOQL query travels in the URL); Vert.x's default is 4,096
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(16_384 + 64))
                    .requestHandler(router).listen(settings.port())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new Sandbox(vertx, server, hubspot, respondio, brevo, salesforce);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("The sandbox cannot listen on port " + settings.port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("Interrupted while starting the sandbox", e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    public HubSpotSimulator hubspot() {
        return hubspot;
    }

    public RespondioSimulator respondio() {
        return respondio;
    }

    public BrevoSimulator brevo() {
        return brevo;
    }

    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The sandbox did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
