package io.contactsync.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.client.salesforce.SalesforcePausedException;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.polling.SalesforcePoller;
import io.contactsync.salesforce.SalesforceLink;
import io.contactsync.salesforce.SalesforceLinkRepository;
import io.contactsync.salesforce.SalesforceToHubSpot;
import io.contactsync.webhook.ContactIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Salesforce events carry the whole record; what the route needs besides is read for a whole dispatch batch at once:
 * the HubSpot contacts (linked ones by id, the others by email, 100 per batch read) and the records' campaign names
 * (R2.11, one CampaignMember query per IN list). Per event: {@code hubspot} (the contact, an empty map when HubSpot
 * has none) and {@code campaigns}. When a read fails, the route reads for itself.
 */
@ApplicationScoped
public class SalesforcePrefetch {

    private static final Logger LOG = Logger.getLogger(SalesforcePrefetch.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    HubSpotClient hubspot;

    @Inject
    SalesforceClient salesforce;

    @Inject
    SalesforceLinkRepository links;

    @Inject
    SalesforceToHubSpot steps;

    @Inject
    ObjectMapper mapper;

    /**
     * {@code targetsInFlight}: events whose contact has an earlier event still running (in flight, or earlier in this
     * batch): their HubSpot contact is not read ahead, it may change before they run.
     */
    public Map<Long, Map<String, Object>> load(List<InboxEvent> batch, Set<Long> targetsInFlight) {
        Map<Long, Map<String, Object>> records = new LinkedHashMap<>();
        for (InboxEvent e : batch) {
            Map<String, Object> record = SalesforcePoller.SOURCE.equals(e.source()) ? record(e.payload()) : null;
            if (record != null && record.get("Id") != null) {
                records.put(e.id(), record);
            }
        }
        if (records.isEmpty() || !salesforce.enabled()) {
            return Map.of();
        }
        Map<Long, Map<String, Object>> byEvent = new HashMap<>();
        Map<Long, Map<String, Object>> readAhead = new LinkedHashMap<>(records);
        readAhead.keySet().removeAll(targetsInFlight);
        if (!readAhead.isEmpty()) {
            hubspotContacts(readAhead, byEvent);
        }
        campaigns(records, byEvent);
        return byEvent;
    }

    private void hubspotContacts(Map<Long, Map<String, Object>> records, Map<Long, Map<String, Object>> byEvent) {
        Set<String> ids = new LinkedHashSet<>();
        records.values().forEach(r -> ids.add(r.get("Id").toString()));
        try {
            Map<String, SalesforceLink> linked = links.bySalesforceIds(ids);
            Set<String> hubspotIds = new LinkedHashSet<>();
            Set<String> emails = new LinkedHashSet<>();
            records.values().forEach(r -> {
                SalesforceLink link = linked.get(r.get("Id").toString());
                String email = ContactIdentity.email(r.get("Email") == null ? null : r.get("Email").toString());
                if (link != null) {
                    hubspotIds.add(link.hubspotId());
                } else if (email != null) {
                    emails.add(email);
                }
            });
            Map<String, Map<String, Object>> byId = hubspotIds.isEmpty() ? Map.of()
                    : hubspot.batchRead(new ArrayList<>(hubspotIds), steps.hubspotProperties());
            Map<String, Map<String, Object>> byEmail = emails.isEmpty() ? Map.of()
                    : hubspot.batchReadByEmail(new ArrayList<>(emails), steps.hubspotProperties());
            records.forEach((eventId, r) -> {
                SalesforceLink link = linked.get(r.get("Id").toString());
                String email = ContactIdentity.email(r.get("Email") == null ? null : r.get("Email").toString());
                Map<String, Object> contact = link != null ? byId.get(link.hubspotId())
                        : email == null ? null : byEmail.get(email);
                if (link != null || email != null) {
                    prefetched(byEvent, eventId).put("hubspot", contact == null ? Map.of() : contact);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("HubSpot batch read for %d Salesforce records failed (%s); each event reads its own", ids.size(),
                    e.getMessage());
        }
    }

    private void campaigns(Map<Long, Map<String, Object>> records, Map<Long, Map<String, Object>> byEvent) {
        if (!steps.syncsCampaigns()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        records.values().forEach(r -> ids.add(r.get("Id").toString()));
        try {
            Map<String, List<String>> names = salesforce.campaignNames(ids);
            records.forEach((eventId, r) -> prefetched(byEvent, eventId).put("campaigns",
                    names.getOrDefault(r.get("Id").toString(), List.of())));
        } catch (SalesforcePausedException e) {
            LOG.debugf("campaign names not read ahead: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("campaign names of %d Salesforce records not read ahead (%s); each event reads its own",
                    ids.size(), e.getMessage());
        }
    }

    private static Map<String, Object> prefetched(Map<Long, Map<String, Object>> byEvent, long eventId) {
        return byEvent.computeIfAbsent(eventId, id -> new HashMap<>());
    }

    private Map<String, Object> record(String payload) {
        try {
            Object record = mapper.readValue(payload, MAP).get("record");
            return record instanceof Map<?, ?> ? mapper.convertValue(record, MAP) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
