package io.contactsync.client.salesforce;

import java.util.List;
import java.util.Map;

/** One entry of Salesforce's error array: {@code {"message", "errorCode" (or "statusCode"), "fields"}}. */
public record SalesforceError(String errorCode, String message, List<String> fields) {

    public static final String DUPLICATES_DETECTED = "DUPLICATES_DETECTED";
    public static final String UNABLE_TO_LOCK_ROW = "UNABLE_TO_LOCK_ROW";
    public static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    public SalesforceError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** An error object of a REST answer ({@code errorCode}) or of a collection result ({@code statusCode}). */
    static SalesforceError of(Map<String, Object> error) {
        Object code = error.get("errorCode") != null ? error.get("errorCode") : error.get("statusCode");
        List<String> fields = error.get("fields") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        return new SalesforceError(code == null ? "UNKNOWN" : code.toString(),
                error.get("message") == null ? "" : error.get("message").toString(), fields);
    }

    /** "REQUIRED_FIELD_MISSING on LastName: Required fields are missing: [LastName]". */
    public String describe() {
        return errorCode + (fields.isEmpty() ? "" : " on " + String.join(", ", fields)) + ": " + message;
    }

    /** Salesforce may succeed with the same request a moment later: the record was locked by another save. */
    public boolean transientLock() {
        return UNABLE_TO_LOCK_ROW.equals(errorCode);
    }

    static String describe(List<SalesforceError> errors) {
        return String.join("; ", errors.stream().map(SalesforceError::describe).toList());
    }
}
