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
        String distrust = distrust(contact, id, exchange.getVariable(INBOX_ID, Long.class),
                Boolean.TRUE.equals(exchange.getVariable(BEHIND_EARLIER_EVENT, Boolean.class)));
        exchange.setVariable(REREAD_REASON, distrust);
        if (distrust == null) {
            exchange.setVariable(SOURCE, contact);
            exchange.setVariable(EMAIL, ContactIdentity.email(text(contact, "email")));
        }
        exchange.setVariable(CHANGED_FIELDS, changedSinceLastSync(id, contact));
    }

    /** The current state, read when the event's copy is not trusted (see {@link #readEvent}). */
    public void reread(Exchange exchange) {
        String id = string(exchange, SOURCE_ID);
        Optional<Map<String, Object>> current = client.get(id);
        exchange.setVariable(SOURCE, current.orElse(null));
        current.ifPresent(c -> {
            exchange.setVariable(EMAIL, ContactIdentity.email(text(c, "email")));
            exchange.setVariable(CHANGED_FIELDS, changedSinceLastSync(id, c));
        });
    }

    /**
     * Why the event's copy of the contact may not be the contact's latest state: it lacks a field the sync reads; an
     * event of this contact that arrived later (a higher inbox id) was applied already, so this one is a replay or a
     * run again; or it came while an earlier event of the contact was still to run (changes in quick succession,
     * whose copies respond.io may have taken in another order). respond.io events carry no change time, so arrival is
     * their order. Null: the copy can be used as is.
     */
    private String distrust(Map<String, Object> contact, String id, Long inboxId, boolean behind) {
        List<String> missing = fields.respondioFieldsRead().stream().filter(f -> !contact.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            return "the event's contact lacks " + String.join(", ", missing);
        }
        Long applied = links.find(ContactLinkRepository.RESPONDIO, id).map(ContactLink::respondioEvent).orElse(null);
        if (applied != null && inboxId != null && inboxId <= applied) {
            return "inbox event " + applied + " of this contact, received after this one, was applied already";
        }
        if (behind) {
            return "an earlier event of this contact was still to run when this one was taken";
        }
        return null;
    }

    /**
     * Whether the route will look the contact up in HubSpot: false for an echo (nothing changed since the last sync)
     * and for an update of no watched field (R1.6), which the route skips before its lookup.
     */
    public boolean needsLookup(String eventType, Map<String, Object> contact) {
        List<String> changed = changedSinceLastSync(text(contact, "id"), contact);
        return !changed.isEmpty()
                && (!"contact.updated".equals(eventType) || changed.stream().anyMatch(fields::isWatched));
    }

    /** R1.6: the changed fields that the integrator chose as triggers of the "updated" sync. */
    public void findWatchedChanges(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> changed = exchange.getVariable(CHANGED_FIELDS, List.class);
        exchange.setVariable(WATCHED_CHANGES, changed.stream().filter(fields::isWatched).toList());
    }

    private List<String> changedSinceLastSync(String id, Map<String, Object> contact) {
        Map<String, String> now = fields.respondioProjection(contact);
        Map<String, String> before = links.find(ContactLinkRepository.RESPONDIO, id)
                .map(ContactLink::respondioSnapshot).orElse(null);
        return before == null ? List.copyOf(now.keySet()) : SyncedFields.changed(before, now);
    }

    // ---- as target

    /**
     * One search by email or phone: the contact with this email is the target. A contact linked earlier is found
     * by id after an email change. The contacts found stay in {@code searchResults} for {@link #findPhoneMatch}.
     */
    public void lookup(Exchange exchange) {
        String email = string(exchange, EMAIL);
        List<Map<String, Object>> found = client.findByEmailOrPhone(email, sourcePhone(exchange));
        Map<String, Object> target = null;
        for (Map<String, Object> c : found) {
            if (email.equals(ContactIdentity.email(text(c, "email")))) {
                target = c;
                break;
            }
        }
        if (target == null) {
            String linked = links.find(ContactLinkRepository.HUBSPOT, string(exchange, SOURCE_ID))
                    .map(ContactLink::respondioId).orElse(null);
            if (linked != null) {
                target = client.get(linked).orElse(null);
            }
        }
        exchange.setVariable(TARGET, target);
        exchange.setVariable(TARGET_ID, target == null ? null : text(target, "id"));
        exchange.setVariable(SEARCH_RESULTS, found);
    }

    /**
     * R1.3: among the contacts the lookup found, the first one with the source contact's phone and no email: a
     * possible duplicate (null when there is none).
     */
    public void findPhoneMatch(Exchange exchange) {
        String phone = sourcePhone(exchange);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = exchange.getVariable(SEARCH_RESULTS, List.class);
        Map<String, Object> phoneMatch = null;
        for (Map<String, Object> c : found == null ? List.<Map<String, Object>>of() : found) {
            if (ContactIdentity.email(text(c, "email")) == null && phone != null
                    && phone.equals(ContactIdentity.phone(text(c, "phone")))) {
                phoneMatch = c;
                break;
            }
        }
        exchange.setVariable(PHONE_MATCH, phoneMatch);
    }

    private static String sourcePhone(Exchange exchange) {
        return ContactIdentity.phone(text(SyncExchange.child(map(exchange, SOURCE), "properties"), "phone"));
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

    public void create(Exchange exchange) {
        Map<String, Object> payload = map(exchange, PAYLOAD);
        exchange.setVariable(TARGET_ID, client.createOrUpdateByEmail(string(exchange, EMAIL), payload));
        exchange.setVariable(WRITTEN, payload);
        exchange.setVariable(REASON, "no respond.io contact with this email (nor linked): created");
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

    public void update(Exchange exchange) {
        Map<String, Object> changes = map(exchange, CHANGES);
        client.update(string(exchange, TARGET_ID), changes);
        exchange.setVariable(WRITTEN, changes);
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
