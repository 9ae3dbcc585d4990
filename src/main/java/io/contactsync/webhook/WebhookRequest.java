package io.contactsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The parts of an inbound webhook call that verification needs: raw body bytes, headers, method and URI. */
public record WebhookRequest(Message message, byte[] body) {

    public static WebhookRequest of(Exchange exchange) {
        Message m = exchange.getMessage();
        byte[] body = m.getBody(byte[].class);
        return new WebhookRequest(m, body == null ? new byte[0] : body);
    }

    public String header(String name) {
        return message.getHeader(name, String.class);
    }

    public String method() {
        String method = header(Exchange.HTTP_METHOD);
        return method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    }

    /** Path and query as the client sent them. */
    public String pathAndQuery() {
        String uri = header(Exchange.HTTP_URI);
        String query = header(Exchange.HTTP_QUERY);
        if (uri == null) {
            uri = "/";
        }
        if (query != null && !query.isEmpty() && !uri.contains("?")) {
            uri = uri + "?" + query;
        }
        return uri;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
