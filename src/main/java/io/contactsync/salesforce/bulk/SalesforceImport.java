package io.contactsync.salesforce.bulk;

import static io.contactsync.sync.SyncVariables.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.BatchCoalescer;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.QueryPage;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.salesforce.InclusionList;
import io.contactsync.salesforce.OwnerDirectory;
import io.contactsync.salesforce.SalesforceLink;
import io.contactsync.salesforce.SalesforceLinkRepository;
import io.contactsync.salesforce.SalesforceObject;
import io.contactsync.salesforce.SalesforceRecordFields;
import io.contactsync.salesforce.SalesforceToHubSpot;
import io.contactsync.salesforce.SyncDirection;
import io.contactsync.sync.Decision;
import io.contactsync.sync.MappingEnvelope;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * R2.12: the steps of routes/salesforce-import.camel.yaml. Every Salesforce Contact, then every unconverted Lead, is
 * read with SOQL (2,000 per batch); per chunk of 100 the HubSpot contacts are read by email (one batch read) and
 * written with one batch upsert by email. Each record goes through the Salesforce -> HubSpot mapping and field rules
 * (the same steps as routes/salesforce-to-hubspot) when there is no inclusion list or its contact is a member; a
 * contact outside the list gets only its email. Links and both snapshots are saved so the pollers see no echo.
 */
@ApplicationScoped
@Named("salesforceImport")
@RegisterForReflection
public class SalesforceImport {

    public static final String ROUTE = "direct:salesforce-import";
    static final String SCENARIO = "salesforce-import";
    static final int CHUNK = 100;
    /** Why HubSpot refused one contact of the chunk's batch upsert. */
    private static final String REFUSED = "refused";

    @Inject
    SalesforceJobs jobs;

    @Inject
    SalesforceClient salesforce;

    @Inject
    HubSpotClient hubspot;

    @Inject
    SalesforceToHubSpot toHubSpot;

    @Inject
    OwnerDirectory owners;

    @Inject
    MappingEnvelope mapping;

    @Inject
    SalesforceRecordFields recordFields;

    @Inject
    SalesforceLinkRepository links;

    @Inject
    InclusionList inclusionList;

    @Inject
    ObjectMapper mapper;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    /** Per job: each email already given to a record, and to which (a Contact before any Lead, the oldest first). */
    private final Map<String, Map<String, String>> claimed = new ConcurrentHashMap<>();

    /** The objects of the request, Contacts first: a Contact wins over a Lead with the same email. */
    public static List<String> objects(List<String> requested) {
        List<String> ordered = new ArrayList<>();
        for (String object : List.of("Contact", "Lead")) {
            if (requested.contains(object)) {
                ordered.add(object);
            }
        }
        return ordered;
    }

    // ---- route steps

    /** Reads the body (the job id) and the job's request; sets the body to the objects to import. */
    public List<String> begin(Exchange exchange) throws JsonProcessingException {
        String job = exchange.getMessage().getBody(String.class);
        claimed.put(job, new HashMap<>());
        Map<?, ?> request = mapper.readValue(String.valueOf(jobs.report(job).get("request")), Map.class);
        return objects(((List<?>) request.get("objects")).stream().map(String::valueOf).toList());
    }

    /** One SOQL query of all the object's records (up to 2,000 returned per batch). */
    public ImportPage firstPage(Exchange exchange) {
        String job = exchange.getProperty(SalesforceJobs.JOB, String.class);
        SalesforceObject object = SalesforceObject.valueOf(exchange.getMessage().getBody(String.class)
                .toUpperCase(Locale.ROOT));
        String soql = "SELECT " + String.join(", ", recordFields.queried(object)) + " FROM " + object.apiName()
                + (object == SalesforceObject.LEAD ? " WHERE IsConverted = false" : "")
                + " ORDER BY CreatedDate ASC, Id ASC";
        QueryPage page = jobs.call(job, SalesforceJobs.Side.SALESFORCE, () -> salesforce.queryPage(soql));
        jobs.addTotal(job, page.totalSize());
        return new ImportPage(job, object, page);
    }

    /** The next batch (queryMore), or null after the last one. */
    public ImportPage nextPage(ImportPage current) {
        if (current.page.done()) {
            return null;
        }
        QueryPage next = jobs.call(current.job, SalesforceJobs.Side.SALESFORCE,
                () -> salesforce.queryMore(current.page.nextRecordsUrl()));
        return new ImportPage(current.job, current.object, next);
    }

    /**
     * R2.11: the campaign names of the page's records, one CampaignMember query per IN list; Salesforce's active users
     * too when a record has an owner to sync and they are due (OwnerDirectory).
     */
    public void readCampaigns(ImportPage page) {
        if (page.page.records().stream().anyMatch(r -> owners.ownerOf(r, SyncDirection.SALESFORCE_TO_HUBSPOT) != null)) {
            jobs.call(page.job, SalesforceJobs.Side.SALESFORCE, () -> {
                owners.refreshSalesforceUsers();
                return null;
            });
        }
        if (!toHubSpot.syncsCampaigns() || page.page.records().isEmpty()) {
            return;
        }
        List<String> ids = page.page.records().stream().map(r -> String.valueOf(r.get("Id"))).toList();
        page.campaigns = jobs.call(page.job, SalesforceJobs.Side.SALESFORCE, () -> salesforce.campaignNames(ids));
    }

    public List<ImportChunk> chunks(ImportPage page) {
        List<ImportChunk> chunks = new ArrayList<>();
        List<Map<String, Object>> records = page.page.records();
        for (int from = 0; from < records.size(); from += CHUNK) {
            chunks.add(new ImportChunk(page.job, page.object, records.subList(from, Math.min(records.size(),
                    from + CHUNK)), page.campaigns));
        }
        return chunks;
    }

    /** One HubSpot batch read by email for the chunk's records; HubSpot's owners too when a record has an owner to sync and they are due. */
    public void readHubSpot(ImportChunk chunk) {
        Set<String> emails = new LinkedHashSet<>();
        chunk.records.forEach(r -> {
            String email = ContactIdentity.email(text(r.get("Email")));
            if (email != null) {
                emails.add(email);
            }
        });
        if (!emails.isEmpty()) {
            chunk.contacts = jobs.call(chunk.job, SalesforceJobs.Side.HUBSPOT,
                    () -> hubspot.batchReadByEmail(new ArrayList<>(emails), toHubSpot.hubspotProperties()));
        }
        if (chunk.records.stream().anyMatch(r -> owners.ownerOf(r, SyncDirection.SALESFORCE_TO_HUBSPOT) != null)) {
            jobs.call(chunk.job, SalesforceJobs.Side.HUBSPOT, () -> {
                owners.refreshHubSpotOwners();
                return null;
            });
        }
    }

    /**
     * Per record: no email, or an email another record of the job took (a Contact wins over a Lead, the oldest
     * record over a newer one): skipped. Outside the inclusion list: only the email (R2.12). Otherwise the mapping
     * and field rules of salesforce-to-hubspot decide the properties.
     */
    public void prepare(ImportChunk chunk) {
        Map<String, String> taken = claimed.get(chunk.job);
        List<String> hubspotIds = chunk.contacts.values().stream().map(c -> String.valueOf(c.get("id"))).toList();
        Map<String, SalesforceLink> linkedContacts = links.byHubSpotIds(hubspotIds);
        for (Map<String, Object> record : chunk.records) {
            String id = String.valueOf(record.get("Id"));
            String email = ContactIdentity.email(text(record.get("Email")));
            String name = chunk.object.apiName() + " " + id;
            if (email == null) {
                chunk.outcomes.add(skipped(id, null, "the Salesforce " + name + " has no Email"));
                continue;
            }
            Map<String, Object> target = chunk.contacts.get(email);
            SalesforceLink linked = target == null ? null : linkedContacts.get(String.valueOf(target.get("id")));
            String winner = taken.get(email);
            if (winner == null && linked != null && !linked.salesforceId().equals(id)
                    && SalesforceLink.CONTACT.equals(linked.salesforceType()) && chunk.object == SalesforceObject.LEAD) {
                winner = "Contact " + linked.salesforceId() + " (linked to HubSpot contact " + linked.hubspotId() + ")";
            }
            if (winner != null) {
                chunk.outcomes.add(skipped(id, email, email + " is also " + winner + ", which wins over " + name
                        + (winner.startsWith("Contact") ? " (a contact wins over a lead)" : " (the oldest record wins)")
                        + ": one HubSpot contact"));
                continue;
            }
            taken.put(email, name);
            String targetId = target == null ? null : String.valueOf(target.get("id"));
            boolean member = inclusionList.listId().isEmpty() || (targetId != null && inclusionList.contains(targetId));
            Exchange mapped = mapped(chunk, record, email, target);
            Map<String, Object> properties = new LinkedHashMap<>();
            if (member) {
                toHubSpot.applyFieldRules(mapped);
                @SuppressWarnings("unchecked")
                Map<String, Object> changes = mapped.getVariable(CHANGES, Map.class);
                properties.putAll(changes);
                if (target == null) {
                    properties.values().removeIf(""::equals);
                }
            } else {
                mapped.setVariable(REASON, "only the email (R2.12): the contact is not in HubSpot inclusion list "
                        + inclusionList.listId().get() + ", its other properties are not synced");
            }
            chunk.mapped.put(id, mapped);
            if (target == null || !properties.isEmpty()) {
                properties.put("email", email);
                chunk.upserts.put(email, properties);
                mapped.setVariable(WRITTEN, properties);
            }
        }
    }

    /** One HubSpot batch upsert by email: creates the new contacts, updates the others. */
    public void write(ImportChunk chunk) {
        if (chunk.upserts.isEmpty()) {
            return;
        }
        BatchCoalescer.Outcomes<HubSpotClient.WriteResult> written = jobs.call(chunk.job, SalesforceJobs.Side.HUBSPOT,
                () -> hubspot.upsertBatch(chunk.upserts));
        chunk.mapped.values().forEach(mapped -> {
            String email = mapped.getVariable(EMAIL, String.class);
            HubSpotClient.WriteResult result = written.results().get(email);
            RuntimeException refused = written.failures().get(email);
            if (result != null) {
                mapped.setVariable(TARGET_ID, result.id());
                mapped.setVariable(DECISION, result.created() ? Decision.CREATED : Decision.UPDATED);
            } else if (refused != null) {
                mapped.setVariable(TARGET_ID, null);
                mapped.setVariable(REFUSED, refused.getMessage());
            }
        });
    }

    /** Saves the links with both snapshots and records the chunk's runs and the job's progress. */
    public void remember(ImportChunk chunk) {
        for (Exchange mapped : chunk.mapped.values()) {
            String id = mapped.getVariable(SOURCE_ID, String.class);
            String email = mapped.getVariable(EMAIL, String.class);
            String reason = mapped.getVariable(REASON, String.class);
            String targetId = mapped.getVariable(TARGET_ID, String.class);
            Decision decision = mapped.getVariable(DECISION, Decision.class);
            if (targetId == null) {
                String refused = mapped.getVariable(REFUSED, String.class);
                chunk.outcomes.add(new SalesforceJobs.Outcome(Decision.FAILED, id, email, null,
                        refused != null ? refused : "HubSpot's batch upsert returned no contact for " + email));
                continue;
            }
            toHubSpot.remember(mapped);
            chunk.outcomes.add(new SalesforceJobs.Outcome(decision == null ? Decision.NO_CHANGE : decision, id, email,
                    targetId, (decision == Decision.CREATED ? "created from the Salesforce " : decision == null
                            ? "nothing to write for the Salesforce " : "updated from the Salesforce ")
                            + mapped.getVariable(SalesforceToHubSpot.SOURCE_OBJECT, String.class) + " " + id + ": "
                            + reason));
        }
        jobs.record(chunk.job, SCENARIO, chunk.outcomes);
    }

    public void finish(Exchange exchange) {
        claimed.remove(exchange.getProperty(SalesforceJobs.JOB, String.class));
    }

    // ----

    /** The record through mappings/salesforce-<object>-to-hubspot.jsonata, with the variables of that route. */
    private Exchange mapped(ImportChunk chunk, Map<String, Object> record, String email, Map<String, Object> target) {
        Exchange exchange = new DefaultExchange(camel);
        String id = String.valueOf(record.get("Id"));
        exchange.setVariable(SOURCE_ID, id);
        exchange.setVariable(SalesforceToHubSpot.SOURCE_OBJECT, chunk.object.apiName());
        exchange.setVariable(SOURCE, record);
        exchange.setVariable(EMAIL, email);
        exchange.setVariable(TARGET, target);
        exchange.setVariable(TARGET_ID, target == null ? null : String.valueOf(target.get("id")));
        exchange.setVariable(SalesforceToHubSpot.CAMPAIGNS, chunk.campaigns.getOrDefault(id, List.of()));
        owners.matchSource(exchange, SyncDirection.SALESFORCE_TO_HUBSPOT);
        try {
            toHubSpot.mappingInput(exchange);
            producer.send("jsonata:file:{{sync.mappings-dir}}/salesforce-"
                    + chunk.object.apiName().toLowerCase(Locale.ROOT)
                    + "-to-hubspot.jsonata?inputType=JsonString&outputType=JsonString", exchange);
            if (exchange.getException() != null) {
                throw new IllegalStateException("mapping " + chunk.object.apiName() + " " + id + " failed: "
                        + exchange.getException().getMessage(), exchange.getException());
            }
            mapping.output(exchange);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mapping " + chunk.object.apiName() + " " + id + " failed", e);
        }
        return exchange;
    }

    private static SalesforceJobs.Outcome skipped(String id, String email, String reason) {
        return new SalesforceJobs.Outcome(Decision.SKIPPED, id, email, null, reason);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
