package io.contactsync.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.salesforce.SalesforceConnector;
import io.contactsync.client.salesforce.SalesforceConnector.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The fields of a Lead or Contact that Salesforce -> HubSpot reads: those the mappings need (defaults, and the custom
 * mappings' fields that exist on the object, R2.10), the conversion fields and the audit dates. Whether a custom field
 * exists on an object is asked once per object (describe), only when custom mappings are configured.
 */
@ApplicationScoped
public class SalesforceRecordFields {

    private static final List<String> AUDIT = List.of("Id", "CreatedDate", "LastModifiedDate", "SystemModstamp");
    private static final List<String> CONVERSION = List.of("IsConverted", "ConvertedContactId");

    @Inject
    SalesforceSyncSettings settings;

    @Inject
    SalesforceConnector connector;

    @Inject
    ObjectMapper mapper;

    private final Map<SalesforceObject, Set<String>> described = new ConcurrentHashMap<>();

    /** The SELECT list of the poll for this object. */
    public List<String> queried(SalesforceObject object) {
        Set<String> fields = new LinkedHashSet<>(AUDIT);
        if (object == SalesforceObject.LEAD) {
            fields.addAll(CONVERSION);
        }
        DefaultMappings.FIELDS.stream().map(f -> f.fieldOn(object)).filter(f -> f != null).forEach(fields::add);
        fields.addAll(customFields(object));
        return new ArrayList<>(fields);
    }

    /** The custom mappings' Salesforce fields this object has. */
    public List<String> customFields(SalesforceObject object) {
        List<String> configured = settings.customMappings().stream().map(CustomMapping::salesforceField).toList();
        if (configured.isEmpty()) {
            return List.of();
        }
        Set<String> onObject = described.computeIfAbsent(object, this::describe);
        return configured.stream().filter(onObject::contains).toList();
    }

    private Set<String> describe(SalesforceObject object) {
        String answer = connector.send("describe", object.apiName(), Operation.RAW, null, Map.of("rawPath",
                connector.dataPath() + "/sobjects/" + object.apiName() + "/describe", "rawMethod", "GET"));
        try {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode field : mapper.readTree(answer).path("fields")) {
                names.add(field.path("name").asText());
            }
            return names;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable describe of " + object + ": " + e.getMessage());
        }
    }
}
