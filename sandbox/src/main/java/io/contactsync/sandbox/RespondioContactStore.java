package io.contactsync.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * respond.io's contacts, in memory, with the behaviour of the Developer API v2: contacts addressed by id, email
 * (unique, case-insensitive) or phone (unique); partial updates; custom fields merged by name; cursor paging.
 * Thread-safe; independent of HTTP.
 */
public final class RespondioContactStore {

    public static final long FIRST_ID = 5001;
    public static final int MAX_PAGE_SIZE = 100;

    /** Contact fields a client may write, apart from custom_fields. */
    private static final List<String> WRITABLE_FIELDS =
            List.of("firstName", "lastName", "phone", "email", "language", "profilePic", "countryCode");
    private static final String CUSTOM_FIELDS = "custom_fields";

    private final Clock clock;
    private final TreeMap<Long, Map<String, Object>> contacts = new TreeMap<>();
    private final Map<String, Long> idsByEmail = new HashMap<>();
    private final Map<String, Long> idsByPhone = new HashMap<>();
    private long nextId = FIRST_ID;

    public RespondioContactStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates a contact ({@code POST /contact/{identifier}}); the identifier's email or phone is stored too.
     * A {@code null} identifier creates the contact from the fields alone (as a user in the respond.io UI would).
     */
    public synchronized RespondioContactChange create(RespondioIdentifier identifier, Map<String, Object> fields) {
        if (identifier != null && identifier.type() == RespondioIdentifier.Type.ID) {
            throw RespondioApiException.badRequest("Contacts cannot be created with an id: identifier");
        }
        Map<String, Object> written = new LinkedHashMap<>(validated(fields));
        if (identifier != null) {
            written.put(identifier.field(), identifier.value());
        }
        if (!(written.get("firstName") instanceof String firstName) || firstName.isBlank()) {
            throw RespondioApiException.badRequest("firstName is required");
        }
        if (identifier != null && lookUp(identifier).isPresent()) {
            throw RespondioApiException.contactExists();
        }
        rejectTakenEmailOrPhone(written, null);
        long id = nextId++;
        Map<String, Object> contact = newContact(id);
        WRITABLE_FIELDS.forEach(field -> {
            if (written.containsKey(field)) {
                contact.put(field, written.get(field));
            }
        });
        contact.put(CUSTOM_FIELDS, mergedCustomFields(List.of(), written.get(CUSTOM_FIELDS)));
        contacts.put(id, contact);
        index(contact, id);
        return new RespondioContactChange(id, true, true, copy(contact));
    }

    /** Updates the fields present in {@code fields} ({@code PUT /contact/{identifier}}); 404 when absent. */
    public synchronized RespondioContactChange update(RespondioIdentifier identifier, Map<String, Object> fields) {
        Map<String, Object> written = validated(fields);
        Map<String, Object> contact = lookUp(identifier).orElseThrow(RespondioApiException::contactNotFound);
        long id = (Long) contact.get("id");
        rejectTakenEmailOrPhone(written, id);
        Map<String, Object> before = copy(contact);
        unindex(contact);
        WRITABLE_FIELDS.forEach(field -> {
            if (written.containsKey(field)) {
                contact.put(field, written.get(field));
            }
        });
        if (written.containsKey(CUSTOM_FIELDS)) {
            contact.put(CUSTOM_FIELDS, mergedCustomFields(customFields(contact), written.get(CUSTOM_FIELDS)));
        }
        index(contact, id);
        return new RespondioContactChange(id, false, !before.equals(contact), copy(contact));
    }

    /** {@code POST /contact/create_or_update/{identifier}}: updates the contact if it exists, else creates it. */
    public synchronized RespondioContactChange createOrUpdate(RespondioIdentifier identifier, Map<String, Object> fields) {
        return lookUp(identifier).isPresent() ? update(identifier, fields) : create(identifier, fields);
    }

    /** Deletes a contact ({@code DELETE /contact/{identifier}}); its email and phone are free again. 404 when absent. */
    public synchronized void delete(RespondioIdentifier identifier) {
        Map<String, Object> contact = lookUp(identifier).orElseThrow(RespondioApiException::contactNotFound);
        unindex(contact);
        contacts.remove((Long) contact.get("id"));
    }

    public synchronized Optional<Map<String, Object>> find(RespondioIdentifier identifier) {
        return lookUp(identifier).map(RespondioContactStore::copy);
    }

    /** All contacts, oldest first. */
    public synchronized List<Map<String, Object>> all() {
        return contacts.values().stream().map(RespondioContactStore::copy).toList();
    }

    /** The contacts matching the filter with an id above {@code cursorId} ({@code null} = from the start), by id. */
    public synchronized RespondioContactPage list(RespondioContactFilter filter, int limit, Long cursorId) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw RespondioApiException.badRequest("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        Map<Long, Map<String, Object>> candidates = cursorId == null ? contacts : contacts.tailMap(cursorId, false);
        List<Map<String, Object>> items = new ArrayList<>();
        Long nextCursorId = null;
        for (Map<String, Object> contact : candidates.values()) {
            if (!filter.matches(contact)) {
                continue;
            }
            if (items.size() == limit) {
                nextCursorId = (Long) items.get(limit - 1).get("id");
                break;
            }
            items.add(copy(contact));
        }
        return new RespondioContactPage(items, nextCursorId);
    }

    public synchronized int size() {
        return contacts.size();
    }

    /** Forgets every contact; ids keep counting up, as a vendor never hands out an id twice. */
    public synchronized void clear() {
        contacts.clear();
        idsByEmail.clear();
        idsByPhone.clear();
    }

    private Optional<Map<String, Object>> lookUp(RespondioIdentifier identifier) {
        return switch (identifier.type()) {
            case ID -> Optional.ofNullable(contacts.get(Long.parseLong(identifier.value())));
            case EMAIL -> Optional.ofNullable(idsByEmail.get(identifier.value().toLowerCase(Locale.ROOT)))
                    .map(contacts::get);
            case PHONE -> Optional.ofNullable(idsByPhone.get(identifier.value())).map(contacts::get);
        };
    }

    private void index(Map<String, Object> contact, long id) {
        if (contact.get("email") instanceof String email && !email.isEmpty()) {
            idsByEmail.put(email.toLowerCase(Locale.ROOT), id);
        }
        if (contact.get("phone") instanceof String phone && !phone.isEmpty()) {
            idsByPhone.put(phone, id);
        }
    }

    private void unindex(Map<String, Object> contact) {
        if (contact.get("email") instanceof String email) {
            idsByEmail.remove(email.toLowerCase(Locale.ROOT));
        }
        if (contact.get("phone") instanceof String phone) {
            idsByPhone.remove(phone);
        }
    }

    private void rejectTakenEmailOrPhone(Map<String, Object> written, Long ownId) {
        for (RespondioIdentifier.Type type : List.of(RespondioIdentifier.Type.EMAIL, RespondioIdentifier.Type.PHONE)) {
            String field = type == RespondioIdentifier.Type.EMAIL ? "email" : "phone";
            if (written.get(field) instanceof String value && !value.isEmpty()) {
                Optional<Map<String, Object>> holder = lookUp(new RespondioIdentifier(type, value));
                if (holder.isPresent() && !holder.get().get("id").equals(ownId)) {
                    throw RespondioApiException.contactExists();
                }
            }
        }
    }

    /** The writable fields of a request body, type-checked; other fields are ignored. */
    private static Map<String, Object> validated(Map<String, Object> fields) {
        Map<String, Object> written = new LinkedHashMap<>();
        for (String field : WRITABLE_FIELDS) {
            if (fields.containsKey(field)) {
                Object value = fields.get(field);
                if (value != null && !(value instanceof String)) {
                    throw RespondioApiException.badRequest(field + " must be a string");
                }
                written.put(field, value);
            }
        }
        if (fields.get(CUSTOM_FIELDS) != null) {
            if (!(fields.get(CUSTOM_FIELDS) instanceof List<?> list)
                    || !list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") instanceof String)) {
                throw RespondioApiException.badRequest("custom_fields must be a list of {name, value}");
            }
            written.put(CUSTOM_FIELDS, list);
        }
        return written;
    }

    /** Existing custom fields with the written ones merged in by name; a null value removes the field. */
    private static List<Map<String, Object>> mergedCustomFields(List<Map<String, Object>> existing, Object written) {
        Map<String, Object> byName = new LinkedHashMap<>();
        existing.forEach(field -> byName.put((String) field.get("name"), field.get("value")));
        if (written instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> field = (Map<?, ?>) item;
                if (field.get("value") == null) {
                    byName.remove((String) field.get("name"));
                } else {
                    byName.put((String) field.get("name"), field.get("value"));
                }
            }
        }
        List<Map<String, Object>> merged = new ArrayList<>();
        byName.forEach((name, value) -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", name);
            field.put("value", value);
            merged.add(field);
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> customFields(Map<String, Object> contact) {
        return (List<Map<String, Object>>) contact.get(CUSTOM_FIELDS);
    }

    private Map<String, Object> newContact(long id) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", id);
        WRITABLE_FIELDS.forEach(field -> contact.put(field, null));
        contact.put("locale", null);
        contact.put("status", "open");
        contact.put("isBlocked", false);
        contact.put(CUSTOM_FIELDS, List.of());
        contact.put("tags", List.of());
        contact.put("assignee", null);
        contact.put("lifecycle", null);
        contact.put("created_at", clock.instant().getEpochSecond());
        return contact;
    }

    private static Map<String, Object> copy(Map<String, Object> contact) {
        Map<String, Object> copy = new LinkedHashMap<>(contact);
        copy.put(CUSTOM_FIELDS, customFields(contact).stream().map(field -> (Map<String, Object>) new LinkedHashMap<>(field)).toList());
        copy.put("tags", List.copyOf((List<?>) contact.get("tags")));
        return copy;
    }
}
