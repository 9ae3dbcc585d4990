package io.contactsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated Brevo account's contacts, lists and folders, thread-safe, found by id, email or SMS in O(1).
 * Email and SMS are unique identifiers; a list holds contact ids; taking a contact out of a list keeps the contact.
 */
final class BrevoContactStore {

    static final long DEFAULT_FOLDER = 1;

    private final Clock clock;
    private final BrevoAttributeCatalogue attributes;
    private final Map<Long, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Long> idsByEmail = new HashMap<>();
    private final Map<String, Long> idsBySms = new HashMap<>();
    private final Map<Long, BrevoList> lists = new TreeMap<>();
    private final Map<Long, String> folders = new TreeMap<>();
    private long nextContactId = 1;
    private long nextListId = 1;

    BrevoContactStore(Clock clock, BrevoAttributeCatalogue attributes) {
        this.clock = clock;
        this.attributes = attributes;
        clear();
    }

    /** What a create, update or import row asks for. {@code null} fields are left as they are. */
    record ContactInput(String email, Map<String, Object> attributes, Boolean emailBlacklisted, Boolean smsBlacklisted,
            List<Long> listIds, List<Long> unlinkListIds) {
    }

    private static final class Contact {
        final long id;
        String email;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        boolean emailBlacklisted;
        boolean smsBlacklisted;
        final Set<Long> listIds = new TreeSet<>();
        final String createdAt;
        String modifiedAt;

        Contact(long id, String now) {
            this.id = id;
            this.createdAt = now;
            this.modifiedAt = now;
        }
    }

    private static final class BrevoList {
        final long id;
        final String name;
        final long folderId;
        final String createdAt;
        final Set<Long> contactIds = new LinkedHashSet<>();

        BrevoList(long id, String name, long folderId, String createdAt) {
            this.id = id;
            this.name = name;
            this.folderId = folderId;
            this.createdAt = createdAt;
        }
    }

    synchronized void clear() {
        contacts.clear();
        idsByEmail.clear();
        idsBySms.clear();
        lists.clear();
        folders.clear();
        folders.put(DEFAULT_FOLDER, "Contact-sync");
        nextContactId = 1;
        nextListId = 1;
    }

    // ---- contacts

    /**
     * POST /contacts: creates the contact, or with {@code updateEnabled} updates the one its email (else SMS)
     * identifies. Returns the new id, or empty when an existing contact was updated.
     */
    synchronized Optional<Long> create(ContactInput input, boolean updateEnabled) {
        String email = normalisedEmail(input.email());
        String sms = smsOf(input.attributes());
        if (email == null && sms == null) {
            throw BrevoApiException.missing("email or SMS attribute is required to create a contact");
        }
        Long existing = email != null ? idsByEmail.get(email) : idsBySms.get(sms);
        if (existing != null) {
            if (!updateEnabled) {
                throw BrevoApiException.duplicate(email != null ? "email" : "SMS");
            }
            update(contacts.get(existing), input);
            return Optional.empty();
        }
        checkSmsFree(sms, null);
        checkLists(input.listIds());
        Contact contact = new Contact(nextContactId++, now());
        contacts.put(contact.id, contact);
        if (email != null) {
            contact.email = email;
            idsByEmail.put(email, contact.id);
        }
        apply(contact, input);
        return Optional.of(contact.id);
    }

    /** PUT /contacts/{identifier}: {@code attributes.EMAIL} changes the email. */
    synchronized void update(String identifier, String identifierType, ContactInput input) {
        update(contact(identifier, identifierType), input);
    }

    /** One contact of a POST /contacts/batch, named by email, id or SMS ({@code identifierType} as for PUT). */
    record BatchUpdate(String identifier, String identifierType, ContactInput input) {
    }

    /**
     * POST /contacts/batch, all or nothing: every contact is found and every change checked (an email or SMS another
     * contact holds, also one claimed twice within the batch; a list that does not exist) before any is applied. The
     * first refusal refuses the whole batch with 400, Brevo's code and message ("Contact does not exist" included:
     * the spec documents only 204 and 400 for this call). Whether Brevo itself applies the valid contacts of a
     * refused batch is [U]nknown; the client's updates are idempotent, so sending them again is harmless either way.
     */
    synchronized void batchUpdate(List<BatchUpdate> updates) {
        List<Contact> found = new ArrayList<>();
        Map<String, Long> claimedEmails = new HashMap<>();
        Map<String, Long> claimedSms = new HashMap<>();
        try {
            for (BatchUpdate update : updates) {
                Contact contact = contact(update.identifier(), update.identifierType());
                Map<String, Object> changes = update.input().attributes() == null ? Map.of() : update.input().attributes();
                String email = changes.get("EMAIL") == null ? null : normalisedEmail(String.valueOf(changes.get("EMAIL")));
                if (email != null) {
                    Long holder = idsByEmail.get(email);
                    if ((holder != null && holder != contact.id) || claimedEmails.getOrDefault(email, contact.id) != contact.id) {
                        throw BrevoApiException.duplicate("email");
                    }
                    claimedEmails.put(email, contact.id);
                }
                String sms = smsOf(changes);
                checkSmsFree(sms, contact.id);
                if (sms != null && claimedSms.getOrDefault(sms, contact.id) != contact.id) {
                    throw BrevoApiException.duplicate("SMS");
                }
                if (sms != null) {
                    claimedSms.put(sms, contact.id);
                }
                checkLists(update.input().listIds());
                found.add(contact);
            }
        } catch (BrevoApiException refused) {
            throw refused.asBatchRefusal();
        }
        for (int i = 0; i < updates.size(); i++) {
            update(found.get(i), updates.get(i).input());
        }
    }

    synchronized void delete(String identifier, String identifierType) {
        Contact contact = contact(identifier, identifierType);
        contacts.remove(contact.id);
        if (contact.email != null) {
            idsByEmail.remove(contact.email);
        }
        Object sms = contact.attributes.get("SMS");
        if (sms != null) {
            idsBySms.remove(String.valueOf(sms));
        }
        lists.values().forEach(list -> list.contactIds.remove(contact.id));
    }

    synchronized Map<String, Object> find(String identifier, String identifierType) {
        return view(contact(identifier, identifierType));
    }

    synchronized Optional<Map<String, Object>> findByEmail(String email) {
        Long id = idsByEmail.get(normalisedEmail(email));
        return Optional.ofNullable(id).map(contacts::get).map(this::view);
    }

    synchronized List<Map<String, Object>> all() {
        return contacts.values().stream().map(this::view).toList();
    }

    /**
     * POST /contacts/import (JSON body), applied at once: each row created or updated and put in the lists; a row
     * Brevo would refuse (e.g. an invalid SMS) is left out, the others are imported.
     */
    synchronized void importRows(List<ContactInput> rows, List<Long> listIds, boolean updateExisting) {
        checkLists(listIds);
        for (ContactInput row : rows) {
            String email = normalisedEmail(row.email());
            Long existing = email == null ? null : idsByEmail.get(email);
            if (email == null || (existing != null && !updateExisting)) {
                continue;
            }
            ContactInput withLists = new ContactInput(email, smsFreeFor(row.attributes(), existing),
                    row.emailBlacklisted(), row.smsBlacklisted(), listIds, null);
            try {
                if (existing != null) {
                    update(contacts.get(existing), withLists);
                } else {
                    create(withLists, true);
                }
            } catch (BrevoApiException rowRefused) {
                // Brevo reports refused rows in the import's report; the other rows are imported
            }
        }
    }

    // ---- lists and folders

    synchronized long createList(String name, long folderId) {
        if (name == null || name.isBlank()) {
            throw BrevoApiException.missing("name is missing");
        }
        if (!folders.containsKey(folderId)) {
            throw BrevoApiException.notFound("Folder ID does not exist");
        }
        BrevoList list = new BrevoList(nextListId++, name, folderId, now());
        lists.put(list.id, list);
        return list.id;
    }

    synchronized Map<String, Object> list(long listId) {
        BrevoList list = existingList(listId);
        Map<String, Object> view = listView(list);
        view.put("createdAt", list.createdAt);
        view.put("dynamicList", false);
        return view;
    }

    /** GET /contacts/lists: {lists, count}. */
    synchronized Map<String, Object> lists(int limit, int offset) {
        List<Map<String, Object>> page = lists.values().stream().skip(offset).limit(limit).map(this::listView)
                .toList();
        return Map.of("lists", page, "count", lists.size());
    }

    /** GET /contacts/lists/{listId}/contacts: {contacts, count}. */
    synchronized Map<String, Object> listContacts(long listId, int limit, int offset) {
        BrevoList list = existingList(listId);
        List<Map<String, Object>> page = list.contactIds.stream().skip(offset).limit(limit).map(contacts::get)
                .map(this::view).toList();
        return Map.of("contacts", page, "count", list.contactIds.size());
    }

    /** POST .../contacts/add or /remove by emails or ids: {contacts: {success, failure, total}}. */
    synchronized Map<String, Object> changeMembership(long listId, List<?> keys, boolean byEmail, boolean add) {
        BrevoList list = existingList(listId);
        List<Object> success = new ArrayList<>();
        List<Object> failure = new ArrayList<>();
        for (Object key : keys) {
            Long id = byEmail ? idsByEmail.get(normalisedEmail(String.valueOf(key)))
                    : key instanceof Number n && contacts.containsKey(n.longValue()) ? n.longValue() : null;
            boolean changed = id != null && (add ? list.contactIds.add(id) : list.contactIds.remove(id));
            if (changed) {
                Contact contact = contacts.get(id);
                if (add) {
                    contact.listIds.add(listId);
                } else {
                    contact.listIds.remove(listId);
                }
                contact.modifiedAt = now();
                success.add(key);
            } else {
                failure.add(key);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", success);
        result.put("failure", failure);
        result.put("total", success.size());
        return Map.of("contacts", result);
    }

    /** POST .../contacts/remove with {all: true}. */
    synchronized Map<String, Object> removeAll(long listId) {
        BrevoList list = existingList(listId);
        List<Object> ids = new ArrayList<>(list.contactIds);
        return changeMembership(listId, ids, false, false);
    }

    synchronized List<String> listEmails(long listId) {
        return existingList(listId).contactIds.stream().map(contacts::get).map(c -> c.email).toList();
    }

    /** Every list with its contact ids (for the control API and tests). */
    synchronized List<Map<String, Object>> listsWithMembers() {
        return lists.values().stream().map(list -> {
            Map<String, Object> view = listView(list);
            view.put("contactIds", List.copyOf(list.contactIds));
            return view;
        }).toList();
    }

    synchronized Map<String, Object> folders() {
        List<Map<String, Object>> all = new ArrayList<>();
        folders.forEach((id, name) -> {
            Map<String, Object> folder = new LinkedHashMap<>();
            folder.put("id", id);
            folder.put("name", name);
            folder.put("totalBlacklisted", 0);
            folder.put("totalSubscribers", lists.values().stream().filter(l -> l.folderId == id)
                    .mapToInt(l -> l.contactIds.size()).sum());
            folder.put("uniqueSubscribers", 0);
            all.add(folder);
        });
        return Map.of("folders", all, "count", all.size());
    }

    synchronized int size() {
        return contacts.size();
    }

    // ----

    private void update(Contact contact, ContactInput input) {
        Map<String, Object> changes = input.attributes() == null ? Map.of() : input.attributes();
        Object newEmail = changes.get("EMAIL");
        if (newEmail != null) {
            String email = normalisedEmail(String.valueOf(newEmail));
            Long holder = idsByEmail.get(email);
            if (holder != null && holder != contact.id) {
                throw BrevoApiException.duplicate("email");
            }
        }
        checkSmsFree(smsOf(changes), contact.id);
        checkLists(input.listIds());
        if (newEmail != null) {
            if (contact.email != null) {
                idsByEmail.remove(contact.email);
            }
            contact.email = normalisedEmail(String.valueOf(newEmail));
            idsByEmail.put(contact.email, contact.id);
        }
        apply(contact, input);
    }

    private void apply(Contact contact, ContactInput input) {
        if (input.attributes() != null) {
            input.attributes().forEach((name, value) -> {
                if (name.equals("EMAIL")) {
                    return;
                }
                attributes.accept(name, value).ifPresent(accepted -> {
                    if (name.equals("SMS")) {
                        Object old = contact.attributes.get("SMS");
                        if (old != null) {
                            idsBySms.remove(String.valueOf(old));
                        }
                        idsBySms.put(String.valueOf(accepted), contact.id);
                    }
                    contact.attributes.put(name, accepted);
                });
            });
        }
        if (input.emailBlacklisted() != null) {
            contact.emailBlacklisted = input.emailBlacklisted();
        }
        if (input.smsBlacklisted() != null) {
            contact.smsBlacklisted = input.smsBlacklisted();
        }
        if (input.listIds() != null) {
            for (long listId : input.listIds()) {
                lists.get(listId).contactIds.add(contact.id);
                contact.listIds.add(listId);
            }
        }
        if (input.unlinkListIds() != null) {
            for (long listId : input.unlinkListIds()) {
                BrevoList list = lists.get(listId);
                if (list != null) {
                    list.contactIds.remove(contact.id);
                }
                contact.listIds.remove(listId);
            }
        }
        contact.modifiedAt = now();
    }

    /** The row's attributes without an SMS another contact holds (an import skips it and keeps the row). */
    private Map<String, Object> smsFreeFor(Map<String, Object> rowAttributes, Long contactId) {
        String sms = smsOf(rowAttributes);
        if (sms == null) {
            return rowAttributes;
        }
        Long holder = idsBySms.get(sms);
        if (holder == null || holder.equals(contactId)) {
            return rowAttributes;
        }
        Map<String, Object> without = new LinkedHashMap<>(rowAttributes);
        without.remove("SMS");
        return without;
    }

    private void checkSmsFree(String sms, Long contactId) {
        if (sms == null) {
            return;
        }
        if (!sms.matches("\\+\\d{6,16}")) {
            throw BrevoApiException.invalid("Invalid phone number");
        }
        Long holder = idsBySms.get(sms);
        if (holder != null && !holder.equals(contactId)) {
            throw BrevoApiException.duplicate("SMS");
        }
    }

    private void checkLists(List<Long> listIds) {
        if (listIds == null) {
            return;
        }
        for (long listId : listIds) {
            if (!lists.containsKey(listId)) {
                throw BrevoApiException.notFound("List ID does not exist: " + listId);
            }
        }
    }

    private Contact contact(String identifier, String identifierType) {
        String type = identifierType != null ? identifierType
                : identifier.contains("@") ? "email_id" : identifier.matches("\\d+") ? "contact_id" : "phone_id";
        Long id = switch (type) {
            case "email_id" -> idsByEmail.get(normalisedEmail(identifier));
            case "contact_id" -> identifier.matches("\\d{1,18}") ? Long.valueOf(identifier) : null;
            case "phone_id" -> idsBySms.get(identifier);
            default -> throw BrevoApiException.invalid("identifierType is not valid: " + type);
        };
        Contact contact = id == null ? null : contacts.get(id);
        if (contact == null) {
            throw BrevoApiException.notFound("Contact does not exist");
        }
        return contact;
    }

    private BrevoList existingList(long listId) {
        BrevoList list = lists.get(listId);
        if (list == null) {
            throw BrevoApiException.notFound("List ID does not exist");
        }
        return list;
    }

    private Map<String, Object> view(Contact contact) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", contact.id);
        if (contact.email != null) {
            view.put("email", contact.email);
        }
        view.put("emailBlacklisted", contact.emailBlacklisted);
        view.put("smsBlacklisted", contact.smsBlacklisted);
        view.put("createdAt", contact.createdAt);
        view.put("modifiedAt", contact.modifiedAt);
        view.put("listIds", List.copyOf(contact.listIds));
        view.put("attributes", new LinkedHashMap<>(contact.attributes));
        return view;
    }

    private Map<String, Object> listView(BrevoList list) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", list.id);
        view.put("name", list.name);
        view.put("totalBlacklisted", list.contactIds.stream().filter(id -> contacts.get(id).emailBlacklisted).count());
        view.put("totalSubscribers", list.contactIds.size());
        view.put("uniqueSubscribers", list.contactIds.size());
        view.put("folderId", list.folderId);
        return view;
    }

    private static String smsOf(Map<String, Object> attributes) {
        Object sms = attributes == null ? null : attributes.get("SMS");
        return sms == null || String.valueOf(sms).isBlank() ? null : String.valueOf(sms);
    }

    private static String normalisedEmail(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
