package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of the Salesforce OAuth token endpoint: RFC 6749 shape, {@code 400 {"error":"invalid_client",
 * "error_description":"invalid client credentials"}}, not the REST API's error array.
 */
public final class SalesforceOAuthException extends SandboxApiException {

    private final String error;

    SalesforceOAuthException(String error, String description) {
        super(400, description);
        this.error = error;
    }

    public String error() {
        return error;
    }

    @Override
    public Object body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        return body;
    }
}
