package io.contactsync.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.brevo.BrevoIntegrations;
import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.salesforce.SalesforceFields;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.sync.HubSpotSide;
import io.contactsync.sync.SyncedFields;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.webhook.HubSpotWebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Reads ahead, for a whole dispatch batch, what its events' routes would otherwise read one call each. HubSpot events
 * carry only ids: their contacts are read with batch/read (100 per call), with the properties of every scenario that
 * reads them. Events marked as this platform's own writes are not read at all, unless a Brevo integration runs or
 * Salesforce is enabled (a change contact-sync made in HubSpot for respond.io still goes on to Brevo and Salesforce).
 * Salesforce events of the batch are read ahead by {@link SalesforcePrefetch}; the Salesforce Leads and Contacts of
 * the HubSpot contacts by {@link SalesforceTargetPrefetch}. A target (the record an event writes to) is not read ahead
 * for an event whose contact has an earlier event still to run: that event may change it. (respond.io events look
 * their HubSpot contact up when they run, in batches of their own: {@code HubSpotBatchReads}.)
 */
@ApplicationScoped
public class HubSpotPrefetch {

    private static final Logger LOG = Logger.getLogger(HubSpotPrefetch.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    HubSpotClient client;

    @Inject
    HubSpotSide side;

    @Inject
    SyncedFields fields;

    @Inject
    ObjectMapper mapper;

    @Inject
    BrevoIntegrations brevo;

    @Inject
    SalesforceConfig salesforce;

    @Inject
    SalesforceFields salesforceFields;

    @Inject
    SalesforcePrefetch salesforcePrefetch;

    @Inject
    SalesforceTargetPrefetch salesforceTargets;

    /**
     * Inbox event id -> the contact's current state (an empty map when HubSpot no longer has it); for Salesforce
     * events, what {@link SalesforcePrefetch} reads. {@code targetsInFlight}: events behind an earlier event of their
     * contact (no target read ahead for them).
     */
    public Map<Long, Map<String, Object>> load(List<InboxEvent> batch, Set<Long> targetsInFlight) {
        Map<Long, Map<String, Object>> byEvent = new HashMap<>(hubspotEvents(batch));
        salesforceTargets.load(batch, targetsInFlight, byEvent);
        byEvent.putAll(salesforcePrefetch.load(batch, targetsInFlight));
        return byEvent;
    }

    private Map<Long, Map<String, Object>> hubspotEvents(List<InboxEvent> batch) {
        Map<Long, String> objectIdByEvent = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        boolean readOwnWrites = !brevo.activeIntegrations().isEmpty() || salesforce.enabled();
        for (InboxEvent e : batch) {
            if (!HubSpotWebhookEvents.SOURCE.equals(e.source()) && !BrevoIntegrations.LIST_SOURCE.equals(e.source())) {
                continue;
            }
            Map<String, Object> event = parse(e.payload());
            if (event == null || event.get("objectId") == null || (!readOwnWrites && side.isOwnWrite(event))) {
                continue;
            }
            String objectId = String.valueOf(event.get("objectId"));
            objectIdByEvent.put(e.id(), objectId);
            ids.add(objectId);
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> contacts;
        try {
            contacts = client.batchRead(new ArrayList<>(ids), properties());
        } catch (RuntimeException e) {
            LOG.warnf("HubSpot batch read of %d contacts failed (%s); each event reads its own", ids.size(),
                    e.getMessage());
            return Map.of();
        }
        Map<Long, Map<String, Object>> byEvent = new HashMap<>();
        objectIdByEvent.forEach((eventId, objectId) -> byEvent.put(eventId, contacts.getOrDefault(objectId, Map.of())));
        return byEvent;
    }

    /**
     * What every scenario reads: the respond.io sync's properties, those of the active Brevo mappings, and with
     * Salesforce enabled those of the Salesforce mappings.
     */
    private List<String> properties() {
        Set<String> properties = new LinkedHashSet<>(fields.hubspotProperties());
        properties.addAll(brevo.hubspotProperties());
        if (salesforce.enabled()) {
            properties.addAll(salesforceFields.hubspotProperties());
        }
        return new ArrayList<>(properties);
    }

    private Map<String, Object> parse(String payload) {
        try {
            return mapper.readValue(payload, MAP);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
