package io.contactsync.webhook;

import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * The URL a sender used to reach us, which is what HubSpot signs (v2, v3). Behind an ingress that is the
 * public URL: from {@code webhook.public-base-url} when set, else from X-Forwarded-Proto/Host when trusted,
 * else from the Host header. URL-encoded characters are decoded, as HubSpot does before signing.
 */
@ApplicationScoped
public class PublicUri {

    @Inject
    WebhookConfig config;

    public String of(WebhookRequest request) {
        String base = config.publicBaseUrl().filter(s -> !s.isBlank()).map(PublicUri::withoutTrailingSlash)
                .orElseGet(() -> scheme(request) + "://" + host(request));
        return URLDecoder.decode(base + request.pathAndQuery(), StandardCharsets.UTF_8);
    }

    private String scheme(WebhookRequest request) {
        String forwarded = config.trustForwardedHeaders() ? first(request.header("X-Forwarded-Proto")) : null;
        return forwarded != null ? forwarded : "http";
    }

    private String host(WebhookRequest request) {
        String forwarded = config.trustForwardedHeaders() ? first(request.header("X-Forwarded-Host")) : null;
        if (forwarded != null) {
            return forwarded;
        }
        String host = request.header("Host");
        return host == null ? "localhost" : host;
    }

    private static String first(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return null;
        }
        return headerValue.split(",")[0].trim();
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
