package io.contactsync.sandbox;

/** Where the simulators send their webhooks: the app's base URL, e.g. {@code http://localhost:8080}. */
public final class SandboxWebhookTarget {

    private final String baseUrl;

    SandboxWebhookTarget(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The full URL of one of the app's webhook endpoints, e.g. {@code url("/webhooks/hubspot")}. */
    public String url(String path) {
        return baseUrl + path;
    }
}
