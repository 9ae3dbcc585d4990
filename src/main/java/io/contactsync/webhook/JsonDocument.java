package io.contactsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required fields of a parsed webhook body, naming the field in every refusal. */
final class JsonDocument {

    private JsonDocument() {
    }

    static String requiredText(JsonNode parent, String field, String path) {
        JsonNode v = required(parent, field, path);
        if (!v.isTextual() && !v.isNumber()) {
            throw WebhookRejectedException.badRequest(path + " must be a string");
        }
        String text = v.asText().trim();
        if (text.isEmpty()) {
            throw WebhookRejectedException.badRequest(path + " must not be empty");
        }
        return text;
    }

    /** A JSON string, possibly empty (HubSpot sends a cleared property as ""). */
    static String requiredString(JsonNode parent, String field, String path) {
        JsonNode v = required(parent, field, path);
        if (!v.isTextual()) {
            throw WebhookRejectedException.badRequest(path + " must be a string, got " + abbreviate(v.toString()));
        }
        return v.textValue();
    }

    /**
     * A positive whole JSON number within 64 bits, as the vendors write ids and timestamps. A numeric string,
     * a fraction or exponent, zero, a negative number and a number that would wrap are refused, not converted.
     */
    static long positiveInteger(JsonNode parent, String field, String path) {
        JsonNode v = required(parent, field, path);
        if (v.isTextual()) {
            throw WebhookRejectedException.badRequest(path + " must be an integer JSON number, not the string "
                    + abbreviate(v.toString()));
        }
        if (!v.isNumber()) {
            throw WebhookRejectedException.badRequest(path + " must be an integer, got " + abbreviate(v.toString()));
        }
        if (!v.isIntegralNumber()) {
            throw WebhookRejectedException.badRequest(path + " must be an integer without fraction or exponent, got "
                    + abbreviate(v.toString()));
        }
        if (!v.canConvertToLong()) {
            throw WebhookRejectedException.badRequest(path + " " + abbreviate(v.toString())
                    + " is beyond the 64-bit integer range");
        }
        if (v.longValue() <= 0) {
            throw WebhookRejectedException.badRequest(path + " must be a positive integer, got " + v.longValue());
        }
        return v.longValue();
    }

    static JsonNode requiredObject(JsonNode parent, String field, String path) {
        JsonNode v = required(parent, field, path);
        if (!v.isObject()) {
            throw WebhookRejectedException.badRequest(path + " must be an object");
        }
        return v;
    }

    private static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw WebhookRejectedException.badRequest(path + " is required");
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
