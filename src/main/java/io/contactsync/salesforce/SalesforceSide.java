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
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/**
 * The steps of routes/hubspot-to-salesforce.camel.yaml that read HubSpot and read or write Salesforce: load the
 * contact, route it by lifecycle stage (R3), compare it with the last sync, look its Lead and Contact up in one call
 * (R2.8), write, and remember the link with both snapshots.
 */
@ApplicationScoped
@Named("salesforceSide")
@RegisterForReflection
public class SalesforceSide {

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

    /** Reads sourceId, prefetched (else one HubSpot batch read); sets source (null when deleted) and email. */
    public void loadContact(Exchange exchange) {
        String id = string(exchange, SOURCE_ID);
        Map<String, Object> contact = map(exchange, PREFETCHED);
        if (contact == null) {
            contact = hubspot.batchRead(List.of(id), fields.hubspotProperties()).get(id);
        } else if (contact.isEmpty()) {
            contact = null;
        }
        exchange.setVariable(SOURCE, contact);
        if (contact != null) {
            exchange.setVariable(EMAIL, ContactIdentity.email(text(child(contact, "properties"), "email")));
        }
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
        exchange.setVariable(UNCHANGED, link != null && SalesforceSnapshot.same(link.hubspotSnapshot(),
                fields.hubspotSnapshot(child(map(exchange, SOURCE), "properties"))));
    }

    /**
     * R2.8, in ONE Salesforce call (/composite with two queries): the linked record, else the Lead and Contact with the
     * email, the Contact winning over a Lead. Reads email, link, object; sets target, targetType, targetId,
     * matchReason.
     */
    public void lookup(Exchange exchange) {
        String email = string(exchange, EMAIL);
        SalesforceLink link = exchange.getVariable(LINK, SalesforceLink.class);
        String linkedId = link == null ? null : link.salesforceId();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("leads", select(SalesforceObject.LEAD) + " WHERE IsConverted = false AND " + matching(email,
                link != null && SalesforceLink.LEAD.equals(link.salesforceType()) ? linkedId : null));
        queries.put("contacts", select(SalesforceObject.CONTACT) + " WHERE " + matching(email,
                link != null && SalesforceLink.CONTACT.equals(link.salesforceType()) ? linkedId : null));
        Map<String, List<Map<String, Object>>> found = salesforce.compositeQuery(queries);
        List<Map<String, Object>> leads = new ArrayList<>(found.getOrDefault("leads", List.of()));
        List<Map<String, Object>> contacts = new ArrayList<>(found.getOrDefault("contacts", List.of()));
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

    /** Reads changes, object; one Salesforce create; sets targetId, targetType, written. */
    public void create(Exchange exchange) {
        Map<String, Object> changes = map(exchange, CHANGES);
        String object = string(exchange, OBJECT);
        exchange.setVariable(TARGET_ID, salesforce.create(object, changes));
        exchange.setVariable(TARGET_TYPE, object);
        exchange.setVariable(WRITTEN, changes);
    }

    /** Reads changes, targetType, targetId; one Salesforce update of only those fields; sets written. */
    public void update(Exchange exchange) {
        Map<String, Object> changes = map(exchange, CHANGES);
        salesforce.update(string(exchange, TARGET_TYPE), string(exchange, TARGET_ID), changes);
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

    private String select(SalesforceObject object) {
        Set<String> selected = new LinkedHashSet<>(LOOKUP_FIELDS);
        selected.addAll(fields.salesforceFieldsOf(object));
        return "SELECT " + String.join(", ", selected) + " FROM " + object.apiName();
    }

    private static String matching(String email, String linkedId) {
        String byEmail = "Email = " + SalesforceClient.literal(email);
        return linkedId == null ? byEmail : "(" + byEmail + " OR Id = " + SalesforceClient.literal(linkedId) + ")";
    }
}
