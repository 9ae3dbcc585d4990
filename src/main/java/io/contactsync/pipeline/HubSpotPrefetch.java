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
import io.contactsync.sync.RespondioSide;
import io.contactsync.sync.SyncExchange;
import io.contactsync.sync.SyncedFields;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.webhook.ContactIdentity;
import io.contactsync.webhook.HubSpotWebhookEvents;
import io.contactsync.webhook.RespondioWebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Reads ahead, for a whole dispatch batch, what its events' routes would otherwise read one call each. HubSpot events
 * carry only ids: their contacts are read with batch/read (100 per call), with the properties of every scenario that
 * reads them. Events marked as this platform's own writes are not read at all, unless a Brevo integration runs or
 * Salesforce is enabled (a change contact-sync made in HubSpot for respond.io still goes on to Brevo and Salesforce).
 * respond.io events carry their contact: the HubSpot contacts with their emails are read with batch/read by email.
 * Salesforce events of the batch are read ahead by {@link SalesforcePrefetch}; the Salesforce Leads and Contacts of
 * the HubSpot contacts by {@link SalesforceTargetPrefetch}. A target (the HubSpot contact a
 * respond.io or Salesforce event writes to) is not read ahead for an event whose contact has an earlier event still
 * to run: that event may change it.
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

    @Inject
    RespondioSide respondioSide;

    /**
     * Inbox event id -> the contact's current state (an empty map when HubSpot no longer has it); for Salesforce
     * events, what {@link SalesforcePrefetch} reads.
     */
    /** {@code targetsInFlight}: events behind an earlier event of their contact (no target read ahead for them). */
    public Map<Long, Map<String, Object>> load(List<InboxEvent> batch, Set<Long> targetsInFlight) {
        Map<Long, Map<String, Object>> byEvent = new HashMap<>(hubspotEvents(batch));
        byEvent.putAll(respondioTargets(batch, targetsInFlight));
        salesforceTargets.load(batch, targetsInFlight, byEvent);
        byEvent.putAll(salesforcePrefetch.load(batch, targetsInFlight));
        return byEvent;
    }

    private Map<Long, Map<String, Object>> respondioTargets(List<InboxEvent> batch, Set<Long> targetsInFlight) {
        Map<Long, String> emailByEvent = new HashMap<>();
        for (InboxEvent e : batch) {
            if (!RespondioWebhookEvents.SOURCE.equals(e.source()) || targetsInFlight.contains(e.id())) {
                continue;
            }
            Map<String, Object> event = parse(e.payload());
            Map<String, Object> contact = SyncExchange.child(event, "contact");
            String email = contact.get("email") == null ? null : ContactIdentity.email(contact.get("email").toString());
            if (email != null && respondioSide.needsLookup(e.eventType(), contact)) {
                emailByEvent.put(e.id(), email);
            }
        }
        if (emailByEvent.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> contacts;
        try {
            contacts = client.batchReadByEmail(new ArrayList<>(new LinkedHashSet<>(emailByEvent.values())),
                    fields.hubspotProperties());
        } catch (RuntimeException e) {
            LOG.warnf("HubSpot batch read by email of %d contacts failed (%s); each event looks up its own",
                    emailByEvent.size(), e.getMessage());
            return Map.of();
        }
        Map<Long, Map<String, Object>> byEvent = new HashMap<>();
        emailByEvent.forEach((eventId, email) -> byEvent.put(eventId, Map.of(HubSpotSide.PREFETCHED_EMAIL, email,
                HubSpotSide.PREFETCHED_CONTACT, contacts.getOrDefault(email, Map.of()))));
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
