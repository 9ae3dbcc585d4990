package io.contactsync.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.client.salesforce.SalesforcePausedException;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.salesforce.InclusionList;
import io.contactsync.salesforce.SalesforceCandidates;
import io.contactsync.salesforce.SalesforceLink;
import io.contactsync.salesforce.SalesforceLinkRepository;
import io.contactsync.salesforce.SalesforceObject;
import io.contactsync.salesforce.SalesforceSide;
import io.contactsync.webhook.HubSpotWebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Looks up, for a whole dispatch batch, the Salesforce Leads and Contacts that hubspot-to-salesforce's lookup would
 * read one call per contact (R2.8): for each HubSpot event whose contact was read ahead, has an email and would reach
 * the lookup ({@link SalesforceSide#needsLookup}; not one the cached inclusion list membership leaves out), the
 * unconverted Leads and the Contacts with its email or its linked id. Per group of contacts whose IN lists fit {@link SalesforceClient#MAX_IN_LIST_CHARS}, a Lead and a Contact query
 * (SOQL {@code IN}); two groups per {@code /composite} call. Each event's prefetched contact then carries its
 * {@link SalesforceCandidates} under {@link SalesforceSide#READ_AHEAD}. Not for an event behind an earlier event of
 * its contact: that one may create or change the record first. When a call fails, those events look up for
 * themselves.
 */
@ApplicationScoped
public class SalesforceTargetPrefetch {

    /** Salesforce runs at most 5 queries per /composite call: two groups of a Lead and a Contact query. */
    private static final int GROUPS_PER_CALL = 2;
    private static final Logger LOG = Logger.getLogger(SalesforceTargetPrefetch.class);

    private record Wanted(long eventId, String email, SalesforceLink link) {

        String linkedId(String type) {
            return link != null && type.equals(link.salesforceType()) ? link.salesforceId() : null;
        }
    }

    @Inject
    SalesforceClient salesforce;

    @Inject
    SalesforceLinkRepository links;

    @Inject
    SalesforceSide side;

    @Inject
    InclusionList inclusionList;

    /** {@code prefetched}: the contacts read ahead by inbox event id; the candidates are added to copies of them. */
    public void load(List<InboxEvent> batch, Set<Long> targetsInFlight, Map<Long, Map<String, Object>> prefetched) {
        if (!salesforce.enabled()) {
            return;
        }
        Map<Long, Map<String, Object>> contacts = new LinkedHashMap<>();
        for (InboxEvent e : batch) {
            Map<String, Object> contact = prefetched.get(e.id());
            if (HubSpotWebhookEvents.SOURCE.equals(e.source()) && !targetsInFlight.contains(e.id()) && contact != null
                    && contact.get("id") != null && SalesforceSide.emailOf(contact) != null) {
                contacts.put(e.id(), contact);
            }
        }
        if (contacts.isEmpty()) {
            return;
        }
        List<Wanted> wanted = new ArrayList<>();
        try {
            Map<String, SalesforceLink> linked = links.byHubSpotIds(contacts.values().stream()
                    .map(c -> c.get("id").toString()).collect(Collectors.toCollection(LinkedHashSet::new)));
            contacts.forEach((eventId, contact) -> {
                String hubspotId = contact.get("id").toString();
                SalesforceLink link = linked.get(hubspotId);
                if (side.needsLookup(contact, link) && !inclusionList.cachedAsNonMember(hubspotId)) {
                    wanted.add(new Wanted(eventId, SalesforceSide.emailOf(contact), link));
                }
            });
            List<List<Wanted>> groups = groups(wanted);
            for (int from = 0; from < groups.size(); from += GROUPS_PER_CALL) {
                lookUp(groups.subList(from, Math.min(groups.size(), from + GROUPS_PER_CALL)), prefetched);
            }
        } catch (SalesforcePausedException e) {
            LOG.debugf("Salesforce records not read ahead: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("Salesforce lookup of %d contacts not read ahead (%s); each event looks up for itself",
                    wanted.size(), e.getMessage());
        }
    }

    /** One /composite call: for each group, its Lead and its Contact query; hands each event its candidates. */
    private void lookUp(List<List<Wanted>> groups, Map<Long, Map<String, Object>> prefetched) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Wanted> group = groups.get(g);
            queries.put("leads" + g, side.select(SalesforceObject.LEAD) + " WHERE IsConverted = false AND "
                    + matching(group, SalesforceLink.LEAD));
            queries.put("contacts" + g, side.select(SalesforceObject.CONTACT) + " WHERE "
                    + matching(group, SalesforceLink.CONTACT));
        }
        Map<String, List<Map<String, Object>>> found = salesforce.compositeQuery(queries);
        for (int g = 0; g < groups.size(); g++) {
            List<Map<String, Object>> leads = found.getOrDefault("leads" + g, List.of());
            List<Map<String, Object>> contacts = found.getOrDefault("contacts" + g, List.of());
            for (Wanted w : groups.get(g)) {
                Map<String, Object> contact = new LinkedHashMap<>(prefetched.get(w.eventId()));
                contact.put(SalesforceSide.READ_AHEAD, new SalesforceCandidates(w.email(),
                        w.link() == null ? null : w.link().salesforceId(), of(w, leads, SalesforceLink.LEAD),
                        of(w, contacts, SalesforceLink.CONTACT)));
                prefetched.put(w.eventId(), contact);
            }
        }
    }

    /** The records of one contact: those with its email, and its linked record. */
    private static List<Map<String, Object>> of(Wanted w, List<Map<String, Object>> records, String type) {
        String linkedId = w.linkedId(type);
        return records.stream().filter(r -> w.email().equalsIgnoreCase(String.valueOf(r.get("Email")))
                || (linkedId != null && linkedId.equals(r.get("Id")))).toList();
    }

    /** {@code (Email IN (...) OR Id IN (...))}: the group's emails, and its contacts' linked records of this type. */
    private static String matching(List<Wanted> group, String type) {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Wanted w : group) {
            emails.add(w.email());
            if (w.linkedId(type) != null) {
                ids.add(w.linkedId(type));
            }
        }
        String byEmail = "Email IN (" + inList(emails) + ")";
        return ids.isEmpty() ? byEmail : "(" + byEmail + " OR Id IN (" + inList(ids) + "))";
    }

    /** The contacts in groups whose emails and linked ids fit one IN list each. */
    private static List<List<Wanted>> groups(List<Wanted> wanted) {
        List<List<Wanted>> groups = new ArrayList<>();
        List<Wanted> current = new ArrayList<>();
        int length = 0;
        for (Wanted w : wanted) {
            int more = SalesforceClient.literal(w.email()).length() + 1
                    + (w.link() == null ? 0 : SalesforceClient.literal(w.link().salesforceId()).length() + 1);
            if (!current.isEmpty() && length + more > SalesforceClient.MAX_IN_LIST_CHARS) {
                groups.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(w);
            length += more;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static String inList(Set<String> values) {
        return values.stream().map(SalesforceClient::literal).collect(Collectors.joining(","));
    }
}
