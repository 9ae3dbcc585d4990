package io.contactsync.client.salesforce;

import java.util.List;

/**
 * Salesforce refused the request with its error array; the message names each error code, the fields and
 * Salesforce's text, e.g. "salesforce create Lead rejected (HTTP 400): REQUIRED_FIELD_MISSING on LastName: Required
 * fields are missing: [LastName]". Retrying the same request will not help (UNABLE_TO_LOCK_ROW is retried before this).
 */
public class SalesforceRejectedException extends RuntimeException {

    private final int status;
    private final List<SalesforceError> errors;

    public SalesforceRejectedException(String operation, int status, List<SalesforceError> errors, String fallback) {
        super("salesforce " + operation + " rejected (HTTP " + status + "): "
                + (errors.isEmpty() ? fallback : SalesforceError.describe(errors)));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<SalesforceError> errors() {
        return errors;
    }

    /** Whether Salesforce named this error code, e.g. {@link SalesforceError#DUPLICATES_DETECTED}. */
    public boolean has(String errorCode) {
        return errors.stream().anyMatch(e -> e.errorCode().equals(errorCode));
    }
}
