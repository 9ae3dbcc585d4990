package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A respond.io error answer: {@code {"code":404,"message":"Contact not found"}}. */
public final class RespondioApiException extends SandboxApiException {

    public RespondioApiException(int status, String message) {
        super(status, message);
    }

    public static RespondioApiException badRequest(String message) {
        return new RespondioApiException(400, message);
    }

    public static RespondioApiException contactNotFound() {
        return new RespondioApiException(404, "Contact not found");
    }

    public static RespondioApiException contactExists() {
        return new RespondioApiException(409, "Contact already exists");
    }

    /** Any other error status (401, 429, 5xx), as served by auth, rate limiting or fault injection. */
    public static RespondioApiException failure(int status) {
        String message = switch (status) {
            case 401 -> "Unauthorized";
            case 404 -> "Not found";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Internal server error" : "Request failed";
        };
        return new RespondioApiException(status, message);
    }

    @Override
    public Object body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status());
        body.put("message", getMessage());
        return body;
    }
}
