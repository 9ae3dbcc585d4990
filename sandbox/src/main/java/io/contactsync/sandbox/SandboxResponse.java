package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of a simulated API before it is written to the wire.
 *
 * @param status  HTTP status
 * @param body    object serialised as JSON; {@code null} = no body
 * @param headers extra response headers
 */
public record SandboxResponse(int status, Object body, Map<String, String> headers) {

    public static SandboxResponse json(int status, Object body) {
        return new SandboxResponse(status, body, new LinkedHashMap<>());
    }

    public static SandboxResponse noContent() {
        return new SandboxResponse(204, null, new LinkedHashMap<>());
    }

    public SandboxResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SandboxResponse(status, body, copy);
    }
}
