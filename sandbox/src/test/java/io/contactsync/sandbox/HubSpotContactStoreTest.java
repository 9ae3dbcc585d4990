package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HubSpotContactStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final HubSpotContactStore store = new HubSpotContactStore(clock);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void createStoresLowerCasedEmailAndSystemProperties() {
        HubSpotContactChange change = store.create(Map.of("email", "Ada@Example.COM", "firstname", "Ada"));

        assertTrue(change.created());
        assertEquals(String.valueOf(HubSpotContactStore.FIRST_ID), change.contactId());
        Map<String, String> properties = properties(store.find(change.contactId(), null).orElseThrow());
        assertEquals("ada@example.com", properties.get("email"));
        assertEquals("2025-01-01T10:00:00.000Z", properties.get("createdate"));
        assertEquals("2025-01-01T10:00:00.000Z", properties.get("lastmodifieddate"));
        assertEquals(change.contactId(), properties.get("hs_object_id"));
    }

    @Test
    void duplicateEmailIsAConflictNamingTheExistingId() {
        String existing = store.create(Map.of("email", "ada@example.com")).contactId();

        HubSpotApiException conflict = assertThrows(HubSpotApiException.class,
                () -> store.create(Map.of("email", "ADA@example.com")));

        assertEquals(409, conflict.status());
        assertEquals("Contact already exists. Existing ID: " + existing, conflict.getMessage());
    }

    @Test
    void readOnlyPropertiesAreRefused() {
        HubSpotApiException refused = assertThrows(HubSpotApiException.class,
                () -> store.create(Map.of("email", "a@b.com", "hs_email_optout", "true")));

        assertEquals(400, refused.status());
        assertEquals("VALIDATION_ERROR", ((Map<?, ?>) refused.body()).get("category"));
        assertThrows(HubSpotApiException.class, () -> store.create(Map.of("lastmodifieddate", "1")));
    }

    @Test
    void leadStatusIsAnEditableHsProperty() {
        String id = store.create(Map.of("email", "a@b.com", "hs_lead_status", "NEW")).contactId();
        store.update(id, Map.of("hs_lead_status", "OPEN"));

        assertEquals("OPEN", properties(store.find(id, Set.of("hs_lead_status")).orElseThrow()).get("hs_lead_status"));
    }

    @Test
    void updateReportsOnlyRealChangesAndEmptyStringClears() {
        String id = store.create(Map.of("email", "a@b.com", "firstname", "Ada", "phone", "+441")).contactId();
        clock.advanceMillis(1500);

        Map<String, String> written = new HashMap<>();
        written.put("firstname", "Ada");
        written.put("lastname", "Lovelace");
        written.put("phone", "");
        HubSpotContactChange change = store.update(id, written);

        assertEquals(Map.of("lastname", "Lovelace", "phone", ""), change.changedProperties());
        Map<String, Object> contact = store.find(id, null).orElseThrow();
        assertFalse(properties(contact).containsKey("phone"));
        assertEquals("2025-01-01T10:00:01.500Z", properties(contact).get("lastmodifieddate"));
        assertEquals("2025-01-01T10:00:01.500Z", contact.get("updatedAt"));

        clock.advanceMillis(1000);
        assertTrue(store.update(id, Map.of("firstname", "Ada")).isNoOp());
        assertEquals("2025-01-01T10:00:01.500Z", properties(store.find(id, null).orElseThrow()).get("lastmodifieddate"));
    }

    @Test
    void changingEmailToAnotherContactsEmailIsAConflict() {
        String first = store.create(Map.of("email", "a@b.com")).contactId();
        String second = store.create(Map.of("email", "c@d.com")).contactId();

        assertEquals(409, assertThrows(HubSpotApiException.class,
                () -> store.update(second, Map.of("email", "A@B.com"))).status());
        assertEquals(404, assertThrows(HubSpotApiException.class, () -> store.update("999", Map.of())).status());

        store.update(first, Map.of("email", "new@b.com"));
        assertEquals(first, store.resolve("NEW@b.com", "email").orElseThrow());
        assertTrue(store.resolve("a@b.com", "email").isEmpty());
    }

    @Test
    void upsertByEmailCreatesOrUpdates() {
        String existing = store.create(Map.of("email", "a@b.com", "firstname", "Ada")).contactId();

        List<HubSpotContactChange> changes = store.upsert(List.of(
                new HubSpotUpsertInput("A@b.com", "email", Map.of("firstname", "Augusta")),
                new HubSpotUpsertInput("new@b.com", "email", Map.of("firstname", "Grace"))));

        assertEquals(existing, changes.get(0).contactId());
        assertFalse(changes.get(0).created());
        assertEquals(Map.of("firstname", "Augusta"), changes.get(0).changedProperties());
        assertTrue(changes.get(1).created());
        assertEquals("new@b.com", properties(store.find(changes.get(1).contactId(), null).orElseThrow()).get("email"));
        assertEquals(400, assertThrows(HubSpotApiException.class, () -> store.upsert(List.of(
                new HubSpotUpsertInput("x@b.com", "email", Map.of()),
                new HubSpotUpsertInput("X@b.com", "email", Map.of())))).status());
    }

    @Test
    void answersCarryTheDefaultOrTheRequestedProperties() {
        String id = store.create(Map.of("email", "a@b.com", "firstname", "Ada", "city", "London")).contactId();

        assertEquals(Set.of("email", "firstname", "createdate", "lastmodifieddate", "hs_object_id"),
                properties(store.find(id, HubSpotContactStore.selection(null)).orElseThrow()).keySet());
        assertEquals(Set.of("email", "city", "createdate", "lastmodifieddate", "hs_object_id"),
                properties(store.find(id, HubSpotContactStore.selection(List.of("city"))).orElseThrow()).keySet());
    }

    @Test
    void searchFiltersSortsAndPages() throws Exception {
        store.create(Map.of("email", "a@b.com", "firstname", "Ada"));
        clock.advanceMillis(1000);
        store.create(Map.of("email", "c@d.com", "firstname", "Cy"));
        clock.advanceMillis(1000);
        store.create(Map.of("email", "e@f.com"));

        long after = Instant.parse("2025-01-01T10:00:00.500Z").toEpochMilli();
        Map<String, Object> page = store.search(search("""
                {"filterGroups":[{"filters":[
                    {"propertyName":"lastmodifieddate","operator":"GT","value":"%d"},
                    {"propertyName":"firstname","operator":"HAS_PROPERTY"}]}],
                 "sorts":[{"propertyName":"lastmodifieddate","direction":"DESCENDING"}],
                 "properties":["firstname"], "limit":1}""".formatted(after)));

        assertEquals(1, page.get("total"));
        assertEquals("Cy", properties(results(page).get(0)).get("firstname"));
        assertFalse(page.containsKey("paging"));

        Map<String, Object> firstPage = store.search(search("""
                {"filterGroups":[{"filters":[{"propertyName":"email","operator":"EQ","value":"A@B.COM"}]},
                                 {"filters":[{"propertyName":"firstname","operator":"NOT_HAS_PROPERTY"}]}],
                 "sorts":["createdate"], "limit":1}"""));
        assertEquals(2, firstPage.get("total"));
        assertEquals("a@b.com", properties(results(firstPage).get(0)).get("email"));
        assertEquals(Map.of("next", Map.of("after", "1")), firstPage.get("paging"));

        Map<String, Object> secondPage = store.search(search("""
                {"filterGroups":[{"filters":[{"propertyName":"email","operator":"IN","values":["a@b.com","e@f.com"]}]}],
                 "sorts":["createdate"], "limit":1, "after":"1"}"""));
        assertEquals("e@f.com", properties(results(secondPage).get(0)).get("email"));
    }

    @Test
    void searchRefusesWhatHubSpotRefuses() {
        assertEquals(400, assertThrows(HubSpotApiException.class, () -> search("{\"limit\":201}")).status());
        assertEquals(400, assertThrows(HubSpotApiException.class, () -> search(
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"SOUNDS_LIKE\",\"value\":\"x\"}]}]}"))
                .status());
    }

    private HubSpotContactSearch search(String body) throws Exception {
        JsonNode node = json.readTree(body);
        return HubSpotContactSearch.parse(node);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> properties(Map<String, Object> simplePublicObject) {
        return (Map<String, String>) simplePublicObject.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("results");
    }
}
