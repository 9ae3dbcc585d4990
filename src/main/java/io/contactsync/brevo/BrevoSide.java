package io.contactsync.brevo;

import static io.contactsync.brevo.BrevoVariables.*;
import static io.contactsync.sync.SyncExchange.child;
import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncExchange.text;
import static io.contactsync.sync.SyncVariables.*;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.contactsync.client.VendorRejectedException;
import io.contactsync.client.brevo.BrevoBatchWrites;
import io.contactsync.client.brevo.BrevoClient;
import io.contactsync.client.brevo.BrevoDuplicateException;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/** Steps of the hubspot-to-brevo routes (R4): one HubSpot list member -> the integration's Brevo list. */
@ApplicationScoped
@Named("brevoSide")
@RegisterForReflection
public class BrevoSide {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Inject
    BrevoIntegrations integrations;

    @Inject
    BrevoMembers members;

    @Inject
    BrevoClient brevo;

    @Inject
    BrevoBatchWrites batchWrites;

    @Inject
    HubSpotClient hubspot;

    @Inject
    TaskQuota quota;

    @Inject
    ObjectMapper mapper;

    // ---- source

    /** The HubSpot contact id, the integration and what is known of the member (in the list? written?). */
    public void readEvent(Exchange exchange) {
        String id = text(map(exchange, EVENT), "objectId");
        Integration integration = integration(exchange);
        exchange.setVariable(SOURCE_ID, id);
        exchange.setVariable(MAPPING_FILE, integration.mapping().file());
        BrevoMember member = members.find(integration.name(), id).orElse(null);
        exchange.setVariable(MEMBER, member);
        exchange.setVariable(IN_LIST, member != null && member.inList());
        exchange.setVariable(IN_BREVO_LIST, member != null && member.inBrevoList());
        exchange.setVariable(TARGET_ID, member == null || member.brevoId() == null ? null : member.brevoId().toString());
    }

    /** The contact's current HubSpot state: read in bulk by the dispatcher, or read now; null when it is gone. */
    public void load(Exchange exchange) {
        String id = string(exchange, SOURCE_ID);
        Map<String, Object> contact = map(exchange, PREFETCHED);
        if (contact == null) {
            contact = hubspot.batchRead(List.of(id), integration(exchange).mapping().hubspotProperties()).get(id);
        } else if (contact.isEmpty()) {
            contact = null;
        }
        exchange.setVariable(SOURCE, contact);
        if (contact == null) {
            exchange.setVariable(IN_LIST, false);
        } else {
            exchange.setVariable(EMAIL, ContactIdentity.email(text(child(contact, "properties"), "email")));
        }
    }

    // ---- mapping (direct:hubspot-to-brevo-map)

    public void mappingInput(Exchange exchange) throws JsonProcessingException {
        exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("contact", map(exchange, SOURCE))));
    }

    public void mappingOutput(Exchange exchange) throws JsonProcessingException {
        String body = exchange.getMessage().getBody(String.class);
        exchange.setVariable(PAYLOAD, body == null || body.isBlank() ? Map.of() : mapper.readValue(body, MAP));
    }

    /**
     * Brevo's rules on the mapped contact: SMS in international format with 6-16 digits (R4.9), typed attribute
     * values (R4.11), no read-only attributes (R4.10), subscription status only when configured (R4.7). Also tells
     * whether this is what was last written (then nothing is sent), whether the email changed, and whether the
     * contact is known: written to the Brevo list before, linked by its Brevo id or email, email unchanged since.
     */
    public void prepare(Exchange exchange) {
        Integration integration = integration(exchange);
        Map<String, Object> mapped = map(exchange, PAYLOAD);
        Prepared p = prepare(integration, mapped);
        BrevoMember member = exchange.getVariable(MEMBER, BrevoMember.class);
        exchange.setVariable(PAYLOAD, p.payload());
        exchange.setVariable(EMAIL, p.email());
        exchange.setVariable(SMS_PROBLEM, p.smsProblem());
        exchange.setVariable(NO_IDENTIFIER, p.email() == null && p.sms() == null && p.smsProblem() == null);
        exchange.setVariable(NOTES, p.notes().isEmpty() ? null : String.join("; ", p.notes()));
        exchange.setVariable(FINGERPRINT, p.fingerprint());
        exchange.setVariable(UNCHANGED, member != null && member.inBrevoList()
                && p.fingerprint().equals(member.fingerprint()));
        exchange.setVariable(EMAIL_CHANGED, member != null && member.brevoEmail() != null && p.email() != null
                && !p.email().equals(member.brevoEmail()));
        exchange.setVariable(KNOWN_CONTACT, member != null && member.inBrevoList()
                && (member.brevoId() != null || member.brevoEmail() != null)
                && Objects.equals(p.email(), member.brevoEmail()));
    }

    /** The mapped contact made ready for Brevo; shared with the initial sync. */
    public record Prepared(Map<String, Object> payload, String email, String sms, String smsProblem,
            List<String> notes, String fingerprint) {
    }

    public Prepared prepare(Integration integration, Map<String, Object> mapped) {
        String email = ContactIdentity.email(text(mapped, "email"));
        List<String> notes = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        child(mapped, "attributes").forEach((name, value) -> {
            BrevoAttribute attribute = integration.attributes().get(name);
            if (value == null || String.valueOf(value).isBlank()) {
                return;
            }
            if (attribute != null && attribute.readOnly()) {
                notes.add(name + " is read-only in Brevo; not written (R4.10)");
            } else {
                attributes.put(name, value);
            }
        });
        String sms = null;
        String smsProblem = null;
        Object phone = attributes.remove("SMS");
        if (phone != null) {
            Optional<String> international = SmsNumber.international(String.valueOf(phone));
            sms = international.orElse(null);
            smsProblem = international.isEmpty() ? SmsNumber.problem(String.valueOf(phone)) : null;
        }
        AttributeValues.Converted converted = AttributeValues.convert(attributes, integration.attributes());
        notes.addAll(converted.notes());
        Map<String, Object> payload = new LinkedHashMap<>();
        if (email != null) {
            payload.put("email", email);
        }
        Map<String, Object> brevoAttributes = new LinkedHashMap<>(converted.attributes());
        if (sms != null) {
            brevoAttributes.put("SMS", sms);
        }
        payload.put("attributes", brevoAttributes);
        if (integration.carrySubscriptionStatus() && mapped.get("emailBlacklisted") != null) {
            payload.put("emailBlacklisted", Boolean.parseBoolean(String.valueOf(mapped.get("emailBlacklisted"))));
        }
        return new Prepared(payload, email, sms, smsProblem, notes, fingerprint(payload, integration.brevoListId()));
    }

    // ---- target

    /** Takes one task of the monthly quota (R4.5); without one the write waits. */
    public void takeTask(Exchange exchange) {
        exchange.setVariable(QUOTA_GRANTED, quota.takeOne());
    }

    public void defer(Exchange exchange) {
        members.defer(integration(exchange).name(), List.of(string(exchange, SOURCE_ID)));
    }

    /** Create-or-update by email (or SMS) into the list: 201 created, 204 updated; the reason says which and why. */
    public void upsert(Exchange exchange) {
        Integration integration = integration(exchange);
        Map<String, Object> contact = new LinkedHashMap<>(map(exchange, PAYLOAD));
        contact.put("listIds", List.of(integration.brevoListId()));
        try {
            BrevoClient.UpsertResult result = upsertDroppingTakenSms(exchange, contact);
            exchange.setVariable(DECISION, result.created() ? "created" : "updated");
            if (result.id() != null) {
                exchange.setVariable(TARGET_ID, result.id().toString());
            }
            explain(exchange, upsertOutcome(exchange, contact, result.created(), integration.brevoListId()));
        } catch (RuntimeException e) {
            quota.giveBack(1);
            throw e;
        }
    }

    /**
     * A known contact (written to the list before, email unchanged) is updated by its Brevo id, else its email, in a
     * POST /contacts/batch shared with the other lanes' updates. Brevo's batch updates existing contacts only; when
     * it refuses this contact alone (an SMS another contact holds, the contact deleted in Brevo meanwhile, ...), the
     * contact is written as {@link #upsert} writes it, which keeps today's outcomes: the SMS left out with a note,
     * the contact written anew, or Brevo's message when it refuses that too.
     */
    public void updateKnown(Exchange exchange) throws InterruptedException {
        Integration integration = integration(exchange);
        BrevoMember member = exchange.getVariable(MEMBER, BrevoMember.class);
        Map<String, Object> changes = new LinkedHashMap<>(map(exchange, PAYLOAD));
        changes.remove("email");
        changes.put("listIds", List.of(integration.brevoListId()));
        try {
            batchWrites.update(member.brevoId(), member.brevoEmail(), changes);
        } catch (VendorRejectedException e) {
            if (e.status() != 400) {
                quota.giveBack(1);
                throw e;
            }
            note(exchange, "Brevo refused it in a batch update (" + e.getMessage() + "); written on its own");
            upsert(exchange);
            return;
        } catch (RuntimeException | InterruptedException e) {
            quota.giveBack(1);
            throw e;
        }
        exchange.setVariable(DECISION, "updated");
        explain(exchange, upsertOutcome(exchange, changes, false, integration.brevoListId()));
    }

    /**
     * The HubSpot contact's email changed: the Brevo contact written before (by id, else by its old email) gets
     * the new email, so no second contact is created (beyond R4.8).
     */
    public void updateLinked(Exchange exchange) {
        Integration integration = integration(exchange);
        BrevoMember member = exchange.getVariable(MEMBER, BrevoMember.class);
        Map<String, Object> payload = map(exchange, PAYLOAD);
        Map<String, Object> changes = new LinkedHashMap<>(payload);
        changes.remove("email");
        Map<String, Object> attributes = new LinkedHashMap<>(child(payload, "attributes"));
        attributes.put("EMAIL", payload.get("email"));
        changes.put("attributes", attributes);
        changes.put("listIds", List.of(integration.brevoListId()));
        boolean emailTaken = false;
        try {
            if (updateDroppingTakenSms(exchange, member, changes)) {
                exchange.setVariable(DECISION, "updated");
                if (member.brevoId() != null) {
                    exchange.setVariable(TARGET_ID, member.brevoId().toString());
                }
                explain(exchange, "email changed since the last write: the Brevo contact written before ("
                        + written(member) + ") got the new email");
                return;
            }
            note(exchange, "the Brevo contact written before is gone; written anew");
        } catch (BrevoDuplicateException e) {
            if (!e.identifiers().isEmpty() && !e.identifiers().contains("EMAIL")) {
                quota.giveBack(1);
                throw e;
            }
            emailTaken = true;
        } catch (RuntimeException e) {
            quota.giveBack(1);
            throw e;
        }
        upsert(exchange);
        if (emailTaken) {
            brevo.removeFromList(integration.brevoListId(), member.brevoId(), member.brevoEmail());
            note(exchange, "another Brevo contact already had the new email: that contact was updated and put in the"
                    + " list, the one written before (" + written(member) + ") was taken out of the list");
            explain(exchange, "email changed since the last write");
        }
    }

    private static String written(BrevoMember member) {
        return member.brevoId() != null ? "id " + member.brevoId() : "the old email";
    }

    /** Why the upsert created or updated: whether Brevo knew the contact, whether we wrote it before, what was sent. */
    private static String upsertOutcome(Exchange exchange, Map<String, Object> contact, boolean created, long listId) {
        String identifier = contact.containsKey("email") ? "email" : "SMS number";
        if (created) {
            return "no Brevo contact with this " + identifier + ": created in list " + listId;
        }
        BrevoMember member = exchange.getVariable(MEMBER, BrevoMember.class);
        List<String> sent = new ArrayList<>(child(contact, "attributes").keySet());
        if (contact.containsKey("emailBlacklisted")) {
            sent.add("emailBlacklisted");
        }
        String what = sent.isEmpty() ? "" : " (sent " + String.join(", ", sent) + ")";
        return member != null && member.inBrevoList()
                ? "changed since the last write to list " + listId + ": updated" + what
                : "a Brevo contact had this " + identifier + ": updated and put in list " + listId + what;
    }

    /** The run's reason: the outcome, then the notes (values left out, SMS dropped, ...). */
    private static void explain(Exchange exchange, String outcome) {
        String notes = string(exchange, NOTES);
        exchange.setVariable(REASON, notes == null ? outcome : outcome + "; " + notes);
    }

    /** The linked contact updated (by id, else by its old email); an SMS another contact holds is left out. */
    private boolean updateDroppingTakenSms(Exchange exchange, BrevoMember member, Map<String, Object> changes) {
        try {
            return updateLinkedContact(member, changes);
        } catch (BrevoDuplicateException e) {
            Map<String, Object> attributes = new LinkedHashMap<>(child(changes, "attributes"));
            if (!e.identifiers().contains("SMS") || e.identifiers().contains("EMAIL") || attributes.remove("SMS") == null) {
                throw e;
            }
            Map<String, Object> withoutSms = new LinkedHashMap<>(changes);
            withoutSms.put("attributes", attributes);
            note(exchange, "the SMS number belongs to another Brevo contact (duplicate_parameter); updated without it");
            return updateLinkedContact(member, withoutSms);
        }
    }

    private boolean updateLinkedContact(BrevoMember member, Map<String, Object> changes) {
        return member.brevoId() != null
                ? brevo.update(member.brevoId().toString(), BrevoClient.IdentifierType.CONTACT_ID, changes)
                : brevo.update(member.brevoEmail(), BrevoClient.IdentifierType.EMAIL, changes);
    }

    /** The member left the HubSpot list (or HubSpot deleted it): out of the Brevo list, kept in Brevo. */
    public void removeFromList(Exchange exchange) {
        Integration integration = integration(exchange);
        BrevoMember member = exchange.getVariable(MEMBER, BrevoMember.class);
        try {
            brevo.removeFromList(integration.brevoListId(), member.brevoId(), member.brevoEmail());
        } catch (RuntimeException e) {
            quota.giveBack(1);
            throw e;
        }
        members.written(new BrevoMember(member.integration(), member.hubspotId(), member.inList(), member.brevoId(),
                member.brevoEmail(), member.brevoSms(), false, null, false));
    }

    /** The link to the Brevo contact and the fingerprint of what it now holds. */
    public void remember(Exchange exchange) {
        Integration integration = integration(exchange);
        Map<String, Object> payload = map(exchange, PAYLOAD);
        String target = string(exchange, TARGET_ID);
        members.written(new BrevoMember(integration.name(), string(exchange, SOURCE_ID), true,
                target == null ? null : Long.valueOf(target), string(exchange, EMAIL),
                text(child(payload, "attributes"), "SMS"), true, exchange.getVariable(FINGERPRINT, String.class),
                false));
    }

    private BrevoClient.UpsertResult upsertDroppingTakenSms(Exchange exchange, Map<String, Object> contact) {
        try {
            return brevo.upsert(contact);
        } catch (BrevoDuplicateException e) {
            Map<String, Object> attributes = new LinkedHashMap<>(child(contact, "attributes"));
            if (!e.identifiers().contains("SMS") || attributes.remove("SMS") == null || !contact.containsKey("email")) {
                throw e;
            }
            contact.put("attributes", attributes);
            note(exchange, "the SMS number belongs to another Brevo contact (duplicate_parameter); written without it");
            return brevo.upsert(contact);
        }
    }

    private Integration integration(Exchange exchange) {
        String name = string(exchange, INTEGRATION);
        return integrations.active(name).orElseThrow(
                () -> new IllegalStateException("Brevo integration '" + name + "' is not active"));
    }

    private static void note(Exchange exchange, String note) {
        String notes = string(exchange, NOTES);
        exchange.setVariable(NOTES, notes == null ? note : notes + "; " + note);
    }

    static String fingerprint(Map<String, Object> payload, long listId) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(new TreeMap<>(Map.of("contact", payload, "list", listId)));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)).substring(0, 40);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
