package io.contactsync.webhook;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Checks every trigger applies before it looks at a signature: JSON content type and a bounded size. */
@ApplicationScoped
public class WebhookGuard {

    @ConfigProperty(name = "webhook.max-body-bytes")
    int maxBodyBytes;

    public void check(WebhookRequest request) {
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new WebhookRejectedException(415,
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType));
        }
        if (request.body().length > maxBodyBytes) {
            throw new WebhookRejectedException(413,
                    "body is " + request.body().length + " bytes; the limit is " + maxBodyBytes);
        }
        if (request.body().length == 0) {
            throw WebhookRejectedException.badRequest("body is empty; a JSON document is required");
        }
    }
}
