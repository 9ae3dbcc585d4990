package io.contactsync.salesforce.bulk;

import static io.contactsync.sync.SyncVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

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
 * Each chunk is recorded with the position after its last record: a resumed job queries from there
 * ({@link ImportPosition}), and knows the emails given out before ({@link ImportClaims}).
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
    SalesforceJobProgress progress;

    @Inject
    ImportClaims claims;

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
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    /** The order of an import: a Contact wins over a Lead with the same email. */
    private static final List<SalesforceObject> ORDER = List.of(SalesforceObject.CONTACT, SalesforceObject.LEAD);

    // ---- route steps

    /**
     * Reads the body (the job id), the job's request and checkpoint; sets the body to where each object's query
     * starts, Contacts first: the objects the checkpoint is past are left out, the one it is in starts after it.
     */
    public List<ImportPosition> begin(Exchange exchange) {
        SalesforceJob job = jobs.job(exchange.getMessage().getBody(String.class));
        List<?> requested = (List<?>) job.request().get("objects");
        ImportPosition checkpoint = job.checkpoint() == null ? null : ImportPosition.parse(job.checkpoint());
        List<ImportPosition> positions = new ArrayList<>();
        for (SalesforceObject object : ORDER) {
            if (!requested.contains(object.apiName())
                    || (checkpoint != null && ORDER.indexOf(object) < ORDER.indexOf(checkpoint.object()))) {
                continue;
            }
            positions.add(checkpoint != null && checkpoint.object() == object ? checkpoint
                    : ImportPosition.start(object));
        }
        return positions;
    }

    /** One SOQL query of the object's records from the position on (up to 2,000 returned per batch). */
    public ImportPage firstPage(Exchange exchange) {
        String job = exchange.getProperty(SalesforceJobs.JOB, String.class);
        ImportPosition position = exchange.getMessage().getBody(ImportPosition.class);
        SalesforceObject object = position.object();
        List<String> conditions = new ArrayList<>();
        if (object == SalesforceObject.LEAD) {
            conditions.add("IsConverted = false");
        }
        position.after().ifPresent(conditions::add);
        String soql = "SELECT " + String.join(", ", recordFields.queried(object)) + " FROM " + object.apiName()
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY CreatedDate ASC, Id ASC";
        QueryPage page = progress.call(job, SalesforceJobProgress.Side.SALESFORCE, () -> salesforce.queryPage(soql));
        progress.addTotal(job, page.totalSize());
        return new ImportPage(job, object, page);
    }

    /** The next batch (queryMore), or null after the last one. */
    public ImportPage nextPage(ImportPage current) {
        if (current.page.done()) {
            return null;
        }
        QueryPage next = progress.call(current.job, SalesforceJobProgress.Side.SALESFORCE,
                () -> salesforce.queryMore(current.page.nextRecordsUrl()));
        return new ImportPage(current.job, current.object, next);
    }

    /**
     * R2.11: the campaign names of the page's records, one CampaignMember query per IN list; Salesforce's active users
     * too when a record has an owner to sync and they are due (OwnerDirectory).
     */
    public void readCampaigns(ImportPage page) {
        if (page.page.records().stream().anyMatch(r -> owners.ownerOf(r, SyncDirection.SALESFORCE_TO_HUBSPOT) != null)) {
            progress.call(page.job, SalesforceJobProgress.Side.SALESFORCE, () -> {
                owners.refreshSalesforceUsers();
                return null;
            });
        }
        if (!toHubSpot.syncsCampaigns() || page.page.records().isEmpty()) {
            return;
        }
        List<String> ids = page.page.records().stream().map(r -> String.valueOf(r.get("Id"))).toList();
        page.campaigns = progress.call(page.job, SalesforceJobProgress.Side.SALESFORCE,
                () -> salesforce.campaignNames(ids));
    }

    public List<ImportChunk> chunks(ImportPage page) {
        return JobChunk.slices(page.page.records(), CHUNK).stream()
                .map(records -> new ImportChunk(page.job, page.object, records, page.campaigns)).toList();
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
            chunk.contacts = progress.call(chunk.job, SalesforceJobProgress.Side.HUBSPOT,
                    () -> hubspot.batchReadByEmail(new ArrayList<>(emails), toHubSpot.hubspotProperties()));
        }
        if (chunk.records.stream().anyMatch(r -> owners.ownerOf(r, SyncDirection.SALESFORCE_TO_HUBSPOT) != null)) {
            progress.call(chunk.job, SalesforceJobProgress.Side.HUBSPOT, () -> {
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
        Map<String, String> taken = claims.of(chunk.job, chunk.records.stream()
                .map(r -> ContactIdentity.email(text(r.get("Email")))).filter(Objects::nonNull).toList());
        List<String> hubspotIds = chunk.contacts.values().stream().map(c -> String.valueOf(c.get("id"))).toList();
        Map<String, SalesforceLink> linkedContacts = links.byHubSpotIds(hubspotIds);
        for (Map<String, Object> record : chunk.records) {
            String id = String.valueOf(record.get("Id"));
            String email = ContactIdentity.email(text(record.get("Email")));
            String name = chunk.object.apiName() + " " + id;
            if (email == null) {
                chunk.outcomes.add(JobOutcome.skipped(id, null, "the Salesforce " + name + " has no Email"));
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
                chunk.outcomes.add(JobOutcome.skipped(id, email, email + " is also " + winner + ", which wins over "
                        + name + (winner.startsWith("Contact") ? " (a contact wins over a lead)"
                                : " (the oldest record wins)") + ": one HubSpot contact"));
                continue;
            }
            taken.put(email, name);
            chunk.claims.put(email, name);
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
        BatchCoalescer.Outcomes<HubSpotClient.WriteResult> written = progress.call(chunk.job,
                SalesforceJobProgress.Side.HUBSPOT, () -> hubspot.upsertBatch(chunk.upserts));
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

    /**
     * Saves the links with both snapshots and records the chunk's runs, the job's progress and the emails the chunk
     * gave out.
     */
    public void remember(ImportChunk chunk) {
        for (Exchange mapped : chunk.mapped.values()) {
            String id = mapped.getVariable(SOURCE_ID, String.class);
            String email = mapped.getVariable(EMAIL, String.class);
            String reason = mapped.getVariable(REASON, String.class);
            String targetId = mapped.getVariable(TARGET_ID, String.class);
            Decision decision = mapped.getVariable(DECISION, Decision.class);
            if (targetId == null) {
                String refused = mapped.getVariable(REFUSED, String.class);
                chunk.outcomes.add(new JobOutcome(Decision.FAILED, id, email, null,
                        refused != null ? refused : "HubSpot's batch upsert returned no contact for " + email));
                continue;
            }
            toHubSpot.remember(mapped);
            chunk.outcomes.add(new JobOutcome(decision == null ? Decision.NO_CHANGE : decision, id, email,
                    targetId, (decision == Decision.CREATED ? "created from the Salesforce " : decision == null
                            ? "nothing to write for the Salesforce " : "updated from the Salesforce ")
                            + mapped.getVariable(SalesforceToHubSpot.SOURCE_OBJECT, String.class) + " " + id + ": "
                            + reason));
        }
        progress.record(chunk, SCENARIO, c -> claims.save(c, chunk.job, chunk.claims));
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

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
