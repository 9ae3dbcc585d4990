package io.contactsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required fields of a parsed webhook body, naming the field in every refusal. */
final class JsonDocument {

    private JsonDocument() {
    }

    static String requiredText(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw WebhookRejectedException.badRequest(path + " is required");
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw WebhookRejectedException.badRequest(path + " must be a string");
        }
        String text = v.asText().trim();
        if (text.isEmpty()) {
            throw WebhookRejectedException.badRequest(path + " must not be empty");
        }
        return text;
    }

    static long requiredLong(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw WebhookRejectedException.badRequest(path + " is required");
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw WebhookRejectedException.badRequest(path + " must be an integer, got " + abbreviate(v.toString()));
    }

    static JsonNode requiredObject(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw WebhookRejectedException.badRequest(path + " is required");
        }
        if (!v.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
