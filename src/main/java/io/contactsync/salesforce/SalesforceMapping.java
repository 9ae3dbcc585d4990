package io.contactsync.salesforce;

import static io.contactsync.salesforce.SalesforceVariables.*;
import static io.contactsync.sync.SyncExchange.child;
import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncVariables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/**
 * The mapping steps of routes/hubspot-to-salesforce.camel.yaml: the envelope for the object's mapping file
 * (docs/salesforce.md, "What the mapping files get and give"), its output split into fields and instructions, and
 * the per-field sync rules (FieldSyncRules, HubSpot -> Salesforce) that decide what is sent.
 */
@ApplicationScoped
@Named("salesforceMapping")
@RegisterForReflection
public class SalesforceMapping {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String OWNER_FIELD = "OwnerId";
    /** Salesforce keeps an email's case as typed; the mapping sends it in lower case: equal when case aside. */
    private static final String EMAIL_FIELD = "Email";

    @Inject
    ObjectMapper mapper;

    @Inject
    SalesforceSyncSettings settings;

    @Inject
    SalesforceFields fields;

    /**
     * Reads source, target, targetType, object; sets mappingFile (the existing record's type wins over the stage's)
     * and the body to the mapping's input.
     */
    public void input(Exchange exchange) throws JsonProcessingException {
        SalesforceObject object = objectOf(exchange);
        exchange.setVariable(MAPPING_FILE, "hubspot-to-salesforce-" + object.apiName().toLowerCase() + ".jsonata");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("contact", map(exchange, SOURCE));
        if (map(exchange, TARGET) != null) {
            envelope.put("target", map(exchange, TARGET));
        }
        envelope.put("customFields", settings.customFields());
        envelope.put("owners", owners(exchange));
        if (object == SalesforceObject.LEAD) {
            envelope.put("fallbacks", settings.fallbacks());
        } else {
            settings.config().defaultAccountId().filter(id -> !id.isBlank())
                    .ifPresent(id -> envelope.put("accountId", id.trim()));
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(envelope));
    }

    /**
     * Reads the body (the mapping's output); sets payload (the fields, no "_" key), missingRequired (the reason a
     * create cannot be sent, null: it can), mappingNotes (fallbacks used, unmatched owner, invalid values) and
     * undecidedFields (fields the rules must leave alone: an invalid value or an unmatched owner is not a blank).
     * Reads ownerNote (OwnerDirectory): why the owner has no Salesforce user, or that the owners were unavailable.
     */
    public void output(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> out = mapper.readValue(exchange.getMessage().getBody(String.class), MAP);
        Map<String, Object> payload = new LinkedHashMap<>();
        out.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                payload.put(k, v);
            }
        });
        SalesforceObject object = objectOf(exchange);
        List<String> notes = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> fallbacks = names(out.get("_fallbacksUsed"));
        if (!fallbacks.isEmpty()) {
            notes.add("fallbacks used: " + String.join(", ", fallbacks) + (object == SalesforceObject.LEAD
                    ? " from salesforce.sync.new-lead.* (HubSpot has none)"
                    : " from salesforce.sync.default-account-id (the contact names no salesforce_account_id)"));
        }
        String ownerNote = string(exchange, OwnerDirectory.OWNER_NOTE);
        if (out.get("_unmatchedOwner") != null) {
            undecided.add(OWNER_FIELD);
            if (settings.fieldRules().ruleFor(OwnerDirectory.OWNER_PROPERTY) != FieldRule.DONT_SYNC) {
                notes.add((ownerNote != null ? ownerNote : "HubSpot owner " + out.get("_unmatchedOwner")
                        + " has no matching Salesforce user") + ": OwnerId not written");
            }
        } else if (ownerNote != null) {
            notes.add(ownerNote);
        }
        List<String> invalid = names(out.get("_invalidValues"));
        if (!invalid.isEmpty()) {
            notes.add("not a valid value for " + String.join(", ", invalid) + ": not written");
            undecided.addAll(invalid);
        }
        List<String> missing = names(out.get("_missingRequired"));
        exchange.setVariable(PAYLOAD, payload);
        exchange.setVariable(MAPPING_NOTES, notes);
        exchange.setVariable(UNDECIDED_FIELDS, undecided);
        exchange.setVariable(MISSING_REQUIRED, missing.isEmpty() ? null : missingReason(object, missing));
    }

    /**
     * The field rules, HubSpot -> Salesforce. Reads payload, target, source, link, undecidedFields, matchReason,
     * stageReason, mappingNotes; sets changes (only the fields a rule writes: a value, or null to clear) and reason.
     */
    public void applyFieldRules(Exchange exchange) {
        SalesforceObject object = objectOf(exchange);
        Map<String, Object> payload = map(exchange, PAYLOAD);
        Map<String, Object> target = map(exchange, TARGET);
        Map<String, Object> properties = child(map(exchange, SOURCE), "properties");
        SalesforceLink link = exchange.getVariable(LINK, SalesforceLink.class);
        List<?> undecided = exchange.getVariable(UNDECIDED_FIELDS, List.class);
        Instant hubspotChanged = SalesforceTimes.parse(Objects.toString(properties.get("lastmodifieddate"), null));
        Instant salesforceChanged = target == null ? null
                : SalesforceTimes.parse(Objects.toString(target.get("LastModifiedDate"), null));
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (SalesforceFields.Field field : fields.on(object)) {
            String name = field.salesforceField();
            if (undecided.contains(name) || changes.containsKey(name)) {
                continue;
            }
            Object wanted = payload.get(name);
            FieldValue hubspot = FieldValue.of(wanted == null ? null : wanted.toString(),
                    changedSinceLastSync(field, properties, link) ? hubspotChanged : null);
            Object current = target == null ? null : target.get(name);
            FieldValue salesforce = FieldValue.of(current == null ? null : EMAIL_FIELD.equals(name)
                    ? current.toString().toLowerCase(Locale.ROOT) : current.toString(), salesforceChanged);
            FieldDecision decision = FieldSyncRules.decide(field.rule(), hubspot, salesforce,
                    SyncDirection.HUBSPOT_TO_SALESFORCE);
            if (decision.write() == FieldDecision.Write.SET) {
                changes.put(name, wanted);
            } else if (decision.write() == FieldDecision.Write.CLEAR && !OWNER_FIELD.equals(name)) {
                changes.put(name, null);
            } else if (target != null && !hubspot.blank() && !FieldSyncRules.same(hubspot, salesforce)) {
                kept.add(name + " (" + decision.reason() + ")");
            }
        }
        exchange.setVariable(CHANGES, changes);
        exchange.setVariable(REASON, reason(exchange, target, changes, kept));
    }

    private String reason(Exchange exchange, Map<String, Object> target, Map<String, Object> changes,
            List<String> kept) {
        List<String> parts = new ArrayList<>();
        parts.add(string(exchange, MATCH_REASON));
        String stageObject = string(exchange, OBJECT);
        String targetType = string(exchange, TARGET_TYPE);
        if (target == null) {
            parts.add(string(exchange, STAGE_REASON) + ": a new " + stageObject);
        } else if (stageObject != null && !stageObject.equals(targetType)) {
            parts.add("updated as the " + targetType + " it is, although " + string(exchange, STAGE_REASON)
                    + " (an existing record keeps its type; only new records follow the stage, R3)");
        }
        if (target != null) {
            parts.add(changes.isEmpty() ? "no field to send" : "sent " + describe(changes));
        }
        if (!kept.isEmpty()) {
            parts.add("kept Salesforce's " + String.join(", ", kept));
        }
        List<?> notes = exchange.getVariable(MAPPING_NOTES, List.class);
        notes.forEach(note -> parts.add(note.toString()));
        return String.join("; ", parts);
    }

    /** With no earlier sync every property counts as changed at the contact's lastmodifieddate. */
    private static boolean changedSinceLastSync(SalesforceFields.Field field, Map<String, Object> properties,
            SalesforceLink link) {
        if (link == null || link.hubspotSnapshot() == null) {
            return true;
        }
        Object now = properties.get(field.hubspotProperty());
        String current = now == null || now.toString().isBlank() ? null : now.toString().trim();
        return !Objects.equals(current, link.hubspotSnapshot().get(field.hubspotProperty()));
    }

    private static String describe(Map<String, Object> changes) {
        List<String> names = new ArrayList<>();
        changes.forEach((name, value) -> names.add(value == null ? name + " (cleared)" : name));
        return String.join(", ", names);
    }

    private static String missingReason(SalesforceObject object, List<String> missing) {
        String why = object == SalesforceObject.CONTACT && missing.contains("AccountId")
                ? "the contact has no salesforce_account_id and salesforce.sync.default-account-id is not set"
                : "HubSpot has no value and the salesforce.sync.new-lead.* fallback is empty";
        return "new " + object.apiName() + " not created: " + String.join(", ", missing) + " missing (" + why
                + "); it is created at the contact's next change (or a resync) once the value is there";
    }

    /** The owners variable (OwnerDirectory) when a step set it; none otherwise. */
    static List<?> owners(Exchange exchange) {
        List<?> owners = exchange.getVariable(OwnerDirectory.OWNERS, List.class);
        return owners == null ? List.of() : owners;
    }

    private static List<String> names(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static SalesforceObject objectOf(Exchange exchange) {
        String type = string(exchange, TARGET_TYPE);
        return SalesforceObject.valueOf((type != null ? type : string(exchange, OBJECT)).toUpperCase());
    }
}
