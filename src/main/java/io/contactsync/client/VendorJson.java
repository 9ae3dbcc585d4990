package io.contactsync.client;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** JSON in and out of vendor calls. */
@ApplicationScoped
public class VendorJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    public HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The body of a successful answer as a JSON object; a refusal becomes {@link VendorRejectedException}. */
    public Map<String, Object> object(String vendor, String operation, VendorResponse response) {
        if (!response.isSuccess()) {
            throw new VendorRejectedException(vendor, operation, response.status(), response.body());
        }
        try {
            return mapper.readValue(response.body(), MAP);
        } catch (JsonProcessingException e) {
            throw new VendorRejectedException(vendor, operation, response.status(),
                    "unreadable JSON: " + e.getOriginalMessage());
        }
    }

    public void success(String vendor, String operation, VendorResponse response) {
        if (!response.isSuccess()) {
            throw new VendorRejectedException(vendor, operation, response.status(), response.body());
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Object list) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add((Map<String, Object>) o);
            }
        }
        return out;
    }
}
