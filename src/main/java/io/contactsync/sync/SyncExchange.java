package io.contactsync.sync;

import java.util.Map;

import org.apache.camel.Exchange;

/** Typed access to the scenario variables of an exchange. */
public final class SyncExchange {

    private SyncExchange() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Exchange exchange, String variable) {
        return exchange.getVariable(variable, Map.class);
    }

    public static String string(Exchange exchange, String variable) {
        return exchange.getVariable(variable, String.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static String text(Map<String, ?> parent, String key) {
        Object v = parent == null ? null : parent.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
