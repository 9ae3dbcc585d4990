package io.contactsync.client.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.contactsync.client.BatchCoalescer;
import io.contactsync.client.BatchCoalescer.Outcomes;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * hubspot-to-salesforce's writes: each lane creates or updates one record and waits, while the writes of all lanes go
 * out together as sObject Collections ({@code allOrNone=false}), one call per object and operation for up to
 * {@code salesforce.batch.size} records, after at most {@code salesforce.batch.linger}. Each lane gets its own
 * SaveResult: a record Salesforce refuses fails alone, with Salesforce's errors and field names, the others are saved.
 * A refusal of the whole call (an unknown field fails every record of it) is split in halves until it stands with
 * the records it is about.
 */
@ApplicationScoped
public class SalesforceBatchWrites {

    private static final String CREATE = "create";
    private static final String UPDATE = "update";

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceConfig config;

    private final Map<String, BatchCoalescer<Map<String, Object>, String>> coalescers = new ConcurrentHashMap<>();

    void stop(@Observes ShutdownEvent event) {
        coalescers.values().forEach(BatchCoalescer::stop);
    }

    /**
     * Creates the record ("Lead", "Contact") and returns its id. {@code key} names what the record is written for (the
     * HubSpot contact id): two creates with one key never share a call.
     */
    public String create(String object, String key, Map<String, Object> fields) throws InterruptedException {
        return coalescer(CREATE, object).call(key, fields);
    }

    /** Updates the given fields of one record; a null value clears the field. */
    public void update(String object, String id, Map<String, Object> fields) throws InterruptedException {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("Id", id);
        coalescer(UPDATE, object).call(id, record);
    }

    private BatchCoalescer<Map<String, Object>, String> coalescer(String operation, String object) {
        int size = Math.min(SalesforceClient.COLLECTION_SIZE, Math.max(1, config.batch().size()));
        return coalescers.computeIfAbsent(operation + " " + object, name -> new BatchCoalescer<>("salesforce-"
                + operation + "-" + object, size, config.batch().linger(), inputs -> send(operation, object, inputs)));
    }

    private Outcomes<String> send(String operation, String object, Map<String, Map<String, Object>> inputs) {
        List<String> keys = new ArrayList<>(inputs.keySet());
        Map<String, String> ids = new HashMap<>();
        Map<String, RuntimeException> failures = new HashMap<>();
        List<SaveResult> saved;
        try {
            saved = operation.equals(CREATE) ? client.createAll(object, new ArrayList<>(inputs.values()))
                    : client.updateAll(object, new ArrayList<>(inputs.values()));
        } catch (SalesforceRejectedException refused) {
            if (keys.size() == 1) {
                failures.put(keys.get(0), refused);
                return new Outcomes<>(ids, failures);
            }
            return BatchCoalescer.inHalves(inputs, part -> send(operation, object, part));
        }
        for (int i = 0; i < keys.size(); i++) {
            SaveResult result = saved.get(i);
            if (result.success()) {
                ids.put(keys.get(i), result.id());
            } else {
                // the status Salesforce gives the same refusal of a single-record call
                failures.put(keys.get(i), new SalesforceRejectedException(operation + " " + object, 400,
                        result.errors(), result.describe()));
            }
        }
        return new Outcomes<>(ids, failures);
    }
}
