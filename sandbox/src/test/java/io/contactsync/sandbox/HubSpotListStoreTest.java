package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HubSpotListStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final HubSpotContactStore contacts = new HubSpotContactStore(clock);
    private final HubSpotListStore lists = new HubSpotListStore(clock, id -> contacts.resolve(id, null).isPresent());

    @Test
    void createdListIsAnEmptyContactList() {
        String id = lists.create(null, "Newsletter", "0-1", "MANUAL");

        Map<String, Object> list = lists.find(id).orElseThrow();
        assertEquals(String.valueOf(HubSpotListStore.FIRST_ID), list.get("listId"));
        assertEquals("Newsletter", list.get("name"));
        assertEquals("0-1", list.get("objectTypeId"));
        assertEquals("MANUAL", list.get("processingType"));
        assertEquals("COMPLETE", list.get("processingStatus"));
        assertEquals(1, list.get("listVersion"));
        assertEquals(0, list.get("size"));
        assertEquals("2025-01-01T10:00:00.000Z", list.get("createdAt"));
        assertEquals("2025-01-01T10:00:00.000Z", list.get("updatedAt"));
        assertTrue(lists.find("404").isEmpty());
    }

    @Test
    void newIdsSkipTheOnesGivenExplicitly() {
        assertEquals("2", lists.create("2", "Two", "0-1", "MANUAL"));
        assertEquals("1", lists.create(null, "One", "0-1", "MANUAL"));
        assertEquals("3", lists.create(null, "Three", "0-1", "SNAPSHOT"));
    }

    @Test
    void invalidCreationsAreRefused() {
        lists.create("777", "Bench", "0-1", "MANUAL");

        assertStatus(409, () -> lists.create("777", "Other", "0-1", "MANUAL"));
        assertStatus(400, () -> lists.create(null, "Bench", "0-1", "MANUAL"));
        assertStatus(400, () -> lists.create(null, " ", "0-1", "MANUAL"));
        assertStatus(400, () -> lists.create(null, "Companies", "0-2", "MANUAL"));
        assertStatus(400, () -> lists.create(null, "Odd", "0-1", "STATIC"));
        assertEquals(1, lists.all().size());
    }

    @Test
    void addReportsAddedAndMissingIdsAndIgnoresMembers() {
        String ada = contact("ada@example.com");
        String bob = contact("bob@example.com");
        String list = lists.create(null, "L", "0-1", "MANUAL");

        clock.advanceMillis(1000);
        HubSpotMembershipsUpdate first = lists.add(list, List.of(ada, "999", ada, "not-a-number"));
        assertEquals(List.of(ada), first.added());
        assertEquals(List.of("999", "not-a-number"), first.missing());
        assertEquals(List.of(), first.removed());

        clock.advanceMillis(1000);
        HubSpotMembershipsUpdate second = lists.add(list, List.of(ada, bob));
        assertEquals(List.of(bob), second.added());
        assertEquals(List.of(), second.missing());

        Map<String, Object> found = lists.find(list).orElseThrow();
        assertEquals(2, found.get("size"));
        assertEquals("2025-01-01T10:00:02.000Z", found.get("updatedAt"));
        assertEquals(List.of(ada, bob), lists.memberIds(list));

        clock.advanceMillis(1000);
        lists.add(list, List.of(ada));
        assertEquals("2025-01-01T10:00:02.000Z", lists.find(list).orElseThrow().get("updatedAt"), "nothing changed");
    }

    @Test
    void removeReportsRemovedAndMissingIdsAndIgnoresNonMembers() {
        String ada = contact("ada@example.com");
        String bob = contact("bob@example.com");
        String cy = contact("cy@example.com");
        String list = lists.create(null, "L", "0-1", "MANUAL");
        lists.add(list, List.of(ada, bob));

        clock.advanceMillis(1000);
        HubSpotMembershipsUpdate update = lists.remove(list, List.of(ada, cy, "999"));

        assertEquals(List.of(ada), update.removed());
        assertEquals(List.of("999"), update.missing());
        assertEquals(List.of(), update.added());
        assertEquals(List.of(bob), lists.memberIds(list));
        Map<String, Object> found = lists.find(list).orElseThrow();
        assertEquals(1, found.get("size"));
        assertEquals("2025-01-01T10:00:01.000Z", found.get("updatedAt"));
        assertEquals(3, contacts.size(), "contacts stay");
    }

    @Test
    void responseUsesTheSpecFieldNames() {
        Map<String, Object> response = new HubSpotMembershipsUpdate(List.of("1"), List.of("2"), List.of("3")).toResponse();

        assertEquals(Map.of("recordsIdsAdded", List.of("1"), "recordIdsRemoved", List.of("2"), "recordIdsMissing", List.of("3")),
                response);
    }

    @Test
    void membershipsPageAcross250AscendingByNumericRecordId() {
        HubSpotListStore numbered = new HubSpotListStore(clock, id -> id.matches("[1-9][0-9]*"));
        String list = numbered.create(null, "L", "0-1", "MANUAL");
        List<String> ids = new ArrayList<>(IntStream.rangeClosed(1, 600).mapToObj(String::valueOf).toList());
        Collections.shuffle(ids, new Random(7));
        numbered.add(list, ids);

        Map<String, Object> first = numbered.members(list, null, 250);
        assertEquals(recordIds(1, 250), recordIds(first));
        assertEquals("250", after(first));
        assertEquals(600, first.get("total"));
        Map<String, Object> second = numbered.members(list, after(first), 250);
        assertEquals(recordIds(251, 500), recordIds(second));
        Map<String, Object> last = numbered.members(list, after(second), 250);
        assertEquals(recordIds(501, 600), recordIds(last));
        assertNull(last.get("paging"));
        assertEquals(600, last.get("total"));
    }

    @Test
    void lastFullPageHasNoNextCursor() {
        HubSpotListStore numbered = new HubSpotListStore(clock, id -> true);
        String list = numbered.create(null, "L", "0-1", "MANUAL");
        numbered.add(list, recordIds(1, 250));

        Map<String, Object> page = numbered.members(list, null, 250);

        assertEquals(250, recordIds(page).size());
        assertFalse(page.containsKey("paging"));
        assertEquals(Map.of("recordId", "1", "membershipTimestamp", "2025-01-01T10:00:00.000Z"),
                ((List<?>) page.get("results")).get(0));
    }

    @Test
    void tenThousandMembersPageCompletely() {
        HubSpotListStore numbered = new HubSpotListStore(clock, id -> true);
        String list = numbered.create(null, "L", "0-1", "MANUAL");
        numbered.add(list, recordIds(1, 10_000));

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> page = numbered.members(list, after, HubSpotListStore.MAX_PAGE_SIZE);
            seen.addAll(recordIds(page));
            after = after(page);
            pages++;
        } while (after != null);

        assertEquals(40, pages);
        assertEquals(recordIds(1, 10_000), seen);
    }

    @Test
    void invalidPagesAndUnknownListsAreRefused() {
        String list = lists.create(null, "L", "0-1", "MANUAL");

        assertStatus(400, () -> lists.members(list, null, 251));
        assertStatus(400, () -> lists.members(list, null, 0));
        assertStatus(400, () -> lists.members(list, "not-a-cursor", 10));
        assertStatus(404, () -> lists.members("404", null, 10));
        assertStatus(404, () -> lists.add("404", List.of()));
        assertStatus(404, () -> lists.remove("404", List.of()));
        assertStatus(404, () -> lists.requireEditable("404"));
    }

    @Test
    void onlyDynamicListsAreNotEditable() {
        String manual = lists.create(null, "Manual", "0-1", "MANUAL");
        String snapshot = lists.create(null, "Snapshot", "0-1", "SNAPSHOT");
        String dynamic = lists.create(null, "Dynamic", "0-1", "DYNAMIC");

        lists.requireEditable(manual);
        lists.requireEditable(snapshot);
        assertStatus(400, () -> lists.requireEditable(dynamic));
    }

    @Test
    void clearForgetsListsButNotUsedIds() {
        lists.create(null, "L", "0-1", "MANUAL");

        lists.clear();

        assertEquals(List.of(), lists.all());
        assertEquals("2", lists.create(null, "L", "0-1", "MANUAL"));
    }

    @Test
    void summariesNameTheMembers() {
        String ada = contact("ada@example.com");
        lists.create("777", "Bench", "0-1", "MANUAL");
        lists.add("777", List.of(ada));

        assertEquals(List.of(Map.of("listId", "777", "name", "Bench", "size", 1, "recordIds", List.of(ada))), lists.all());
    }

    private String contact(String email) {
        return contacts.create(Map.of("email", email)).contactId();
    }

    private static void assertStatus(int status, Executable call) {
        assertEquals(status, assertThrows(HubSpotApiException.class, call).status());
    }

    private static List<String> recordIds(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(String::valueOf).toList();
    }

    private static List<String> recordIds(Map<String, Object> page) {
        return ((List<?>) page.get("results")).stream().map(result -> (String) ((Map<?, ?>) result).get("recordId")).toList();
    }

    private static String after(Map<String, Object> page) {
        return page.get("paging") instanceof Map<?, ?> paging && paging.get("next") instanceof Map<?, ?> next
                ? (String) next.get("after") : null;
    }
}
