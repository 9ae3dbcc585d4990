package io.contactsync.sandbox;

import java.util.Map;

/**
 * One API request a simulator received, as it arrived on the wire.
 *
 * @param vendor  {@code hubspot} or {@code respondio}
 * @param method  HTTP method
 * @param path    raw (not decoded) path relative to the vendor base, e.g. {@code /crm/v3/objects/contacts/batch/read}
 * @param query   raw query string, {@code null} when the URL had none
 * @param headers request headers (names case-insensitive; repeated headers joined with ", ")
 * @param body    request body, "" when there was none
 * @param status  HTTP status of the answer
 */
public record RecordedRequest(String vendor, String method, String path, String query,
                              Map<String, String> headers, String body, int status) {
}
