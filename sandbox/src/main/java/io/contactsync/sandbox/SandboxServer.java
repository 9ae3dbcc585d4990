package io.contactsync.sandbox;

import org.jboss.logging.Logger;

/** Runs the sandbox as a process of its own: {@code java -cp ... io.contactsync.sandbox.SandboxServer}. */
public final class SandboxServer {

    private static final Logger LOG = Logger.getLogger(SandboxServer.class);

    private SandboxServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxSettings settings = SandboxSettings.fromSystem();
        Sandbox sandbox = Sandbox.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
        String base = "http://localhost:" + sandbox.port() + "/sandbox";
        LOG.infof("Sandbox listening: HubSpot %s/hubspot, respond.io %s/respondio/v2, Brevo %s/brevo/v3,"
                + " Salesforce %s/salesforce; webhooks %s to %s", base, base, base, base,
                settings.webhooksEnabled() ? "sent" : "not sent",
                settings.webhookTargetBaseUrl());
        Thread.currentThread().join();
    }
}
