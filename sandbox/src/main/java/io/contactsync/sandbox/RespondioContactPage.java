package io.contactsync.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One page of {@code POST /contact/list}.
 *
 * @param items        contacts on this page
 * @param nextCursorId cursorId of the next page; {@code null} on the last page
 */
public record RespondioContactPage(List<Map<String, Object>> items, Long nextCursorId) {
}
