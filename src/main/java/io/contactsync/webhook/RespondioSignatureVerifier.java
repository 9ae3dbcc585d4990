package io.contactsync.webhook;

import jakarta.inject.Inject;
import io.contactsync.client.respondio.RespondioConfig;

import jakarta.enterprise.context.ApplicationScoped;


/** respond.io: X-Webhook-Signature = base64(HMAC-SHA256(signing key, raw body)). */
@ApplicationScoped
public class RespondioSignatureVerifier {

    @Inject
    RespondioConfig respondio;

    public void verify(WebhookRequest request) {
        String key = respondio.webhookSigningKey().filter(s -> !s.isBlank()).orElseThrow(() -> new WebhookRejectedException(401,
                "respond.io webhooks are disabled: respondio.webhook-signing-key is not set"));
        String signature = request.header("X-Webhook-Signature");
        if (signature == null) {
            throw WebhookRejectedException.unauthorized("missing X-Webhook-Signature header");
        }
        if (!WebhookSignatures.matches(WebhookSignatures.respondio(key, request.body()), signature)) {
            throw WebhookRejectedException.unauthorized("X-Webhook-Signature does not match the body");
        }
    }
}
