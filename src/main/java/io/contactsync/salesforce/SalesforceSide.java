package io.contactsync.salesforce;

import static io.contactsync.salesforce.SalesforceVariables.*;
import static io.contactsync.sync.SyncExchange.child;
import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncExchange.text;
import static io.contactsync.sync.SyncVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.EmailMatch;
import io.contactsync.client.salesforce.SalesforceBatchWrites;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/**
 * The steps of routes/hubspot-to-salesforce.camel.yaml that read HubSpot and read or write Salesforce: load the
 * contact, route it by lifecycle stage (R3), compare it with the last sync, look its Lead and Contact up (R2.8: read
 * ahead with the dispatch batch, else one call), write (sObject Collections shared by the lanes), and remember the
 * link with both snapshots.
 */
@ApplicationScoped
@Named("salesforceSide")
@RegisterForReflection
public class SalesforceSide {

    /** The key of the prefetched HubSpot contact that holds its {@link SalesforceCandidates} read ahead. */
    public static final String READ_AHEAD = "salesforceCandidates";
    private static final List<String> LOOKUP_FIELDS = List.of("Id", "Email", "CreatedDate", "LastModifiedDate",
            "SystemModstamp");

    @Inject
    HubSpotClient hubspot;

    @Inject
    SalesforceClient salesforce;

    @Inject
    SalesforceFields fields;

    @Inject
    SalesforceSyncSettings settings;

    @Inject
    SalesforceLinkRepository links;

    @Inject
    SalesforceBatchWrites writes;

    /**
     * Reads sourceId, prefetched (else one HubSpot batch read); sets source (null when deleted), email, and the
     * candidates the dispatcher looked up with the batch (the prefetched contact's {@link #READ_AHEAD}).
     */
    public void loadContact(Exchange exchange) {
        String id = string(exchange, SOURCE_ID);
        Map<String, Object> contact = map(exchange, PREFETCHED);
        if (contact == null) {
            contact = hubspot.batchRead(List.of(id), fields.hubspotProperties()).get(id);
        } else if (contact.isEmpty()) {
            contact = null;
        } else if (contact.get(READ_AHEAD) instanceof SalesforceCandidates candidates) {
            exchange.setVariable(CANDIDATES, candidates);
            contact = new LinkedHashMap<>(contact);
            contact.remove(READ_AHEAD);
        }
        exchange.setVariable(SOURCE, contact);
        if (contact != null) {
            exchange.setVariable(EMAIL, emailOf(contact));
        }
    }

    /** The HubSpot contact's email as the route matches it (null: none). */
    public static String emailOf(Map<String, Object> contact) {
        return ContactIdentity.email(text(child(contact, "properties"), "email"));
    }

    /**
     * Whether the route reaches the lookup for this contact, as far as the rules can tell without a call: its stage
     * routes it to a Lead or a Contact (R3), and a mapped property changed since the last sync ({@code link}, null:
     * never synced). The inclusion list is not asked: that may cost a HubSpot call.
     */
    public boolean needsLookup(Map<String, Object> contact, SalesforceLink link) {
        Map<String, Object> properties = child(contact, "properties");
        return !settings.routing().objectFor(text(properties, "lifecyclestage")).skipped()
                && !unchanged(link, properties);
    }

    /** R3: reads source (lifecyclestage); sets object (Lead, Contact or null) and stageReason. */
    public void routeByStage(Exchange exchange) {
        ObjectChoice choice = settings.routing().objectFor(text(child(map(exchange, SOURCE), "properties"),
                "lifecyclestage"));
        exchange.setVariable(OBJECT, choice.skipped() ? null : choice.object().apiName());
        exchange.setVariable(STAGE_REASON, choice.reason());
    }

    /** Reads sourceId, source; sets link (null: never synced) and unchanged (the mapped properties equal its snapshot). */
    public void compareWithLastSync(Exchange exchange) {
        SalesforceLink link = links.byHubSpotId(string(exchange, SOURCE_ID)).orElse(null);
        exchange.setVariable(LINK, link);
        exchange.setVariable(UNCHANGED, unchanged(link, child(map(exchange, SOURCE), "properties")));
    }

    private boolean unchanged(SalesforceLink link, Map<String, Object> properties) {
        return link != null && SalesforceSnapshot.same(link.hubspotSnapshot(), fields.hubspotSnapshot(properties));
    }

    /**
     * R2.8: the linked record, else the Lead and Contact with the email, the Contact winning over a Lead; from the
     * candidates read ahead with the dispatch batch when they were found for this email and link, else in ONE
     * Salesforce call (/composite with two queries). Reads email, link, candidates; sets target, targetType,
     * targetId, matchReason.
     */
    public void lookup(Exchange exchange) {
        String email = string(exchange, EMAIL);
        SalesforceLink link = exchange.getVariable(LINK, SalesforceLink.class);
        String linkedId = link == null ? null : link.salesforceId();
        SalesforceCandidates ahead = exchange.getVariable(CANDIDATES, SalesforceCandidates.class);
        SalesforceCandidates found = ahead != null && ahead.foundFor(email, linkedId) ? ahead : query(email, link);
        List<Map<String, Object>> leads = new ArrayList<>(found.leads());
        List<Map<String, Object>> contacts = new ArrayList<>(found.contacts());
        Optional<Map<String, Object>> linked = linkedId == null ? Optional.empty()
                : (SalesforceLink.LEAD.equals(link.salesforceType()) ? leads : contacts).stream()
                        .filter(r -> linkedId.equals(r.get("Id"))).findFirst();
        if (linked.isPresent()) {
            target(exchange, link.salesforceType(), linked.get(), link.salesforceType() + " " + linkedId
                    + " (linked to this contact by an earlier sync)");
            return;
        }
        leads.removeIf(r -> !email.equalsIgnoreCase(String.valueOf(r.get("Email"))));
        contacts.removeIf(r -> !email.equalsIgnoreCase(String.valueOf(r.get("Email"))));
        Optional<EmailMatch.Winner> winner = new EmailMatch(email, contacts, leads).winner();
        if (winner.isPresent()) {
            target(exchange, winner.get().type(), winner.get().record(), winner.get().reason());
            return;
        }
        exchange.setVariable(TARGET, null);
        exchange.setVariable(TARGET_TYPE, null);
        exchange.setVariable(TARGET_ID, null);
        exchange.setVariable(MATCH_REASON, "no Lead or Contact has " + email + (linkedId == null ? ""
                : " (the linked " + link.salesforceType() + " " + linkedId + " is gone or was converted)"));
    }

    /**
     * Reads sourceId, changes, object; one Salesforce sObject Collections create shared with the other lanes' creates;
     * sets targetId, targetType, written.
     */
    public void create(Exchange exchange) throws InterruptedException {
        Map<String, Object> changes = map(exchange, CHANGES);
        String object = string(exchange, OBJECT);
        exchange.setVariable(TARGET_ID, writes.create(object, string(exchange, SOURCE_ID), changes));
        exchange.setVariable(TARGET_TYPE, object);
        exchange.setVariable(WRITTEN, changes);
    }

    /**
     * Reads changes, targetType, targetId; one Salesforce sObject Collections update (of only those fields) shared
     * with the other lanes' updates; sets written.
     */
    public void update(Exchange exchange) throws InterruptedException {
        Map<String, Object> changes = map(exchange, CHANGES);
        writes.update(string(exchange, TARGET_TYPE), string(exchange, TARGET_ID), changes);
        exchange.setVariable(WRITTEN, changes);
    }

    /**
     * Reads sourceId, targetId, targetType, email, source, target, written; saves the link with the HubSpot snapshot
     * and the Salesforce one (the record as found, with what was written); the SystemModstamp only when nothing was
     * written (a write's new stamp is not read back: that would cost a call).
     */
    public void remember(Exchange exchange) {
        SalesforceObject object = SalesforceObject.valueOf(string(exchange, TARGET_TYPE).toUpperCase());
        Map<String, Object> target = map(exchange, TARGET);
        Map<String, Object> written = map(exchange, WRITTEN);
        Map<String, Object> after = new LinkedHashMap<>(target == null ? Map.of() : target);
        if (written != null) {
            written.forEach(after::put);
        }
        Object modstamp = written == null && target != null ? target.get("SystemModstamp") : null;
        links.save(SalesforceLink.of(string(exchange, SOURCE_ID), string(exchange, TARGET_ID), object.apiName(),
                string(exchange, EMAIL), fields.hubspotSnapshot(child(map(exchange, SOURCE), "properties")),
                fields.salesforceSnapshot(object, after),
                modstamp == null ? null : SalesforceTimes.parse(modstamp.toString())));
    }

    private void target(Exchange exchange, String type, Map<String, Object> record, String reason) {
        exchange.setVariable(TARGET, record);
        exchange.setVariable(TARGET_TYPE, type);
        exchange.setVariable(TARGET_ID, String.valueOf(record.get("Id")));
        exchange.setVariable(MATCH_REASON, reason);
    }

    /** The lookup's one call: a Lead and a Contact query by email, each with the linked record of its object. */
    private SalesforceCandidates query(String email, SalesforceLink link) {
        String linkedId = link == null ? null : link.salesforceId();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("leads", select(SalesforceObject.LEAD) + " WHERE IsConverted = false AND " + matching(email,
                link != null && SalesforceLink.LEAD.equals(link.salesforceType()) ? linkedId : null));
        queries.put("contacts", select(SalesforceObject.CONTACT) + " WHERE " + matching(email,
                link != null && SalesforceLink.CONTACT.equals(link.salesforceType()) ? linkedId : null));
        Map<String, List<Map<String, Object>>> found = salesforce.compositeQuery(queries);
        return new SalesforceCandidates(email, linkedId, found.getOrDefault("leads", List.of()),
                found.getOrDefault("contacts", List.of()));
    }

    /** {@code SELECT <the lookup's fields> FROM Lead|Contact}: what the lookup reads of each record. */
    public String select(SalesforceObject object) {
        Set<String> selected = new LinkedHashSet<>(LOOKUP_FIELDS);
        selected.addAll(fields.salesforceFieldsOf(object));
        return "SELECT " + String.join(", ", selected) + " FROM " + object.apiName();
    }

    private static String matching(String email, String linkedId) {
        String byEmail = "Email = " + SalesforceClient.literal(email);
        return linkedId == null ? byEmail : "(" + byEmail + " OR Id = " + SalesforceClient.literal(linkedId) + ")";
    }
}
