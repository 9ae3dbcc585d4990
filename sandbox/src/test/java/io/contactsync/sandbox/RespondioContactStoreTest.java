package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RespondioContactStoreTest {

    private final RespondioContactStore store = new RespondioContactStore(new MutableClock(Instant.ofEpochSecond(1_700_000_000)));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void createStoresTheIdentifierValueAndDefaults() {
        RespondioContactChange change = store.create(RespondioIdentifier.parse("email:Ada@Example.com"),
                Map.of("firstName", "Ada", "phone", "+4479001"));

        assertEquals(RespondioContactStore.FIRST_ID, change.contactId());
        Map<String, Object> contact = store.find(RespondioIdentifier.parse("email:ada@example.com")).orElseThrow();
        assertEquals("Ada@Example.com", contact.get("email"));
        assertEquals("+4479001", contact.get("phone"));
        assertEquals("open", contact.get("status"));
        assertEquals(false, contact.get("isBlocked"));
        assertEquals(List.of(), contact.get("custom_fields"));
        assertEquals(1_700_000_000L, contact.get("created_at"));
        assertNull(contact.get("assignee"));
        assertTrue(store.find(RespondioIdentifier.parse("phone:+4479001")).isPresent());
    }

    @Test
    void createRefusesWhatRespondioRefuses() {
        store.create(RespondioIdentifier.parse("email:a@b.com"), Map.of("firstName", "Ada"));

        RespondioApiException noFirstName = assertThrows(RespondioApiException.class,
                () -> store.create(RespondioIdentifier.parse("email:c@d.com"), Map.of("lastName", "X")));
        assertEquals(400, noFirstName.status());
        assertEquals(Map.of("code", 400, "message", "firstName is required"), noFirstName.body());
        assertEquals(409, assertThrows(RespondioApiException.class,
                () -> store.create(RespondioIdentifier.parse("email:A@B.com"), Map.of("firstName", "Ada"))).status());
        assertEquals(400, assertThrows(RespondioApiException.class,
                () -> store.create(RespondioIdentifier.parse("id:5001"), Map.of("firstName", "Ada"))).status());
        assertEquals(400, assertThrows(RespondioApiException.class, () -> RespondioIdentifier.parse("name:Ada")).status());
    }

    @Test
    void updateMergesCustomFieldsByNameAndReportsRealChanges() {
        long id = store.create(null, Map.of("firstName", "Ada",
                "custom_fields", List.of(Map.of("name", "plan", "value", "gold"), Map.of("name", "city", "value", "London"))))
                .contactId();

        Map<String, Object> removeCity = new HashMap<>();
        removeCity.put("name", "city");
        removeCity.put("value", null);
        RespondioContactChange change = store.update(RespondioIdentifier.id(id),
                Map.of("lastName", "Lovelace", "custom_fields", List.of(Map.of("name", "plan", "value", "silver"), removeCity)));

        assertTrue(change.changed());
        assertEquals("Lovelace", change.contact().get("lastName"));
        assertEquals(List.of(Map.of("name", "plan", "value", "silver")), change.contact().get("custom_fields"));
        assertFalse(store.update(RespondioIdentifier.id(id), Map.of("lastName", "Lovelace")).changed());
        assertEquals(404, assertThrows(RespondioApiException.class,
                () -> store.update(RespondioIdentifier.id(9999), Map.of("firstName", "X"))).status());
    }

    @Test
    void emailAndPhoneStayUnique() {
        store.create(RespondioIdentifier.parse("email:a@b.com"), Map.of("firstName", "Ada", "phone", "+441"));
        long other = store.create(RespondioIdentifier.parse("email:c@d.com"), Map.of("firstName", "Cy")).contactId();

        assertEquals(409, assertThrows(RespondioApiException.class,
                () -> store.update(RespondioIdentifier.id(other), Map.of("email", "A@b.com"))).status());
        assertEquals(409, assertThrows(RespondioApiException.class,
                () -> store.update(RespondioIdentifier.id(other), Map.of("phone", "+441"))).status());
    }

    @Test
    void aDeletedContactIsGoneAndFreesItsEmailAndPhone() {
        long id = store.create(RespondioIdentifier.parse("email:a@b.com"), Map.of("firstName", "Ada", "phone", "+441"))
                .contactId();

        store.delete(RespondioIdentifier.id(id));

        assertTrue(store.find(RespondioIdentifier.id(id)).isEmpty());
        assertEquals(404, assertThrows(RespondioApiException.class,
                () -> store.update(RespondioIdentifier.id(id), Map.of("firstName", "X"))).status());
        assertEquals(404, assertThrows(RespondioApiException.class, () -> store.delete(RespondioIdentifier.id(id))).status());
        long again = store.create(RespondioIdentifier.parse("email:a@b.com"), Map.of("firstName", "Ada", "phone", "+441"))
                .contactId();
        assertTrue(again > id, "a new id, never the deleted one");
    }

    @Test
    void createOrUpdateCreatesOnceThenUpdates() {
        RespondioIdentifier identifier = RespondioIdentifier.parse("phone:+4479001");
        RespondioContactChange created = store.createOrUpdate(identifier, Map.of("firstName", "Ada"));
        RespondioContactChange updated = store.createOrUpdate(identifier, Map.of("firstName", "Augusta"));

        assertTrue(created.created());
        assertFalse(updated.created());
        assertEquals(created.contactId(), updated.contactId());
        assertEquals(1, store.size());
    }

    @Test
    void listFiltersAndPagesByCursor() throws Exception {
        store.create(RespondioIdentifier.parse("email:a@b.com"), Map.of("firstName", "Ada"));
        store.create(RespondioIdentifier.parse("email:c@d.com"), Map.of("firstName", "Cy"));
        store.create(null, Map.of("firstName", "Noemail"));

        RespondioContactFilter withEmail = RespondioContactFilter.parse(json.readTree("""
                {"timezone":"UTC","filter":{"$and":[{"category":"contactField","field":"email","operator":"exists","value":null}]}}"""));
        RespondioContactPage first = store.list(withEmail, 1, null);
        assertEquals(1, first.items().size());
        assertEquals("a@b.com", first.items().get(0).get("email"));
        RespondioContactPage second = store.list(withEmail, 1, first.nextCursorId());
        assertEquals("c@d.com", second.items().get(0).get("email"));
        assertNull(second.nextCursorId());

        RespondioContactFilter byEmail = RespondioContactFilter.parse(json.readTree("""
                {"timezone":"UTC","filter":{"$or":[{"category":"contactField","field":"email","operator":"isEqualTo","value":"C@D.COM"}]}}"""));
        assertEquals(List.of("Cy"), store.list(byEmail, 10, null).items().stream().map(c -> c.get("firstName")).toList());

        assertEquals(400, assertThrows(RespondioApiException.class,
                () -> RespondioContactFilter.parse(json.readTree("{\"filter\":{}}"))).status());
        assertEquals(400, assertThrows(RespondioApiException.class, () -> store.list(withEmail, 101, null)).status());
    }
}
