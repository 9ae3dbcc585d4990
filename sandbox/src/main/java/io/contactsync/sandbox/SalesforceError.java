package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One error of the Salesforce REST API. It appears in two shapes (REST API Developer Guide, "Status Codes and Error
 * Responses" and the sObject Collections pages):
 * <ul>
 *   <li>as an answer of its own, in a JSON array: {@code [{"message":"...","errorCode":"REQUIRED_FIELD_MISSING",
 *       "fields":["LastName"]}]} ({@link #asAnswer()}); errors raised before any record is touched (session, query,
 *       JSON, unknown resource) carry no {@code fields};</li>
 *   <li>inside a SaveResult of sObject Collections: {@code {"statusCode":"...","message":"...","fields":[]}}
 *       ({@link #asSaveResultError()}), where {@code fields} is always present.</li>
 * </ul>
 *
 * @param errorCode e.g. {@code INVALID_FIELD}
 * @param message   Salesforce's text
 * @param fields    the fields the error is about; {@code null} = the error has no {@code fields} member
 * @param extra     further members of the top-level shape, e.g. {@code duplicateResult}; empty for most errors
 */
record SalesforceError(String errorCode, String message, List<String> fields, Map<String, Object> extra) {

    SalesforceError {
        fields = fields == null ? null : List.copyOf(fields);
        extra = extra == null ? Map.of() : extra;
    }

    /** An error without a {@code fields} member (session, query, JSON, resource errors). */
    static SalesforceError of(String errorCode, String message) {
        return new SalesforceError(errorCode, message, null, null);
    }

    /** A record-level (DML) error: always has {@code fields}, possibly empty. */
    static SalesforceError onFields(String errorCode, String message, List<String> fields) {
        return new SalesforceError(errorCode, message, fields == null ? List.of() : fields, null);
    }

    Map<String, Object> asAnswer() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.putAll(extra);
        body.put("message", message);
        body.put("errorCode", errorCode);
        if (fields != null) {
            body.put("fields", new ArrayList<>(fields));
        }
        return body;
    }

    Map<String, Object> asSaveResultError() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", errorCode);
        body.put("message", message);
        body.put("fields", fields == null ? List.of() : new ArrayList<>(fields));
        return body;
    }
}
