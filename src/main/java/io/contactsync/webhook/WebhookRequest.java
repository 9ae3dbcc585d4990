package io.contactsync.webhook;

import io.vertx.core.http.HttpServerRequest;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The parts of an inbound webhook call that verification needs: raw body bytes and the HTTP request's own headers,
 * method and URI. Headers are read from the request, not from the Camel message, where query parameters land too:
 * {@code ?X-Webhook-Signature=...} must not stand in for the header.
 */
public record WebhookRequest(HttpServerRequest http, byte[] body) {

    public static WebhookRequest of(Exchange exchange) {
        if (!(exchange.getMessage() instanceof HttpMessage message)) {
            throw new IllegalStateException("webhook trigger without an HTTP request");
        }
        byte[] body = message.getBody(byte[].class);
        return new WebhookRequest(message.getRequest(), body == null ? new byte[0] : body);
    }

    public String header(String name) {
        return http.getHeader(name);
    }

    public String method() {
        return http.method().name();
    }

    /** Path and query as the client sent them. */
    public String pathAndQuery() {
        return http.uri();
    }
}
