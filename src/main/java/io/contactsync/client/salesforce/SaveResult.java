package io.contactsync.client.salesforce;

import java.util.List;
import java.util.Map;

import io.contactsync.client.VendorJson;

/** One record's outcome in an sObject Collections call: its id, whether it was saved, and Salesforce's errors. */
public record SaveResult(String id, boolean success, List<SalesforceError> errors) {

    public SaveResult {
        errors = List.copyOf(errors);
    }

    static SaveResult of(Map<String, Object> result) {
        return new SaveResult(result.get("id") == null ? null : result.get("id").toString(),
                Boolean.TRUE.equals(result.get("success")),
                VendorJson.objects(result.get("errors")).stream().map(SalesforceError::of).toList());
    }

    /** Salesforce may save the same record a moment later: another save held its row lock. */
    boolean locked() {
        return !success && errors.stream().anyMatch(SalesforceError::transientLock);
    }

    /** "saved 003..." or the errors with their field names, for the run's reason. */
    public String describe() {
        return success ? "saved " + id : SalesforceError.describe(errors);
    }
}
