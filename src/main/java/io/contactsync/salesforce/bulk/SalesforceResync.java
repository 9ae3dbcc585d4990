package io.contactsync.salesforce.bulk;

import static io.contactsync.salesforce.SalesforceVariables.*;
import static io.contactsync.sync.SyncVariables.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.EmailMatch;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.client.salesforce.SaveResult;
import io.contactsync.salesforce.InclusionList;
import io.contactsync.salesforce.OwnerDirectory;
import io.contactsync.salesforce.SalesforceFields;
import io.contactsync.salesforce.SalesforceLink;
import io.contactsync.salesforce.SalesforceLinkRepository;
import io.contactsync.salesforce.SalesforceMapping;
import io.contactsync.salesforce.SalesforceObject;
import io.contactsync.salesforce.SalesforceSide;
import io.contactsync.salesforce.SyncDirection;
import io.contactsync.sync.Decision;
import io.contactsync.sync.SyncExchange;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * R2.7: the steps of routes/salesforce-resync.camel.yaml. A HubSpot list's members (250 per call) are read in chunks
 * of 2,000 (HubSpot batch read, 100 per call), looked up in Salesforce by email in bulk (SOQL IN), routed by
 * lifecycle stage (R3), mapped and decided field by field as routes/hubspot-to-salesforce does, and written with sObject
 * Collections (200 per call); a record Salesforce refuses is reported with its error codes and fields, the others are
 * written. Each chunk is recorded with its last member's record id: a resumed job reads the list again and goes on
 * after it.
 */
@ApplicationScoped
@Named("salesforceResync")
@RegisterForReflection
public class SalesforceResync {

    public static final String ROUTE = "direct:salesforce-resync";
    static final String SCENARIO = "salesforce-resync";
    static final int CHUNK = 2_000;

    @Inject
    SalesforceJobs jobs;

    @Inject
    SalesforceJobProgress progress;

    @Inject
    HubSpotClient hubspot;

    @Inject
    SalesforceClient salesforce;

    @Inject
    SalesforceFields fields;

    @Inject
    SalesforceMapping mapping;

    @Inject
    OwnerDirectory owners;

    @Inject
    SalesforceSide side;

    @Inject
    SalesforceLinkRepository links;

    @Inject
    InclusionList inclusionList;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    // ---- route steps

    /**
     * Reads the body (the job id), the job's request and checkpoint; the list's members (250 per call), ascending by
     * record id, those after the checkpoint in chunks of 2,000. A record id never changes: the members left after a
     * restart are the ones after the last chunk recorded, even if the list changed meanwhile (an offset would not be).
     */
    public List<ResyncChunk> readMembers(Exchange exchange) {
        SalesforceJob job = jobs.job(exchange.getMessage().getBody(String.class));
        String listId = String.valueOf(job.request().get("listId"));
        List<String> members = new ArrayList<>(progress.call(job.id(), SalesforceJobProgress.Side.HUBSPOT,
                () -> hubspot.listMembers(listId)));
        // HubSpot answers them in this order already; sorted here, the checkpoint does not depend on it
        members.sort(Comparator.comparing(Long::valueOf));
        if (job.checkpoint() != null) {
            long after = Long.parseLong(job.checkpoint());
            members.removeIf(member -> Long.parseLong(member) <= after);
        }
        progress.addTotal(job.id(), members.size());
        return JobChunk.slices(members, CHUNK).stream().map(ids -> new ResyncChunk(job.id(), ids)).toList();
    }

    /** One HubSpot batch read per 100 contacts; HubSpot's owners too when a contact has one and they are due. */
    public void readContacts(ResyncChunk chunk) {
        chunk.contacts = progress.call(chunk.job, SalesforceJobProgress.Side.HUBSPOT,
                () -> hubspot.batchRead(chunk.hubspotIds, fields.hubspotProperties()));
        if (chunk.contacts.values().stream().anyMatch(c -> owners.ownerOf(c, SyncDirection.HUBSPOT_TO_SALESFORCE) != null)) {
            progress.call(chunk.job, SalesforceJobProgress.Side.HUBSPOT, () -> {
                owners.refreshHubSpotOwners();
                return null;
            });
        }
    }

    /**
     * The rules of hubspot-to-salesforce that need no Salesforce record: deleted, no email, outside the inclusion
     * list (R2.3), stage in neither set (R3). The others become candidates.
     */
    public void check(ResyncChunk chunk) {
        Map<String, SalesforceLink> linked = links.byHubSpotIds(chunk.hubspotIds);
        for (String id : chunk.hubspotIds) {
            Map<String, Object> contact = chunk.contacts.get(id);
            if (contact == null) {
                chunk.outcomes.add(JobOutcome.skipped(id, null, "HubSpot no longer has contact " + id));
                continue;
            }
            Exchange exchange = new DefaultExchange(camel);
            exchange.setVariable(SOURCE_ID, id);
            exchange.setVariable(PREFETCHED, contact);
            side.loadContact(exchange);
            String email = exchange.getVariable(EMAIL, String.class);
            if (email == null) {
                chunk.outcomes.add(JobOutcome.skipped(id, null,
                        "the contact has no email (Salesforce matches people by email)"));
                continue;
            }
            if (inclusionList.listId().isPresent() && !inclusionList.contains(id)) {
                chunk.outcomes.add(JobOutcome.skipped(id, email, "not a member of HubSpot inclusion list "
                        + inclusionList.listId().get() + " (R2.3): a resync sends only members"));
                continue;
            }
            side.routeByStage(exchange);
            if (exchange.getVariable(OBJECT) == null) {
                chunk.outcomes.add(JobOutcome.skipped(id, email, exchange.getVariable(STAGE_REASON, String.class)));
                continue;
            }
            exchange.setVariable(LINK, linked.get(id));
            chunk.candidates.put(id, exchange);
        }
    }

    /** The Leads and Contacts with the candidates' emails: one Salesforce query per object per IN list. */
    public void lookup(ResyncChunk chunk) {
        Set<String> emails = new LinkedHashSet<>();
        chunk.candidates.values().forEach(e -> emails.add(e.getVariable(EMAIL, String.class)));
        if (emails.isEmpty()) {
            return;
        }
        List<String> leadFields = selected(SalesforceObject.LEAD);
        List<String> contactFields = selected(SalesforceObject.CONTACT);
        chunk.matches = progress.call(chunk.job, SalesforceJobProgress.Side.SALESFORCE,
                () -> salesforce.findByEmails(emails, leadFields, contactFields));
        if (chunk.candidates.values().stream().anyMatch(e -> owners.ownerOf(SyncExchange.map(e, SOURCE),
                SyncDirection.HUBSPOT_TO_SALESFORCE) != null)) {
            progress.call(chunk.job, SalesforceJobProgress.Side.SALESFORCE, () -> {
                owners.refreshSalesforceUsers();
                return null;
            });
        }
    }

    /**
     * Per candidate: the record to write (the linked one among the matches, else the winner, R2.8), the mapping and
     * the field rules of hubspot-to-salesforce; a create, an update or no change.
     */
    public void prepare(ResyncChunk chunk) {
        for (Exchange exchange : chunk.candidates.values()) {
            String id = exchange.getVariable(SOURCE_ID, String.class);
            String email = exchange.getVariable(EMAIL, String.class);
            target(exchange, chunk.matches.get(email));
            owners.matchSource(exchange, SyncDirection.HUBSPOT_TO_SALESFORCE);
            try {
                mapping.input(exchange);
                producer.send("jsonata:file:{{sync.mappings-dir}}/" + exchange.getVariable(MAPPING_FILE, String.class)
                        + "?inputType=JsonString&outputType=JsonString", exchange);
                if (exchange.getException() != null) {
                    chunk.outcomes.add(new JobOutcome(Decision.FAILED, id, email, null, "mapping failed: "
                            + exchange.getException().getMessage()));
                    exchange.setVariable(DECISION, Decision.FAILED);
                    continue;
                }
                mapping.output(exchange);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("mapping contact " + id + " failed", e);
            }
            if (exchange.getVariable(TARGET) == null && exchange.getVariable(MISSING_REQUIRED) != null) {
                chunk.outcomes.add(JobOutcome.skipped(id, email,
                        exchange.getVariable(MISSING_REQUIRED, String.class)));
                exchange.setVariable(DECISION, Decision.SKIPPED);
                continue;
            }
            mapping.applyFieldRules(exchange);
            @SuppressWarnings("unchecked")
            Map<String, Object> changes = exchange.getVariable(CHANGES, Map.class);
            String targetId = exchange.getVariable(TARGET_ID, String.class);
            String object = exchange.getVariable(TARGET_TYPE, String.class);
            if (targetId == null) {
                object = exchange.getVariable(OBJECT, String.class);
                chunk.creates.computeIfAbsent(object, o -> new ArrayList<>()).add(changes);
                chunk.createdFor.computeIfAbsent(object, o -> new ArrayList<>()).add(id);
            } else if (changes.isEmpty()) {
                exchange.setVariable(DECISION, Decision.NO_CHANGE);
            } else {
                Map<String, Object> update = new LinkedHashMap<>(changes);
                update.put("Id", targetId);
                chunk.updates.computeIfAbsent(object, o -> new ArrayList<>()).add(update);
                chunk.updatedFor.computeIfAbsent(object, o -> new ArrayList<>()).add(id);
            }
        }
    }

    /** sObject Collections: one Salesforce call per 200 records and object, creates and updates apart. */
    public void write(ResyncChunk chunk) {
        chunk.creates.forEach((object, records) -> apply(chunk, object, chunk.createdFor.get(object), records,
                progress.call(chunk.job, SalesforceJobProgress.Side.SALESFORCE,
                        () -> salesforce.createAll(object, records)),
                Decision.CREATED));
        chunk.updates.forEach((object, records) -> apply(chunk, object, chunk.updatedFor.get(object), records,
                progress.call(chunk.job, SalesforceJobProgress.Side.SALESFORCE,
                        () -> salesforce.updateAll(object, records)),
                Decision.UPDATED));
    }

    /** Saves the links of the records written or found equal; records the runs and the job's progress. */
    public void remember(ResyncChunk chunk) {
        for (Exchange exchange : chunk.candidates.values()) {
            Decision decision = exchange.getVariable(DECISION, Decision.class);
            if (decision == Decision.CREATED || decision == Decision.UPDATED || decision == Decision.NO_CHANGE) {
                side.remember(exchange);
                chunk.outcomes.add(new JobOutcome(decision, exchange.getVariable(SOURCE_ID, String.class),
                        exchange.getVariable(EMAIL, String.class), exchange.getVariable(TARGET_ID, String.class),
                        (decision == Decision.CREATED ? "created " + exchange.getVariable(TARGET_TYPE) + "; " : "")
                                + exchange.getVariable(REASON, String.class)));
            }
        }
        progress.record(chunk, SCENARIO);
    }

    // ----

    private void apply(ResyncChunk chunk, String object, List<String> hubspotIds, List<Map<String, Object>> records,
            List<SaveResult> results, Decision decision) {
        for (int i = 0; i < hubspotIds.size(); i++) {
            Exchange exchange = chunk.candidates.get(hubspotIds.get(i));
            SaveResult result = results.get(i);
            if (result.success()) {
                Map<String, Object> written = new LinkedHashMap<>(records.get(i));
                written.remove("Id");
                exchange.setVariable(TARGET_ID, result.id() != null ? result.id() : exchange.getVariable(TARGET_ID));
                exchange.setVariable(TARGET_TYPE, object);
                exchange.setVariable(WRITTEN, written);
                exchange.setVariable(DECISION, decision);
            } else {
                exchange.setVariable(DECISION, Decision.FAILED);
                chunk.outcomes.add(new JobOutcome(Decision.FAILED, hubspotIds.get(i),
                        exchange.getVariable(EMAIL, String.class), exchange.getVariable(TARGET_ID, String.class),
                        "salesforce " + (decision == Decision.CREATED ? "create " : "update ") + object + " rejected: "
                                + result.describe()));
            }
        }
    }

    private void target(Exchange exchange, EmailMatch match) {
        SalesforceLink link = exchange.getVariable(LINK, SalesforceLink.class);
        if (match != null && link != null) {
            Optional<Map<String, Object>> linked = (SalesforceLink.LEAD.equals(link.salesforceType()) ? match.leads()
                    : match.contacts()).stream().filter(r -> link.salesforceId().equals(r.get("Id"))).findFirst();
            if (linked.isPresent()) {
                set(exchange, link.salesforceType(), linked.get(), link.salesforceType() + " " + link.salesforceId()
                        + " (linked to this contact by an earlier sync)");
                return;
            }
        }
        Optional<EmailMatch.Winner> winner = match == null ? Optional.empty() : match.winner();
        if (winner.isPresent()) {
            set(exchange, winner.get().type(), winner.get().record(), winner.get().reason());
            return;
        }
        exchange.setVariable(TARGET, null);
        exchange.setVariable(TARGET_TYPE, null);
        exchange.setVariable(TARGET_ID, null);
        exchange.setVariable(MATCH_REASON, "no Lead or Contact has " + exchange.getVariable(EMAIL));
    }

    private static void set(Exchange exchange, String type, Map<String, Object> record, String reason) {
        exchange.setVariable(TARGET, record);
        exchange.setVariable(TARGET_TYPE, type);
        exchange.setVariable(TARGET_ID, String.valueOf(record.get("Id")));
        exchange.setVariable(MATCH_REASON, reason);
    }

    private List<String> selected(SalesforceObject object) {
        List<String> selected = new ArrayList<>(fields.salesforceFieldsOf(object));
        selected.add("LastModifiedDate");
        return selected;
    }

}
