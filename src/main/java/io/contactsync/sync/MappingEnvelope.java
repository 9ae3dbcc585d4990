package io.contactsync.sync;

import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncVariables.PAYLOAD;
import static io.contactsync.sync.SyncVariables.SOURCE;
import static io.contactsync.sync.SyncVariables.TARGET;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/**
 * What every mapping file (mappings/*.jsonata) receives and returns. In: {@code contact} (the source record),
 * {@code target} (the target record, absent when it is to be created), {@code customFields} (respond.io custom
 * field -> HubSpot property) and {@code extraProperties} (R1.7). Out: the target's fields.
 */
@ApplicationScoped
@Named("mapping")
@RegisterForReflection
public class MappingEnvelope {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    @Inject
    SyncedFields fields;

    public void input(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("contact", map(exchange, SOURCE));
        Map<String, Object> target = map(exchange, TARGET);
        if (target != null) {
            envelope.put("target", target);
        }
        envelope.put("customFields", fields.customFields());
        envelope.put("extraProperties", fields.extraHubSpotProperties());
        exchange.getMessage().setBody(mapper.writeValueAsString(envelope));
    }

    public void output(Exchange exchange) throws JsonProcessingException {
        String body = exchange.getMessage().getBody(String.class);
        Map<String, Object> payload = body == null || body.isBlank() ? Map.of() : mapper.readValue(body, MAP);
        exchange.setVariable(PAYLOAD, payload);
    }
}
