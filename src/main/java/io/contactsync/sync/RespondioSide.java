package io.contactsync.sync;

import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncExchange.text;
import static io.contactsync.sync.SyncVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.contactsync.client.respondio.RespondioClient;
import io.contactsync.client.respondio.RespondioIdentifierTakenException;
import io.contactsync.console.Masking;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/** respond.io steps of the scenario routes, as source (R1.1, R1.2) and as target (R1.3, R1.4). */
@ApplicationScoped
@Named("respondioSide")
@RegisterForReflection
public class RespondioSide {

    @Inject
    RespondioClient client;

    @Inject
    ContactLinkRepository links;

    @Inject
    SyncedFields fields;

    @Inject
    MergeCandidates mergeCandidates;

    // ---- as source

    /**
     * Takes the contact from the webhook event and compares it with the last sync. The event's copy of the contact is
     * used as the source unless it cannot be trusted ({@code rereadReason} says why; the contact is then read again).
     */
    public void readEvent(Exchange exchange) {
        Map<String, Object> contact = SyncExchange.child(map(exchange, EVENT), "contact");
        String id = text(contact, "id");
        exchange.setVariable(SOURCE_ID, id);
        Optional<ContactLink> link = links.find(ContactLinkRepository.RESPONDIO, id);
        String distrust = distrust(contact, link, exchange.getVariable(INBOX_ID, Long.class),
                Boolean.TRUE.equals(exchange.getVariable(BEHIND_EARLIER_EVENT, Boolean.class)));
        exchange.setVariable(REREAD_REASON, distrust);
        if (distrust == null) {
            exchange.setVariable(SOURCE, contact);
            exchange.setVariable(EMAIL, ContactIdentity.email(text(contact, "email")));
        }
        exchange.setVariable(CHANGED_FIELDS, changedSinceLastSync(link, contact));
    }

    /** The current state, read when the event's copy is not trusted (see {@link #readEvent}). */
    public void reread(Exchange exchange) {
        String id = string(exchange, SOURCE_ID);
        Optional<Map<String, Object>> current = client.get(id);
        exchange.setVariable(SOURCE, current.orElse(null));
        current.ifPresent(c -> {
            exchange.setVariable(EMAIL, ContactIdentity.email(text(c, "email")));
            exchange.setVariable(CHANGED_FIELDS,
                    changedSinceLastSync(links.find(ContactLinkRepository.RESPONDIO, id), c));
        });
    }

    /**
     * Why the event's copy of the contact may not be the contact's latest state: it lacks a field the sync reads; an
     * event of this contact that arrived later (a higher inbox id) was applied already, so this one is a replay or a
     * run again; or it came while an earlier event of the contact was still to run (changes in quick succession,
     * whose copies respond.io may have taken in another order). respond.io events carry no change time, so arrival is
     * their order. Null: the copy can be used as is.
     */
    private String distrust(Map<String, Object> contact, Optional<ContactLink> link, Long inboxId, boolean behind) {
        List<String> missing = fields.respondioFieldsRead().stream().filter(f -> !contact.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            return "the event's contact lacks " + String.join(", ", missing);
        }
        Long applied = link.map(ContactLink::respondioEvent).orElse(null);
        if (applied != null && inboxId != null && inboxId <= applied) {
            return "inbox event " + applied + " of this contact, received after this one, was applied already";
        }
        if (behind) {
            return "an earlier event of this contact was still to run when this one was taken";
        }
        return null;
    }

    /** R1.6: the changed fields that the integrator chose as triggers of the "updated" sync. */
    public void findWatchedChanges(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> changed = exchange.getVariable(CHANGED_FIELDS, List.class);
        exchange.setVariable(WATCHED_CHANGES, changed.stream().filter(fields::isWatched).toList());
    }

    private List<String> changedSinceLastSync(Optional<ContactLink> link, Map<String, Object> contact) {
        Map<String, String> now = fields.respondioProjection(contact);
        Map<String, String> before = link.map(ContactLink::respondioSnapshot).orElse(null);
        return before == null ? List.copyOf(now.keySet()) : SyncedFields.changed(before, now);
    }

    // ---- as target

    /**
     * The respond.io contact linked to this HubSpot contact, as respond.io had it at the last sync (the link's
     * snapshot, which the respond.io -> HubSpot route keeps current from respond.io's webhooks): the target, read
     * without a respond.io call. Null when the contact is not linked.
     */
    public void findLinkedContact(Exchange exchange) {
        Map<String, Object> target = links.find(ContactLinkRepository.HUBSPOT, string(exchange, SOURCE_ID))
                .filter(link -> link.respondioId() != null && link.respondioSnapshot() != null)
                .map(link -> SyncedFields.respondioContact(link.respondioId(), link.respondioSnapshot()))
                .orElse(null);
        exchange.setVariable(TARGET, target);
        exchange.setVariable(TARGET_ID, target == null ? null : text(target, "id"));
    }

    /**
     * The mapped fields that differ from the respond.io contact (custom fields compared by name), and the run's
     * reason naming them ({@code custom_fields.<name>} for a custom field).
     */
    public void diff(Exchange exchange) {
        Map<String, Object> payload = map(exchange, PAYLOAD);
        Map<String, Object> target = map(exchange, TARGET);
        Map<String, Object> changes = new LinkedHashMap<>();
        payload.forEach((k, v) -> {
            if ("custom_fields".equals(k)) {
                List<Map<String, Object>> changedFields = changedCustomFields(v, target.get("custom_fields"));
                if (!changedFields.isEmpty()) {
                    changes.put(k, changedFields);
                }
            } else if (!sameValue(k, v, target.get(k))) {
                changes.put(k, v);
            }
        });
        exchange.setVariable(CHANGES, changes);
        exchange.setVariable(REASON, changes.isEmpty() ? "every mapped field already has this value in respond.io"
                : String.join(", ", changedNames(changes)) + " differed");
    }

    /**
     * One create_or_update by email. Its answer ({@code contactId}) does not say whether it created the contact or
     * updated the one with this email. When respond.io refuses the phone as another contact's, {@code takenPhone}
     * is set instead (the email is the call's identifier, so only the phone can be taken).
     */
    public void createOrUpdate(Exchange exchange) {
        Map<String, Object> payload = map(exchange, PAYLOAD);
        try {
            payload = createOrUpdateKeepingTheirName(exchange, payload);
        } catch (RespondioIdentifierTakenException e) {
            String phone = text(payload, "phone");
            if (phone == null) {
                throw e;
            }
            exchange.setVariable(TAKEN_PHONE, phone);
            return;
        }
        exchange.setVariable(WRITTEN, payload);
        exchange.setVariable(REASON, "respond.io create_or_update by email: created the contact, or updated the one"
                + " with this email (its answer does not say which)");
    }

    /**
     * Without a first name in HubSpot the mapping falls back to the email's local part, which respond.io needs only to
     * create a contact (its create_or_update requires a firstName). So that a contact respond.io already has with this
     * email keeps its name, that one case reads respond.io first: a contact found is updated without the fallback.
     * Returns what was sent.
     */
    private Map<String, Object> createOrUpdateKeepingTheirName(Exchange exchange, Map<String, Object> payload) {
        String email = string(exchange, EMAIL);
        String theirFirstName = text(SyncExchange.child(map(exchange, SOURCE), "properties"), "firstname");
        if (theirFirstName == null || theirFirstName.isBlank()) {
            Optional<Map<String, Object>> existing = client.getByEmail(email);
            if (existing.isPresent()) {
                Map<String, Object> withoutName = new LinkedHashMap<>(payload);
                withoutName.remove("firstName");
                String id = text(existing.get(), "id");
                client.update(id, withoutName);
                exchange.setVariable(TARGET_ID, id);
                return withoutName;
            }
        }
        exchange.setVariable(TARGET_ID, client.createOrUpdateByEmail(email, payload));
        return payload;
    }

    /**
     * R1.3, after respond.io refused the phone: the contact holding it. Without an email it is the phone match, a
     * possible duplicate; with another email the run fails, naming the phone (masked).
     */
    public void findPhoneHolder(Exchange exchange) {
        String phone = string(exchange, TAKEN_PHONE);
        String normalised = ContactIdentity.phone(phone);
        Map<String, Object> holder = client.findByPhone(phone).stream()
                .filter(c -> normalised.equals(ContactIdentity.phone(text(c, "phone"))))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("respond.io refused the phone " + Masking.phone(phone)
                        + " as another contact's, but no contact with it was found"));
        if (ContactIdentity.email(text(holder, "email")) != null) {
            throw new IllegalStateException("phone conflict: respond.io contact " + text(holder, "id")
                    + " has the phone " + Masking.phone(phone) + " and another email; respond.io keeps a phone on one"
                    + " contact only, so this contact cannot be written with it (merge or correct them)");
        }
        exchange.setVariable(PHONE_MATCH, holder);
    }

    /**
     * R1.3: a contact with this phone but no email exists; a new contact is created for the email (without the
     * phone, which respond.io treats as an identifier of the other one) and the pair is listed for merging.
     */
    public void createBesidePhoneMatch(Exchange exchange) {
        Map<String, Object> payload = new LinkedHashMap<>(map(exchange, PAYLOAD));
        payload.remove("phone");
        String email = string(exchange, EMAIL);
        String createdId = client.createOrUpdateByEmail(email, payload);
        exchange.setVariable(TARGET_ID, createdId);
        exchange.setVariable(WRITTEN, payload);
        mergeCandidates.add(email, string(exchange, SOURCE_ID), createdId, text(map(exchange, PHONE_MATCH), "id"),
                "phone");
    }

    /**
     * PUT the changed fields to the linked contact. When respond.io answers 404 (the contact was deleted there) the
     * link no longer holds: target and targetId are cleared and nothing is written.
     */
    public void update(Exchange exchange) {
        Map<String, Object> changes = map(exchange, CHANGES);
        if (client.update(string(exchange, TARGET_ID), changes)) {
            exchange.setVariable(WRITTEN, changes);
        } else {
            exchange.setVariable(TARGET, null);
            exchange.setVariable(TARGET_ID, null);
        }
    }

    /** The respond.io contact as it is after this run's write (or as found, when nothing was written). */
    public Map<String, String> projectionAfterSync(Exchange exchange) {
        Map<String, Object> after = new LinkedHashMap<>();
        Map<String, Object> target = map(exchange, TARGET);
        if (target != null) {
            after.putAll(target);
        }
        Map<String, Object> written = map(exchange, WRITTEN);
        if (written != null) {
            written.forEach((k, v) -> after.put(k,
                    "custom_fields".equals(k) ? mergeCustomFields(after.get(k), v) : v));
        }
        after.putIfAbsent("email", string(exchange, EMAIL));
        return fields.respondioProjection(after);
    }

    private static boolean sameValue(String field, Object wanted, Object current) {
        if (current == null) {
            return false;
        }
        if ("email".equals(field)) {
            return Objects.equals(ContactIdentity.email(String.valueOf(wanted)), ContactIdentity.email(String.valueOf(current)));
        }
        if ("phone".equals(field)) {
            return Objects.equals(ContactIdentity.phone(String.valueOf(wanted)), ContactIdentity.phone(String.valueOf(current)));
        }
        return String.valueOf(wanted).trim().equals(String.valueOf(current).trim());
    }

    private static List<String> changedNames(Map<String, Object> changes) {
        List<String> names = new ArrayList<>();
        changes.forEach((k, v) -> {
            if ("custom_fields".equals(k)) {
                customFieldsByName(v).keySet().forEach(name -> names.add("custom_fields." + name));
            } else {
                names.add(k);
            }
        });
        return names;
    }

    private static List<Map<String, Object>> changedCustomFields(Object wanted, Object current) {
        Map<String, Object> currentByName = customFieldsByName(current);
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map.Entry<String, Object> e : customFieldsByName(wanted).entrySet()) {
            Object now = currentByName.get(e.getKey());
            if (now == null || !String.valueOf(now).equals(String.valueOf(e.getValue()))) {
                changed.add(Map.of("name", e.getKey(), "value", e.getValue()));
            }
        }
        return changed;
    }

    private static List<Map<String, Object>> mergeCustomFields(Object current, Object written) {
        Map<String, Object> merged = customFieldsByName(current);
        merged.putAll(customFieldsByName(written));
        List<Map<String, Object>> out = new ArrayList<>();
        merged.forEach((name, value) -> out.add(Map.of("name", name, "value", value)));
        return out;
    }

    private static Map<String, Object> customFieldsByName(Object list) {
        Map<String, Object> byName = new LinkedHashMap<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> f && f.get("name") != null && f.get("value") != null) {
                    byName.put(String.valueOf(f.get("name")), f.get("value"));
                }
            }
        }
        return byName;
    }
}
