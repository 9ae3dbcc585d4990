package io.contactsync.webhook;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses webhook bodies and reads required fields, naming the field in every refusal. */
final class JsonDocument {

    private JsonDocument() {
    }

    static JsonNode parse(ObjectMapper mapper, byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw WebhookRejectedException.badRequest("malformed JSON: empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.badRequest("malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("unreadable body: " + e.getMessage());
        }
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
