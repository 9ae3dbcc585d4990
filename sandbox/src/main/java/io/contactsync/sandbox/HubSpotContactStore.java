package io.contactsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.TreeMap;

/**
 * HubSpot's contacts, in memory, with the behaviour of the CRM v3 contacts API: unique lower-cased email, read-only
 * system properties, "" clears a property, default property set in answers, batch upsert, search.
 * Thread-safe; independent of HTTP.
 */
public final class HubSpotContactStore {

    public static final long FIRST_ID = 1001;
    /** What HubSpot accepts as an email: a local part, an @, and a domain with a dot; no spaces. */
    private final Map<String, Pattern> validationRules = new HashMap<>();
    private static final Pattern VALID_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Properties HubSpot returns when a request names none. */
    public static final Set<String> DEFAULT_PROPERTIES =
            Set.of("firstname", "lastname", "email", "createdate", "lastmodifieddate", "hs_object_id");

    /** Properties HubSpot returns in addition to the ones a request names. */
    public static final Set<String> ALWAYS_RETURNED = Set.of("email", "createdate", "lastmodifieddate", "hs_object_id");

    /**
     * Default properties named hs_* that users and apps edit (HubSpot's default contact properties: "Lead status" is an
     * editable dropdown); the other hs_* properties are set by HubSpot itself.
     */
    static final Set<String> WRITABLE_HS_PROPERTIES = Set.of("hs_lead_status");

    static final String EMAIL = "email";
    static final String CREATEDATE = "createdate";
    static final String LASTMODIFIEDDATE = "lastmodifieddate";
    static final String OBJECT_ID = "hs_object_id";

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, String> idsByEmail = new HashMap<>();
    private long nextId = FIRST_ID;

    public HubSpotContactStore(Clock clock) {
        this.clock = clock;
    }

    /** The properties to answer with: the defaults when none are requested, else the requested ones plus the always-returned ones. */
    public static Set<String> selection(Collection<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_PROPERTIES;
        }
        Set<String> names = new LinkedHashSet<>(requested);
        names.addAll(ALWAYS_RETURNED);
        return names;
    }

    public synchronized HubSpotContactChange create(Map<String, String> properties) {
        rejectInvalid(properties);
        Map<String, String> written = normalised(properties);
        String email = written.get(EMAIL);
        if (email != null && idsByEmail.containsKey(email)) {
            throw HubSpotApiException.conflict(idsByEmail.get(email));
        }
        String id = String.valueOf(nextId++);
        String now = now();
        Contact contact = new Contact(id, now);
        contact.properties.putAll(written);
        contact.properties.put(CREATEDATE, now);
        contact.properties.put(LASTMODIFIEDDATE, now);
        contact.properties.put(OBJECT_ID, id);
        contacts.put(id, contact);
        if (email != null) {
            idsByEmail.put(email, id);
        }
        return new HubSpotContactChange(id, true, Collections.unmodifiableMap(written));
    }

    /** Updates a contact by id; 404 when there is none, 409 when the new email belongs to another contact. */
    public synchronized HubSpotContactChange update(String id, Map<String, String> properties) {
        rejectInvalid(properties);
        Contact contact = contacts.get(id);
        if (contact == null) {
            throw HubSpotApiException.notFound();
        }
        return apply(contact, properties);
    }

    /** A property only HubSpot itself sets (e.g. hs_email_optout when the recipient unsubscribes); 404 without the contact. */
    public synchronized HubSpotContactChange setByHubSpot(String id, String name, String value) {
        Contact contact = contacts.get(id);
        if (contact == null) {
            throw HubSpotApiException.notFound();
        }
        return apply(contact, Map.of(name, value));
    }

    /** Creates or updates each input in turn; the whole batch is refused if any input is invalid. */
    public synchronized List<HubSpotContactChange> upsert(List<HubSpotUpsertInput> inputs) {
        Set<String> seen = new HashSet<>();
        for (HubSpotUpsertInput input : inputs) {
            rejectInvalid(input.properties());
            if (input.id() == null || input.id().isBlank()) {
                throw HubSpotApiException.validation("Every input needs an id");
            }
            String key = isEmailProperty(input.idProperty()) ? normaliseEmail(input.id()) : input.id();
            if (!seen.add(key)) {
                throw HubSpotApiException.validation("Duplicate IDs found in batch input: [" + input.id() + "]");
            }
        }
        List<HubSpotContactChange> changes = new ArrayList<>();
        for (HubSpotUpsertInput input : inputs) {
            Optional<String> existing = resolve(input.id(), input.idProperty());
            if (existing.isPresent()) {
                changes.add(apply(contacts.get(existing.get()), input.properties()));
            } else if (isEmailProperty(input.idProperty())) {
                Map<String, String> properties = new HashMap<>(input.properties());
                properties.putIfAbsent(EMAIL, input.id());
                changes.add(create(properties));
            } else {
                throw HubSpotApiException.validation("Upsert by contact id needs an existing contact: " + input.id());
            }
        }
        return changes;
    }

    /** Finds a contact id by id (idProperty null or hs_object_id) or by email (idProperty email). */
    public synchronized Optional<String> resolve(String idValue, String idProperty) {
        if (isEmailProperty(idProperty)) {
            return Optional.ofNullable(idsByEmail.get(normaliseEmail(idValue)));
        }
        if (idProperty != null && !idProperty.equals(OBJECT_ID)) {
            throw HubSpotApiException.validation("Property " + idProperty + " is not a unique identifier property of contacts");
        }
        return contacts.containsKey(idValue) ? Optional.of(idValue) : Optional.empty();
    }

    /** The contact as a SimplePublicObject with the given properties; {@code null} names = all properties. */
    public synchronized Optional<Map<String, Object>> find(String id, Set<String> propertyNames) {
        return Optional.ofNullable(contacts.get(id)).map(contact -> render(contact, propertyNames));
    }

    /** All contacts as SimplePublicObjects with all their properties, oldest first. */
    public synchronized List<Map<String, Object>> all() {
        return contacts.values().stream().map(contact -> render(contact, null)).toList();
    }

    /** Runs a search and answers like {@code POST /crm/v3/objects/contacts/search}. */
    public synchronized Map<String, Object> search(HubSpotContactSearch search) {
        Comparator<Contact> order = Comparator.comparing(contact -> contact.properties, search.order());
        List<Contact> matches = contacts.values().stream()
                .filter(contact -> search.matches(contact.properties))
                .sorted(order)
                .toList();
        int from = Math.min(search.after(), matches.size());
        int to = Math.min(from + search.limit(), matches.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", matches.size());
        answer.put("results", matches.subList(from, to).stream()
                .map(contact -> render(contact, selection(search.properties())))
                .toList());
        if (to < matches.size()) {
            answer.put("paging", Map.of("next", Map.of("after", String.valueOf(to))));
        }
        return answer;
    }

    public synchronized int size() {
        return contacts.size();
    }

    /** Forgets every contact; ids keep counting up, as a vendor never hands out an id twice. */
    public synchronized void clear() {
        contacts.clear();
        idsByEmail.clear();
        validationRules.clear();
    }

    private HubSpotContactChange apply(Contact contact, Map<String, String> properties) {
        Map<String, String> changed = new LinkedHashMap<>();
        normalisedWithClears(properties).forEach((name, value) -> {
            if (!value.equals(contact.properties.getOrDefault(name, ""))) {
                changed.put(name, value);
            }
        });
        String newEmail = changed.get(EMAIL);
        if (newEmail != null && !newEmail.isEmpty() && idsByEmail.containsKey(newEmail)) {
            throw HubSpotApiException.conflict(idsByEmail.get(newEmail));
        }
        if (changed.isEmpty()) {
            return new HubSpotContactChange(contact.id, false, Map.of());
        }
        if (changed.containsKey(EMAIL)) {
            idsByEmail.remove(contact.properties.getOrDefault(EMAIL, ""));
            if (!newEmail.isEmpty()) {
                idsByEmail.put(newEmail, contact.id);
            }
        }
        changed.forEach((name, value) -> {
            if (value.isEmpty()) {
                contact.properties.remove(name);
            } else {
                contact.properties.put(name, value);
            }
        });
        String now = now();
        contact.properties.put(LASTMODIFIEDDATE, now);
        contact.updatedAt = now;
        return new HubSpotContactChange(contact.id, false, Collections.unmodifiableMap(changed));
    }

    private void rejectInvalid(Map<String, String> properties) {
        rejectReadOnly(properties);
        String email = properties.get(EMAIL);
        if (email != null && !email.isEmpty() && !VALID_EMAIL.matcher(email.trim()).matches()) {
            throw HubSpotApiException.invalidEmail(email);
        }
        validationRules.forEach((property, rule) -> {
            String value = properties.get(property);
            if (value != null && !value.isEmpty() && !rule.matcher(value).matches()) {
                throw HubSpotApiException.ruleBroken(property, value);
            }
        });
    }

    /**
     * A property validation rule (HubSpot: Settings, Properties, the property's "Rules" tab): values of the property
     * that do not match the pattern are refused on every write; kept until {@link #clear()}.
     */
    public synchronized void addValidationRule(String property, String pattern) {
        validationRules.put(property, Pattern.compile(pattern));
    }

    private static void rejectReadOnly(Map<String, String> properties) {
        List<String> readOnly = properties.keySet().stream()
                .filter(name -> (name.startsWith("hs_") && !WRITABLE_HS_PROPERTIES.contains(name))
                        || name.equals(CREATEDATE) || name.equals(LASTMODIFIEDDATE))
                .sorted()
                .toList();
        if (!readOnly.isEmpty()) {
            throw HubSpotApiException.readOnlyProperties(readOnly);
        }
    }

    /** Properties as written on creation: cleared ("" or null) ones left out, email lower-cased. */
    private static Map<String, String> normalised(Map<String, String> properties) {
        Map<String, String> written = new LinkedHashMap<>();
        normalisedWithClears(properties).forEach((name, value) -> {
            if (!value.isEmpty()) {
                written.put(name, value);
            }
        });
        return written;
    }

    /** Properties as written on update: null becomes "" (clear), email lower-cased. */
    private static Map<String, String> normalisedWithClears(Map<String, String> properties) {
        Map<String, String> written = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            String text = value == null ? "" : value;
            written.put(name, name.equals(EMAIL) ? normaliseEmail(text) : text);
        });
        return written;
    }

    private static String normaliseEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isEmailProperty(String idProperty) {
        return EMAIL.equals(idProperty);
    }

    private String now() {
        return ISO_MILLIS.format(Instant.now(clock));
    }

    private static Map<String, Object> render(Contact contact, Set<String> propertyNames) {
        Map<String, String> properties = new TreeMap<>();
        contact.properties.forEach((name, value) -> {
            if (propertyNames == null || propertyNames.contains(name)) {
                properties.put(name, value);
            }
        });
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", contact.id);
        object.put("properties", properties);
        object.put("createdAt", contact.createdAt);
        object.put("updatedAt", contact.updatedAt);
        object.put("archived", false);
        return object;
    }

    private static final class Contact {
        final String id;
        final String createdAt;
        final Map<String, String> properties = new HashMap<>();
        String updatedAt;

        Contact(String id, String createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }
}
