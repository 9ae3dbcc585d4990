package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A HubSpot error answer: {@code {"status":"error","message":...,"correlationId":...,"category":...}}. */
public final class HubSpotApiException extends SandboxApiException {

    private final Map<String, Object> body;

    private HubSpotApiException(int status, Map<String, Object> body) {
        super(status, (String) body.get("message"));
        this.body = body;
    }

    private static HubSpotApiException of(int status, String category, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("category", category);
        return new HubSpotApiException(status, body);
    }

    public static HubSpotApiException notFound() {
        return of(404, "OBJECT_NOT_FOUND", "resource not found");
    }

    public static HubSpotApiException conflict(String existingId) {
        return of(409, "CONFLICT", "Contact already exists. Existing ID: " + existingId);
    }

    /** A sandbox control request for a list id that is taken. */
    public static HubSpotApiException listExists(String listId) {
        return of(409, "CONFLICT", "List " + listId + " already exists");
    }

    public static HubSpotApiException validation(String message) {
        return of(400, "VALIDATION_ERROR", message);
    }

    /** The answer HubSpot gives for properties that cannot be written. */
    public static HubSpotApiException readOnlyProperties(List<String> names) {
        StringBuilder details = new StringBuilder();
        for (String name : names) {
            details.append(details.length() == 0 ? "" : ",")
                    .append("{\"isValid\":false,\"message\":\"\\\"").append(name)
                    .append("\\\" is a read only property; its value cannot be set.\",\"error\":\"READ_ONLY_VALUE\",\"name\":\"")
                    .append(name).append("\"}");
        }
        return validation("Property values were not valid: [" + details + "]");
    }

    /** HubSpot refuses an email it cannot deliver to in form (no domain with a dot, spaces): INVALID_EMAIL. */
    public static HubSpotApiException invalidEmail(String email) {
        return validation("Property values were not valid: [{\"isValid\":false,\"message\":\"Email address " + email
                + " is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]");
    }

    /** A value a property validation rule of the account refuses. */
    public static HubSpotApiException ruleBroken(String property, String value) {
        return validation("Property values were not valid: [{\"isValid\":false,\"message\":\"" + value
                + " does not meet the validation rules of " + property + "\",\"error\":\"INVALID_VALUE\",\"name\":\""
                + property + "\"}]");
    }

    public static HubSpotApiException unauthorized() {
        return of(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0"
                + " authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
    }

    public static HubSpotApiException tenSecondlyLimitReached() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", "You have reached your ten secondly limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("policyName", "TEN_SECONDLY_ROLLING");
        body.put("correlationId", UUID.randomUUID().toString());
        return new HubSpotApiException(429, body);
    }

    /** Any other error status (5xx and the like), as served by fault injection. */
    public static HubSpotApiException failure(int status) {
        String category = status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR";
        String message = status >= 500 ? "internal error" : "simulated error " + status;
        return of(status, category, message);
    }

    @Override
    public Object body() {
        return body;
    }
}
