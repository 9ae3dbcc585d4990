package io.contactsync.salesforce;

import static io.contactsync.sync.SyncExchange.child;
import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncExchange.text;
import static io.contactsync.sync.SyncVariables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.hubspot.HubSpotBatchWrites;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.polling.SalesforceWatermarks;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/**
 * The steps of routes/salesforce-to-hubspot.camel.yaml: a changed Salesforce Lead or Contact (from the poll) -> the
 * HubSpot contact, under the per-field sync rules. Writes go through HubSpot with contact-sync's app token, so
 * HubSpot marks them as the app's own (HubSpotSide.isOwnWrite); salesforce_link keeps both sides' snapshots so the
 * polls of either side recognise the echo.
 */
@ApplicationScoped
@Named("salesforceToHubSpot")
@RegisterForReflection
public class SalesforceToHubSpot {

    public static final String SOURCE_OBJECT = "sourceObject";
    public static final String MAPPING_OBJECT = "mappingObject";
    public static final String LINK = "link";
    public static final String CONVERTED = "converted";
    public static final String NEW_RECORD = "newRecord";
    public static final String IN_LIST = "inList";
    public static final String NEW_RECORDS_CREATE = "newRecordsCreate";
    public static final String INCLUSION_LIST_ID = "inclusionListId";
    public static final String CAMPAIGNS = "campaigns";

    @Inject
    SalesforceSyncSettings settings;

    @Inject
    SalesforceRecordFields recordFields;

    @Inject
    SalesforceLinkRepository links;

    @Inject
    SalesforceClient salesforce;

    @Inject
    HubSpotClient hubspot;

    @Inject
    HubSpotBatchWrites writes;

    @Inject
    InclusionList inclusionList;

    @Inject
    SalesforceWatermarks watermarks;

    @Inject
    ObjectMapper mapper;

    /** The HubSpot properties this direction reads and compares: every mapped one. */
    public List<String> hubspotProperties() {
        List<String> properties = new ArrayList<>(settings.fieldRules().rules().keySet());
        if (!properties.contains("email")) {
            properties.add("email");
        }
        return properties;
    }

    /** Whether the campaign names are read at all (R2.11; not when salesforce_campaigns is dont-sync). */
    public boolean syncsCampaigns() {
        return settings.fieldRules().ruleFor(DefaultMappings.CAMPAIGNS_FIELD.hubspotProperty()) != FieldRule.DONT_SYNC;
    }

    // ---- steps

    public void readEvent(Exchange exchange) {
        Map<String, Object> event = map(exchange, EVENT);
        SalesforceObject object = object(text(event, "object"));
        Map<String, Object> record = child(event, "record");
        String id = text(record, "Id");
        SalesforceLink link = links.bySalesforceId(id).orElse(null);
        exchange.setVariable(SOURCE_ID, id);
        exchange.setVariable(SOURCE_OBJECT, object.apiName());
        exchange.setVariable(MAPPING_OBJECT, object.apiName().toLowerCase(Locale.ROOT));
        exchange.setVariable(SOURCE, record);
        exchange.setVariable(EMAIL, ContactIdentity.email(text(record, "Email")));
        exchange.setVariable(LINK, link);
        exchange.setVariable(OWN_WRITE, link != null && SalesforceSnapshot.same(link.salesforceSnapshot(),
                SalesforceSnapshot.ofRecord(object, record, recordFields.customFields(object))));
        exchange.setVariable(CONVERTED, object == SalesforceObject.LEAD && Boolean.TRUE.equals(record.get("IsConverted")));
    }

    /** The Lead became a Contact: the same HubSpot contact now syncs with the Contact. */
    public void moveConvertedLead(Exchange exchange) {
        String leadId = string(exchange, SOURCE_ID);
        String contactId = text(map(exchange, SOURCE), "ConvertedContactId");
        if (contactId == null) {
            exchange.setVariable(REASON, "Lead " + leadId + " is converted but names no ConvertedContactId: nothing to move");
            return;
        }
        SalesforceLink moved = links.moveToContact(leadId, contactId).orElse(null);
        if (moved == null) {
            exchange.setVariable(REASON, "Lead " + leadId + " was converted into Contact " + contactId
                    + "; it was never synced, the Contact syncs on its own change");
            return;
        }
        exchange.setVariable(TARGET_ID, moved.hubspotId());
        exchange.setVariable(REASON, "Lead " + leadId + " was converted into Contact " + contactId
                + ": the link moved to the Contact, HubSpot contact " + moved.hubspotId() + " stays the one contact");
    }

    /**
     * The HubSpot contact: the linked one (by id), else the one another record of this email was linked to (a Lead
     * and a Contact of one person), else the one with this email. Read ahead for the dispatch batch when possible.
     */
    public void lookup(Exchange exchange) {
        Map<String, Object> prefetched = map(exchange, PREFETCHED);
        boolean readAhead = prefetched != null && prefetched.containsKey("hubspot");
        Map<String, Object> ahead = readAhead ? child(prefetched, "hubspot") : Map.of();
        SalesforceLink link = exchange.getVariable(LINK, SalesforceLink.class);
        String email = string(exchange, EMAIL);
        String linkedId = link != null ? link.hubspotId()
                : links.byEmail(email).stream().map(SalesforceLink::hubspotId).findFirst().orElse(null);
        Map<String, Object> target = null;
        if (linkedId != null) {
            target = linkedId.equals(text(ahead, "id")) ? ahead
                    : hubspot.batchRead(List.of(linkedId), hubspotProperties()).get(linkedId);
        }
        if (target == null) {
            target = readAhead ? (ahead.isEmpty() ? null : ahead)
                    : hubspot.findByEmail(email, hubspotProperties()).orElse(null);
        }
        exchange.setVariable(TARGET, target);
        exchange.setVariable(TARGET_ID, target == null ? null : text(target, "id"));
    }

    /** R2.5: whether the record is new (never synced, created after Salesforce was connected) and in the list. */
    public void checkInclusionList(Exchange exchange) {
        Map<String, Object> record = map(exchange, SOURCE);
        Instant created = SalesforceTime.parse(record.get("CreatedDate"));
        boolean isNew = exchange.getVariable(LINK) == null && created != null
                && !created.isBefore(watermarks.connectedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String targetId = string(exchange, TARGET_ID);
        exchange.setVariable(NEW_RECORD, isNew);
        exchange.setVariable(IN_LIST, inclusionList.listId().isEmpty()
                || (targetId != null && inclusionList.contains(targetId)));
        exchange.setVariable(INCLUSION_LIST_ID, inclusionList.listId().orElse(null));
        exchange.setVariable(NEW_RECORDS_CREATE, settings.config().newSalesforceRecordsCreateHubspotContacts());
    }

    /** R2.11: the names of the record's campaigns, read ahead for the batch or now. */
    public void readCampaigns(Exchange exchange) {
        Map<String, Object> prefetched = map(exchange, PREFETCHED);
        List<?> names;
        if (!syncsCampaigns()) {
            names = List.of();
        } else if (prefetched != null && prefetched.get("campaigns") instanceof List<?> ahead) {
            names = ahead;
        } else {
            String id = string(exchange, SOURCE_ID);
            names = salesforce.campaignNames(List.of(id)).getOrDefault(id, List.of());
        }
        exchange.setVariable(CAMPAIGNS, names);
    }

    /** The mapping file's input (docs/salesforce.md, "What the mapping files get and give"). */
    public void mappingInput(Exchange exchange) throws JsonProcessingException {
        SalesforceObject object = object(string(exchange, SOURCE_OBJECT));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("record", map(exchange, SOURCE));
        Map<String, Object> target = map(exchange, TARGET);
        if (target != null) {
            envelope.put("target", target);
        }
        envelope.put("customFields", settings.customFields());
        envelope.put("objectFields", recordFields.queried(object));
        envelope.put("owners", SalesforceMapping.owners(exchange));
        envelope.put("campaigns", exchange.getVariable(CAMPAIGNS));
        if (object == SalesforceObject.LEAD) {
            envelope.put("fallbacks", settings.fallbacks());
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(envelope));
    }

    /**
     * Each mapped property of the record's object under its rule (FieldSyncRules, Salesforce -> HubSpot): the
     * properties to write ({@code ""} clears one) and a reason naming them, with ownerNote (OwnerDirectory) when the
     * owner has no HubSpot owner or the owners were unavailable.
     */
    public void applyFieldRules(Exchange exchange) {
        SalesforceObject object = object(string(exchange, SOURCE_OBJECT));
        Map<String, Object> record = map(exchange, SOURCE);
        Map<String, Object> payload = map(exchange, PAYLOAD);
        Map<String, Object> target = map(exchange, TARGET);
        Map<String, Object> current = child(target, "properties");
        Instant salesforceTime = SalesforceTime.parse(record.get("LastModifiedDate"));
        Instant hubspotTime = target == null || text(target, "updatedAt") == null ? null
                : Instant.parse(text(target, "updatedAt"));
        List<String> customOnObject = recordFields.customFields(object);
        String ownerNote = string(exchange, OwnerDirectory.OWNER_NOTE);
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        settings.fieldRules().rules().forEach((property, rule) -> {
            MappedField field = DefaultMappings.byProperty(property).orElse(null);
            boolean mapped = field == null
                    ? settings.customMappings().stream().anyMatch(m -> m.hubspotProperty().equals(property)
                            && customOnObject.contains(m.salesforceField()))
                    : field == DefaultMappings.CAMPAIGNS_FIELD || field.fieldOn(object) != null;
            if (!mapped) {
                return;
            }
            if (field != null && field.kind() == MappedField.Kind.OWNER && payload.get("_unmatchedOwner") != null) {
                if (rule != FieldRule.DONT_SYNC) {
                    notes.add((ownerNote != null ? ownerNote : "OwnerId " + payload.get("_unmatchedOwner")
                            + " has no HubSpot owner") + ": " + property + " left as it is");
                }
                return;
            }
            if (field != null && field.kind() == MappedField.Kind.OWNER && ownerNote != null) {
                notes.add(ownerNote);
            }
            boolean checkbox = field != null && field.kind() == MappedField.Kind.BOOLEAN;
            FieldDecision decision = FieldSyncRules.decide(rule,
                    FieldValue.of(value(current.get(property), checkbox), hubspotTime),
                    FieldValue.of(value(payload.get(property), checkbox), salesforceTime),
                    SyncDirection.SALESFORCE_TO_HUBSPOT);
            if (decision.write() == FieldDecision.Write.SET) {
                changes.put(property, decision.value());
            } else if (decision.write() == FieldDecision.Write.CLEAR && target != null) {
                changes.put(property, "");
                notes.add(property + " cleared (" + decision.reason() + ")");
            }
        });
        exchange.setVariable(CHANGES, changes);
        String reason = changes.isEmpty() ? "every mapped property agrees with Salesforce under its sync rule"
                : String.join(", ", changes.keySet()) + (target == null ? " from Salesforce" : " differed");
        exchange.setVariable(REASON, notes.isEmpty() ? reason : reason + "; " + String.join("; ", notes));
    }

    /** A share of one batch upsert by email. */
    public void create(Exchange exchange) throws InterruptedException {
        Map<String, Object> changes = new LinkedHashMap<>(map(exchange, CHANGES));
        changes.values().removeIf(v -> "".equals(v));
        changes.putIfAbsent("email", string(exchange, EMAIL));
        HubSpotClient.WriteResult result = writes.createOrUpdateByEmail(string(exchange, EMAIL), changes);
        exchange.setVariable(TARGET_ID, result.id());
        exchange.setVariable(WRITTEN, changes);
        exchange.setVariable(REASON, (result.created()
                ? "no HubSpot contact linked to " + string(exchange, SOURCE_OBJECT) + " " + string(exchange, SOURCE_ID)
                        + " or with its email: created; "
                : "HubSpot contact " + result.id() + " had the email meanwhile: updated; ")
                + string(exchange, REASON));
    }

    /** A share of one batch update by id. */
    public void update(Exchange exchange) throws InterruptedException {
        Map<String, Object> changes = map(exchange, CHANGES);
        writes.update(string(exchange, TARGET_ID), changes);
        exchange.setVariable(WRITTEN, changes);
    }

    /** Links the record and the HubSpot contact, with both sides as they are after this run. */
    public void remember(Exchange exchange) {
        SalesforceObject object = object(string(exchange, SOURCE_OBJECT));
        Map<String, Object> record = map(exchange, SOURCE);
        Map<String, Object> after = new LinkedHashMap<>(child(map(exchange, TARGET), "properties"));
        Map<String, Object> written = map(exchange, WRITTEN);
        if (written != null) {
            written.forEach((property, value) -> {
                if (value == null || "".equals(value)) {
                    after.remove(property);
                } else {
                    after.put(property, value);
                }
            });
        }
        List<String> customProperties = settings.customMappings().stream().map(CustomMapping::hubspotProperty).toList();
        links.save(SalesforceLink.of(string(exchange, TARGET_ID), string(exchange, SOURCE_ID), object.apiName(),
                string(exchange, EMAIL), SalesforceSnapshot.ofHubSpot(after, customProperties),
                SalesforceSnapshot.ofRecord(object, record, recordFields.customFields(object)),
                SalesforceTime.parse(record.get("SystemModstamp"))));
    }

    private static String value(Object value, boolean checkbox) {
        String text = value == null ? null : value.toString();
        return checkbox && text != null && text.trim().equalsIgnoreCase("false") ? null : text;
    }

    private static SalesforceObject object(String apiName) {
        for (SalesforceObject object : SalesforceObject.values()) {
            if (Objects.equals(object.apiName(), apiName)) {
                return object;
            }
        }
        throw new IllegalArgumentException("the Salesforce event names no Lead or Contact: " + apiName);
    }
}
