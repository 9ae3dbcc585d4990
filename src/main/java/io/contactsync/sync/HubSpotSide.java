package io.contactsync.sync;

import io.contactsync.client.hubspot.HubSpotConfig;
import static io.contactsync.sync.SyncExchange.child;
import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncExchange.text;
import static io.contactsync.sync.SyncVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.contactsync.client.hubspot.HubSpotBatchReads;
import io.contactsync.client.hubspot.HubSpotBatchWrites;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/** HubSpot steps of the scenario routes, as source (R1.3, R1.4) and as target (R1.1, R1.2). */
@ApplicationScoped
@Named("hubspotSide")
@RegisterForReflection
public class HubSpotSide {

    @Inject
    HubSpotClient client;

    @Inject
    HubSpotBatchWrites writes;

    @Inject
    HubSpotBatchReads reads;

    @Inject
    ContactLinkRepository links;

    @Inject
    SyncedFields fields;

    @Inject
    HubSpotConfig config;

    // ---- as source

    /** Takes the object id from the event and tells whether the change was made by this platform. */
    public void readEvent(Exchange exchange) {
        Map<String, Object> event = map(exchange, EVENT);
        exchange.setVariable(SOURCE_ID, text(event, "objectId"));
        exchange.setVariable(OWN_WRITE, isOwnWrite(event));
    }

    /** Origin marker: HubSpot stamps changes made through an app with changeSource and the app's id. */
    public boolean isOwnWrite(Map<String, Object> event) {
        String source = text(event, "changeSource");
        return config.appId().filter(id -> !id.isBlank()).map(id -> id.equals(text(event, "sourceId"))
                && ("INTEGRATION".equals(source) || "API".equals(source))).orElse(false);
    }

    /** The contact's current state: read in bulk by the dispatcher (empty: not found), or read now. */
    public void load(Exchange exchange) {
        String id = string(exchange, SOURCE_ID);
        Map<String, Object> contact = map(exchange, PREFETCHED);
        if (contact == null) {
            contact = client.batchRead(List.of(id), fields.hubspotProperties()).get(id);
        } else if (contact.isEmpty()) {
            contact = null;
        }
        exchange.setVariable(SOURCE, contact);
        if (contact != null) {
            exchange.setVariable(EMAIL, ContactIdentity.email(text(child(contact, "properties"), "email")));
            Map<String, String> now = fields.hubspotProjection(contact);
            Map<String, String> before = links.find(ContactLinkRepository.HUBSPOT, id)
                    .map(ContactLink::hubspotSnapshot).orElse(null);
            exchange.setVariable(CHANGED_FIELDS,
                    before == null ? List.copyOf(now.keySet()) : SyncedFields.changed(before, now));
        }
    }

    // ---- as target

    /**
     * The contact with this email, looked up together with the other lanes' lookups (one batch read by email). After
     * an email change, the contact linked earlier is found by id.
     */
    public void lookup(Exchange exchange) throws InterruptedException {
        Map<String, Object> found = reads.findByEmail(string(exchange, EMAIL));
        Map<String, Object> target = found.isEmpty() ? null : found;
        if (target == null) {
            String linked = links.find(ContactLinkRepository.RESPONDIO, string(exchange, SOURCE_ID))
                    .map(ContactLink::hubspotId).orElse(null);
            if (linked != null) {
                target = client.batchRead(List.of(linked), fields.hubspotProperties()).get(linked);
            }
        }
        exchange.setVariable(TARGET, target);
        exchange.setVariable(TARGET_ID, target == null ? null : text(target, "id"));
    }

    /** The mapped properties whose values differ from the HubSpot contact's, and the run's reason naming them. */
    public void diff(Exchange exchange) {
        Map<String, Object> current = child(map(exchange, TARGET), "properties");
        Map<String, Object> changes = new LinkedHashMap<>();
        map(exchange, PAYLOAD).forEach((k, v) -> {
            if (!sameValue(k, v, current.get(k))) {
                changes.put(k, v);
            }
        });
        exchange.setVariable(CHANGES, changes);
        exchange.setVariable(REASON, changes.isEmpty() ? "every mapped property already has this value in HubSpot"
                : String.join(", ", changes.keySet()) + " differed");
    }

    /** A share of one batch upsert by email: creates the contact, or updates the one HubSpot got meanwhile. */
    public void create(Exchange exchange) throws InterruptedException {
        Map<String, Object> payload = map(exchange, PAYLOAD);
        HubSpotClient.WriteResult result = writes.createOrUpdateByEmail(string(exchange, EMAIL), payload);
        exchange.setVariable(TARGET_ID, result.id());
        exchange.setVariable(WRITTEN, payload);
        exchange.setVariable(REASON, result.created() ? "no HubSpot contact with this email (nor linked): created"
                : "HubSpot contact " + result.id() + " got this email meanwhile: updated");
    }

    /** A share of one batch update by id. */
    public void update(Exchange exchange) throws InterruptedException {
        Map<String, Object> changes = map(exchange, CHANGES);
        writes.update(string(exchange, TARGET_ID), changes);
        exchange.setVariable(WRITTEN, changes);
    }

    /** The HubSpot contact as it is after this run's write (or as found, when nothing was written). */
    public Map<String, String> projectionAfterSync(Exchange exchange) {
        Map<String, Object> properties = new LinkedHashMap<>(child(map(exchange, TARGET), "properties"));
        Map<String, Object> written = map(exchange, WRITTEN);
        if (written != null) {
            properties.putAll(written);
        }
        properties.putIfAbsent("email", string(exchange, EMAIL));
        return fields.hubspotProjection(Map.of("properties", properties));
    }

    private static boolean sameValue(String property, Object wanted, Object current) {
        if (current == null) {
            return false;
        }
        if ("email".equals(property)) {
            return Objects.equals(ContactIdentity.email(String.valueOf(wanted)),
                    ContactIdentity.email(String.valueOf(current)));
        }
        return String.valueOf(wanted).trim().equals(String.valueOf(current).trim());
    }
}
