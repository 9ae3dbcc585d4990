package io.contactsync.webhook;

import io.contactsync.client.hubspot.HubSpotConfig;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * HubSpot request validation: v3 (HMAC over method, URI, body and timestamp, within a 5-minute window) when
 * its header is present, else v1 or v2 as {@code X-HubSpot-Signature-Version} says.
 */
@ApplicationScoped
public class HubSpotSignatureVerifier {

    @Inject
    HubSpotConfig hubspot;

    @Inject
    WebhookConfig config;

    @Inject
    PublicUri publicUri;

    Clock clock = Clock.systemUTC();

    public void verify(WebhookRequest request) {
        String secret = hubspot.clientSecret().filter(s -> !s.isBlank()).orElseThrow(
                () -> new WebhookRejectedException(401, "HubSpot webhooks are disabled: hubspot.client-secret is not set"));
        String v3 = request.header("X-HubSpot-Signature-v3");
        if (v3 != null) {
            verifyV3(secret, request, v3);
            return;
        }
        String signature = request.header("X-HubSpot-Signature");
        if (signature == null) {
            throw WebhookRejectedException.unauthorized("missing X-HubSpot-Signature-v3 / X-HubSpot-Signature header");
        }
        String version = Optional.ofNullable(request.header("X-HubSpot-Signature-Version")).orElse("v1").trim();
        String expected = switch (version) {
            case "v1" -> WebhookSignatures.hubspotV1(secret, request.body());
            case "v2" -> WebhookSignatures.hubspotV2(secret, request.method(), publicUri.of(request), request.body());
            default -> throw WebhookRejectedException
                    .unauthorized("unsupported X-HubSpot-Signature-Version '" + version + "' (v1, v2 or v3)");
        };
        if (!WebhookSignatures.matches(expected, signature)) {
            throw WebhookRejectedException.unauthorized("X-HubSpot-Signature does not match (" + version + ")");
        }
    }

    private void verifyV3(String secret, WebhookRequest request, String signature) {
        String timestamp = request.header("X-HubSpot-Request-Timestamp");
        if (timestamp == null) {
            throw WebhookRejectedException.unauthorized("missing X-HubSpot-Request-Timestamp header");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw WebhookRejectedException.unauthorized("X-HubSpot-Request-Timestamp is not a number of milliseconds");
        }
        if (Math.abs(clock.millis() - sentAt) > config.hubspot().maxAge().toMillis()) {
            throw WebhookRejectedException.unauthorized("X-HubSpot-Request-Timestamp is outside the "
                    + config.hubspot().maxAge().toMinutes() + "-minute window (stale or replayed request)");
        }
        String expected = WebhookSignatures.hubspotV3(secret, request.method(), publicUri.of(request),
                request.body(), timestamp.trim());
        if (!WebhookSignatures.matches(expected, signature)) {
            throw WebhookRejectedException.unauthorized("X-HubSpot-Signature-v3 does not match");
        }
    }
}
