package io.contactsync.webhook;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** respond.io: X-Webhook-Signature = base64(HMAC-SHA256(signing key, raw body)). */
@ApplicationScoped
public class RespondioSignatureVerifier {

    @ConfigProperty(name = "respondio.webhook-signing-key")
    Optional<String> signingKey;

    public void verify(WebhookRequest request) {
        String key = signingKey.filter(s -> !s.isBlank()).orElseThrow(() -> new WebhookRejectedException(401,
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
