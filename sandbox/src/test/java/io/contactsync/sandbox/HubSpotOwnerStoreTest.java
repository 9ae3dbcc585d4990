package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The owners API v3 as HubSpot documents it: pages by after, archived owners only on request. */
class HubSpotOwnerStoreTest {

    private final HubSpotOwnerStore owners = new HubSpotOwnerStore(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));

    @Test
    void everyActiveOwnerOncePageByPageInCreationOrder() {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            added.add(owners.add("owner" + i + "@example.com", "First" + i, "Last" + i));
        }
        List<Object> read = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> page = owners.page(null, after, 100, false);
            pages++;
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) page.get("results");
            results.forEach(owner -> read.add(owner.get("id")));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> paging = (Map<String, Map<String, Object>>) page.get("paging");
            after = paging == null ? null : (String) paging.get("next").get("after");
        } while (after != null);
        assertEquals(added, read);
        assertEquals(3, pages);
    }

    @Test
    void anArchivedOwnerKeepsItsIdLosesItsUserIdAndIsListedOnlyWithArchivedTrue() {
        String ana = owners.add("ana@example.com", "Ana", "Lopez");
        String bob = owners.add("bob@example.com", "Bob", "Stone");
        owners.archive(bob);

        List<?> active = (List<?>) owners.page(null, null, 100, false).get("results");
        assertEquals(1, active.size());
        Map<?, ?> owner = (Map<?, ?>) active.get(0);
        assertEquals(ana, owner.get("id"));
        assertEquals("ana@example.com", owner.get("email"));
        assertEquals("PERSON", owner.get("type"));
        assertEquals(false, owner.get("archived"));

        Map<?, ?> archived = (Map<?, ?>) ((List<?>) owners.page(null, null, 100, true).get("results")).get(0);
        assertEquals(bob, archived.get("id"));
        assertEquals(true, archived.get("archived"));
        assertNull(archived.get("userId"));
        assertTrue(archived.get("userIdIncludingInactive") instanceof Long);
    }

    @Test
    void emailFiltersCaseAsideAndBadLimitsOrCursorsAre400() {
        String ana = owners.add("Ana@Example.com", "Ana", "Lopez");
        owners.add("bob@example.com", "Bob", "Stone");
        List<?> found = (List<?>) owners.page("ana@example.COM", null, 100, false).get("results");
        assertEquals(ana, ((Map<?, ?>) found.get(0)).get("id"));
        assertEquals(1, found.size());
        assertFalse(owners.page(null, null, 1, false).get("paging") == null);

        HubSpotApiException tooMany = assertThrows(HubSpotApiException.class, () -> owners.page(null, null, 501, false));
        assertEquals(400, tooMany.status());
        assertThrows(HubSpotApiException.class, () -> owners.page(null, "no-such-owner", 100, false));
        assertThrows(HubSpotApiException.class, () -> owners.add("", "No", "Email"));
    }
}
