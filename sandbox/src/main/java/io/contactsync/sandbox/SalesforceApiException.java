package io.contactsync.sandbox;

import java.util.List;

/**
 * A Salesforce REST API error answer: an HTTP status and a JSON array of {@link SalesforceError}s, e.g.
 * {@code 401 [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]}.
 */
public final class SalesforceApiException extends SandboxApiException {

    private final List<SalesforceError> errors;

    SalesforceApiException(int status, List<SalesforceError> errors) {
        super(status, errors.isEmpty() ? "" : errors.get(0).errorCode() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    SalesforceApiException(int status, SalesforceError error) {
        this(status, List.of(error));
    }

    static SalesforceApiException of(int status, String errorCode, String message) {
        return new SalesforceApiException(status, SalesforceError.of(errorCode, message));
    }

    /** A 400 {@code JSON_PARSER_ERROR}: the body is no JSON, or a value does not fit its field. */
    static SalesforceApiException jsonParser(String message) {
        return of(400, "JSON_PARSER_ERROR", message);
    }

    /** A 404 {@code NOT_FOUND}, as for an unknown resource, object or record id. */
    static SalesforceApiException notFound() {
        return of(404, "NOT_FOUND", "The requested resource does not exist");
    }

    static SalesforceApiException invalidSession() {
        return of(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }

    static SalesforceApiException requestLimitExceeded() {
        return of(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }

    /** The first error's code, e.g. {@code INVALID_FIELD}. */
    public String errorCode() {
        return errors.isEmpty() ? null : errors.get(0).errorCode();
    }

    List<SalesforceError> errors() {
        return errors;
    }

    @Override
    public Object body() {
        return errors.stream().map(SalesforceError::asAnswer).toList();
    }
}
