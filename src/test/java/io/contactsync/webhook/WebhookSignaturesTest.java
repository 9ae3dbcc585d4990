package io.contactsync.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** HubSpot's published test vectors (docs/vendor-apis.md, "Webhooks") and round trips for v3 and respond.io. */
class WebhookSignaturesTest {

    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

    @Test
    void hubspotV1MatchesThePublishedVector() {
        String body = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
                + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,"
                + "\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
        assertEquals("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
                WebhookSignatures.hubspotV1(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hubspotV2MatchesThePublishedVector() {
        assertEquals("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
                WebhookSignatures.hubspotV2(SECRET, "GET", "https://www.example.com/webhook_uri", new byte[0]));
    }

    @Test
    void hubspotV3DependsOnEveryPart() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        String base = WebhookSignatures.hubspotV3(SECRET, "POST", "https://a.example/webhooks/hubspot", body, "1700000000000");
        assertNotEquals(base, WebhookSignatures.hubspotV3(SECRET, "POST", "https://b.example/webhooks/hubspot", body, "1700000000000"));
        assertNotEquals(base, WebhookSignatures.hubspotV3(SECRET, "POST", "https://a.example/webhooks/hubspot", body, "1700000000001"));
        assertNotEquals(base, WebhookSignatures.hubspotV3("other", "POST", "https://a.example/webhooks/hubspot", body, "1700000000000"));
        assertNotEquals(base, WebhookSignatures.hubspotV3(SECRET, "POST", "https://a.example/webhooks/hubspot",
                "[ ]".getBytes(StandardCharsets.UTF_8), "1700000000000"));
    }

    @Test
    void respondioIsBase64HmacOfTheRawBody() {
        // echo -n '{"a":1}' | openssl dgst -sha256 -hmac key -binary | base64
        assertEquals("iKZ/JLvNrtDmyZdAS7eadDuvRMa6svTCcyjjAJ0i40I=",
                WebhookSignatures.respondio("key", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void comparisonIsExactAndToleratesNoMissingValue() {
        assertTrue(WebhookSignatures.matches("abc", "abc"));
        assertFalse(WebhookSignatures.matches("abc", "abd"));
        assertFalse(WebhookSignatures.matches("abc", null));
    }
}
