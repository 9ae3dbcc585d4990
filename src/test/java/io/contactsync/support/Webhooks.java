package io.contactsync.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;

import io.contactsync.webhook.WebhookSignatures;
import io.restassured.response.Response;

/** Signed webhook calls, as the vendors send them. */
public final class Webhooks {

    public static final String RESPONDIO_KEY = "test-respondio-signing-key";
    public static final String HUBSPOT_SECRET = "test-hubspot-client-secret";

    private Webhooks() {
    }

    public static Response respondio(String body) {
        return given().contentType("application/json")
                .header("X-Webhook-Signature", WebhookSignatures.respondio(RESPONDIO_KEY, bytes(body)))
                .body(bytes(body)).post("/webhooks/respondio");
    }

    public static String respondioEvent(String type, String eventId, String contactJson) {
        return "{\"event_type\":\"" + type + "\",\"event_id\":\"" + eventId + "\",\"contact\":" + contactJson + "}";
    }

    /** HubSpot v3: HMAC over method, the URL HubSpot called, body and timestamp. */
    public static Response hubspot(String body) {
        String timestamp = Long.toString(System.currentTimeMillis());
        int port = io.restassured.RestAssured.port;
        String uri = "http://localhost:" + port + "/webhooks/hubspot";
        return given().contentType("application/json")
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3",
                        WebhookSignatures.hubspotV3(HUBSPOT_SECRET, "POST", uri, bytes(body), timestamp))
                .body(bytes(body)).post("/webhooks/hubspot");
    }

    /** One event as HubSpot writes it; a contact.propertyChange names the property that changed (firstname). */
    public static String hubspotEvent(long eventId, String type, String objectId, String changeSource,
            String sourceId) {
        String propertyChange = type.equals("contact.propertyChange")
                ? ",\"propertyName\":\"firstname\",\"propertyValue\":\"Changed\""
                : "";
        return "{\"eventId\":" + eventId + ",\"subscriptionId\":1001,\"portalId\":62515,\"appId\":54321,"
                + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"" + type + "\","
                + "\"attemptNumber\":0,\"objectId\":" + objectId + ",\"changeSource\":\"" + changeSource + "\","
                + "\"sourceId\":\"" + sourceId + "\"" + propertyChange + "}";
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
