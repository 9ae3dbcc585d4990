package io.contactsync.webhook;

import jakarta.inject.Inject;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * Checks every trigger applies before it looks at a signature: an uncompressed UTF-8 JSON body
 * ({@code application/json}, charset absent or UTF-8) of a bounded size.
 */
@ApplicationScoped
public class WebhookGuard {

    @Inject
    WebhookConfig config;

    public void check(WebhookRequest request) {
        checkContentType(request.header("Content-Type"));
        String encoding = request.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new WebhookRejectedException(415,
                    "Content-Encoding '" + encoding.trim() + "' is not supported; send the body uncompressed");
        }
        if (request.body().length > config.maxBodyBytes()) {
            throw new WebhookRejectedException(413,
                    "body is " + request.body().length + " bytes; the limit is " + config.maxBodyBytes());
        }
        if (request.body().length == 0) {
            throw WebhookRejectedException.badRequest("body is empty; a JSON document is required");
        }
    }

    private static void checkContentType(String contentType) {
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw new WebhookRejectedException(415,
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            String charset = parameter.length == 2 ? parameter[1].trim().replace("\"", "") : "";
            if (parameter[0].trim().equalsIgnoreCase("charset") && !charset.equalsIgnoreCase("utf-8")) {
                throw new WebhookRejectedException(415, "Content-Type charset '" + charset
                        + "' is not supported; webhook bodies are UTF-8");
            }
        }
    }
}
