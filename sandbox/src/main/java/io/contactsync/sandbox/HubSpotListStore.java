package io.contactsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * HubSpot's contact lists (Lists v3, objectTypeId {@code 0-1}), in memory: unique names, MANUAL / SNAPSHOT / DYNAMIC
 * processing types, members kept sorted by numeric record id so that a memberships page costs O(log n + page).
 * Filters are not evaluated: a list's members are only those added to it. Thread-safe; independent of HTTP.
 */
public final class HubSpotListStore {

    public static final String CONTACT_OBJECT_TYPE = "0-1";
    public static final long FIRST_ID = 1;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 250;

    static final String MANUAL = "MANUAL";
    static final String DYNAMIC = "DYNAMIC";
    private static final Set<String> PROCESSING_TYPES = Set.of(MANUAL, "SNAPSHOT", DYNAMIC);

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Predicate<String> contactExists;
    private final Map<String, ContactList> lists = new LinkedHashMap<>();
    private long nextId = FIRST_ID;

    /** @param contactExists whether a record id is the id of an existing contact */
    public HubSpotListStore(Clock clock, Predicate<String> contactExists) {
        this.clock = clock;
        this.contactExists = contactExists;
    }

    /**
     * Creates an empty list; a {@code null} listId takes the next free id. Returns the list id.
     * 400 for a missing or taken name, another object type or an unknown processing type; 409 for a taken listId.
     */
    public synchronized String create(String listId, String name, String objectTypeId, String processingType) {
        if (name == null || name.isBlank()) {
            throw HubSpotApiException.validation("name is required");
        }
        if (!CONTACT_OBJECT_TYPE.equals(objectTypeId)) {
            throw HubSpotApiException.validation("The sandbox only holds contact lists (objectTypeId " + CONTACT_OBJECT_TYPE
                    + "), not " + objectTypeId);
        }
        if (!PROCESSING_TYPES.contains(processingType)) {
            throw HubSpotApiException.validation("processingType must be one of MANUAL, SNAPSHOT, DYNAMIC, not " + processingType);
        }
        if (listId != null && lists.containsKey(listId)) {
            throw HubSpotApiException.listExists(listId);
        }
        if (lists.values().stream().anyMatch(list -> list.name.equals(name))) {
            throw HubSpotApiException.validation("A list named '" + name + "' already exists");
        }
        String id = listId != null ? listId : nextFreeId();
        lists.put(id, new ContactList(id, name, processingType, now()));
        return id;
    }

    /** The list as a PublicObjectList. */
    public synchronized Optional<Map<String, Object>> find(String listId) {
        return Optional.ofNullable(lists.get(listId)).map(HubSpotListStore::render);
    }

    /** 400 for a DYNAMIC list, whose members HubSpot derives from its filters and which the API cannot edit; 404 for none. */
    public synchronized void requireEditable(String listId) {
        if (existing(listId).processingType.equals(DYNAMIC)) {
            throw HubSpotApiException.validation("List " + listId + " is a DYNAMIC list; only MANUAL and SNAPSHOT lists"
                    + " can have records added or removed");
        }
    }

    /** Adds the existing contacts among the ids; ids that are no contact are missing, members already in are ignored. */
    public synchronized HubSpotMembershipsUpdate add(String listId, Collection<String> recordIds) {
        ContactList list = existing(listId);
        String now = now();
        List<String> added = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String recordId : new LinkedHashSet<>(recordIds)) {
            if (!contactExists.test(recordId)) {
                missing.add(recordId);
            } else if (list.members.putIfAbsent(Long.parseLong(recordId), now) == null) {
                added.add(recordId);
            }
        }
        if (!added.isEmpty()) {
            list.updatedAt = now;
        }
        return new HubSpotMembershipsUpdate(added, List.of(), missing);
    }

    /** Removes the members among the ids; ids that are no contact are missing, contacts not in the list are ignored. */
    public synchronized HubSpotMembershipsUpdate remove(String listId, Collection<String> recordIds) {
        ContactList list = existing(listId);
        List<String> removed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String recordId : new LinkedHashSet<>(recordIds)) {
            Long key = recordKey(recordId);
            if (key != null && list.members.remove(key) != null) {
                removed.add(recordId);
            } else if (!contactExists.test(recordId)) {
                missing.add(recordId);
            }
        }
        if (!removed.isEmpty()) {
            list.updatedAt = now();
        }
        return new HubSpotMembershipsUpdate(List.of(), removed, missing);
    }

    /**
     * One page of {@code GET /crm/v3/lists/{listId}/memberships}, ascending by record id; {@code after} is the last
     * record id of the previous page, {@code null} for the first page. 400 for a limit outside 1..250.
     */
    public synchronized Map<String, Object> members(String listId, String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw HubSpotApiException.validation("limit must be between 1 and " + MAX_PAGE_SIZE + ", not " + limit);
        }
        ContactList list = existing(listId);
        NavigableMap<Long, String> rest = after == null ? list.members : list.members.tailMap(cursor(after), false);
        List<Map<String, Object>> results = new ArrayList<>();
        Iterator<Map.Entry<Long, String>> members = rest.entrySet().iterator();
        while (members.hasNext() && results.size() < limit) {
            Map.Entry<Long, String> member = members.next();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("recordId", String.valueOf(member.getKey()));
            result.put("membershipTimestamp", member.getValue());
            results.add(result);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", results);
        if (members.hasNext()) {
            answer.put("paging", Map.of("next", Map.of("after", results.get(results.size() - 1).get("recordId"))));
        }
        answer.put("total", list.members.size());
        return answer;
    }

    /** The member record ids, ascending; 404 for an unknown list. */
    public synchronized List<String> memberIds(String listId) {
        return existing(listId).members.keySet().stream().map(String::valueOf).toList();
    }

    /** Every list as {@code {listId, name, size, recordIds}}, oldest first. */
    public synchronized List<Map<String, Object>> all() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (ContactList list : lists.values()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("listId", list.id);
            summary.put("name", list.name);
            summary.put("size", list.members.size());
            summary.put("recordIds", list.members.keySet().stream().map(String::valueOf).toList());
            all.add(summary);
        }
        return all;
    }

    /** Forgets every list; ids keep counting up, as a vendor never hands out an id twice. */
    public synchronized void clear() {
        lists.clear();
    }

    private ContactList existing(String listId) {
        ContactList list = lists.get(listId);
        if (list == null) {
            throw HubSpotApiException.notFound();
        }
        return list;
    }

    private String nextFreeId() {
        while (lists.containsKey(String.valueOf(nextId))) {
            nextId++;
        }
        return String.valueOf(nextId++);
    }

    /** A record id as the members' key; {@code null} when it is not a number (and so no contact's id). */
    private static Long recordKey(String recordId) {
        try {
            return Long.valueOf(recordId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long cursor(String after) {
        Long key = recordKey(after);
        if (key == null) {
            throw HubSpotApiException.validation("Invalid paging cursor after=" + after);
        }
        return key;
    }

    private String now() {
        return ISO_MILLIS.format(Instant.now(clock));
    }

    private static Map<String, Object> render(ContactList list) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("listId", list.id);
        object.put("listVersion", 1);
        object.put("name", list.name);
        object.put("objectTypeId", CONTACT_OBJECT_TYPE);
        object.put("processingType", list.processingType);
        object.put("processingStatus", "COMPLETE");
        object.put("size", list.members.size());
        object.put("createdAt", list.createdAt);
        object.put("updatedAt", list.updatedAt);
        return object;
    }

    private static final class ContactList {
        final String id;
        final String name;
        final String processingType;
        final String createdAt;
        /** Record id to the time it joined the list, ascending by record id. */
        final TreeMap<Long, String> members = new TreeMap<>();
        String updatedAt;

        ContactList(String id, String name, String processingType, String createdAt) {
            this.id = id;
            this.name = name;
            this.processingType = processingType;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }
}
