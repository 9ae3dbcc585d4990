package io.contactsync.webhook;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Refuses values that cannot be stored and read back as sent, anywhere in a document: control characters
 * other than tab and line breaks (PostgreSQL refuses NUL outright), unpaired surrogates (not Unicode; they come
 * back as '?') and numbers beyond a double (they come back as the string "Infinity").
 */
final class JsonContent {

    private JsonContent() {
    }

    static void check(JsonNode root) {
        check(root, "");
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual()) {
            checkText(node.textValue(), name(path));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw WebhookRejectedException.badRequest(name(path) + " is a number beyond the range of a 64-bit float");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                checkText(field.getKey(), "a field name in " + name(path));
                check(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        }
    }

    /** Paths as the other refusals name fields ({@code contact.email}, {@code [0].objectId}); "body" for the root. */
    private static String name(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static void checkText(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw refused(where, "the control character " + codePoint(c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw refused(where, "the unpaired surrogate " + codePoint(c) + ", which is not Unicode text");
            }
        }
    }

    private static WebhookRejectedException refused(String where, String what) {
        return WebhookRejectedException.badRequest(JsonDocument.abbreviate(where) + " contains " + what);
    }

    static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
