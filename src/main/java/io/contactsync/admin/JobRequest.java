package io.contactsync.admin;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import jakarta.ws.rs.core.Response;

/**
 * The body of a Salesforce job's start request, checked field by field by its endpoint: read as a JSON object
 * (anything else, or no JSON at all, has no fields); a wrong field is answered 400 {@code {"field", "error"}}.
 */
final class JobRequest {

    /** A field the endpoint cannot take. */
    static final class InvalidField extends Exception {

        private final String field;

        InvalidField(String field, String message) {
            super(message);
            this.field = field;
        }

        Response answer() {
            return Response.status(400).entity(Map.of("field", field, "error", getMessage())).build();
        }
    }

    /** Checks the body's fields; returns the request the job records. */
    @FunctionalInterface
    interface Check {
        Map<String, Object> request(JobRequest body) throws InvalidField;
    }

    private final JsonNode body;

    private JobRequest(JsonNode body) {
        this.body = body;
    }

    static JobRequest read(ObjectMapper mapper, String text) {
        try {
            JsonNode node = text == null || text.isBlank() ? null : mapper.readTree(text);
            return new JobRequest(node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode());
        } catch (JsonProcessingException e) {
            return new JobRequest(JsonNodeFactory.instance.objectNode());
        }
    }

    /** The field's value; null when the body has none. */
    JsonNode field(String name) {
        return body.get(name);
    }
}
