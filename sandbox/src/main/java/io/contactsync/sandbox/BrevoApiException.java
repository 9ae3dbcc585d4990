package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Brevo error answer: {@code {"code":"document_not_found","message":"Contact does not exist"}}, with
 * {@code metadata.duplicate_identifiers} on a {@code duplicate_parameter}.
 */
public final class BrevoApiException extends SandboxApiException {

    private final String code;
    private final List<String> duplicateIdentifiers;

    private BrevoApiException(int status, String code, String message, List<String> duplicateIdentifiers) {
        super(status, message);
        this.code = code;
        this.duplicateIdentifiers = duplicateIdentifiers;
    }

    public static BrevoApiException invalid(String message) {
        return new BrevoApiException(400, "invalid_parameter", message, List.of());
    }

    public static BrevoApiException missing(String message) {
        return new BrevoApiException(400, "missing_parameter", message, List.of());
    }

    public static BrevoApiException notFound(String message) {
        return new BrevoApiException(404, "document_not_found", message, List.of());
    }

    /** Another contact already has this identifier ({@code email} or {@code SMS}). */
    public static BrevoApiException duplicate(String identifier) {
        return new BrevoApiException(400, "duplicate_parameter", "Unable to create contact, " + identifier
                + " is already associated with another Contact", List.of(identifier));
    }

    /** Any other error status (401, 425, 429, 5xx), as served by auth, rate limiting or fault injection. */
    public static BrevoApiException failure(int status) {
        return switch (status) {
            case 401 -> new BrevoApiException(401, "unauthorized", "Key not found", List.of());
            case 404 -> notFound("Not found");
            case 425 -> new BrevoApiException(425, "unprocessable_entity",
                    "The contact is being processed, try again later", List.of());
            case 429 -> new BrevoApiException(429, "too_many_requests", "Too many requests", List.of());
            default -> new BrevoApiException(status, status >= 500 ? "internal_error" : "bad_request",
                    status >= 500 ? "Internal server error" : "Request failed", List.of());
        };
    }

    /** The same refusal as the answer to a whole POST /contacts/batch: 400 (the only error status it documents). */
    BrevoApiException asBatchRefusal() {
        return new BrevoApiException(400, code, getMessage(), duplicateIdentifiers);
    }

    @Override
    public Object body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", getMessage());
        if (!duplicateIdentifiers.isEmpty()) {
            body.put("metadata", Map.of("duplicate_identifiers", duplicateIdentifiers));
        }
        return body;
    }
}
