package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.contactsync.sandbox.BrevoContactStore.ContactInput;

import org.junit.jupiter.api.Test;

/** The simulated Brevo account behaves as Brevo documents it: identifiers, ignored attributes, lists, import. */
class BrevoContactStoreTest {

    private final BrevoContactStore store = new BrevoContactStore(Clock.systemUTC(), new BrevoAttributeCatalogue());

    @Test
    void createAnswersTheNewIdAndUpdateEnabledUpdatesTheContactWithThatEmail() {
        Optional<Long> id = store.create(contact("Ada@Example.org", Map.of("FIRSTNAME", "Ada")), false);
        assertEquals(Optional.of(1L), id);

        assertEquals(Optional.empty(), store.create(contact("ada@example.org", Map.of("LASTNAME", "L")), true));

        Map<String, Object> ada = store.findByEmail("ada@example.org").orElseThrow();
        assertEquals(Map.of("FIRSTNAME", "Ada", "LASTNAME", "L"), ada.get("attributes"));
        assertEquals(1, store.size());
        BrevoApiException duplicate = assertThrows(BrevoApiException.class,
                () -> store.create(contact("ada@example.org", Map.of()), false));
        assertEquals(400, duplicate.status());
    }

    @Test
    void anSmsHeldByAnotherContactIsADuplicateParameterNamingSms() {
        store.create(contact("one@example.org", Map.of("SMS", "+447911000001")), false);

        BrevoApiException e = assertThrows(BrevoApiException.class,
                () -> store.create(contact("two@example.org", Map.of("SMS", "+447911000001")), true));

        assertEquals(Map.of("duplicate_identifiers", List.of("SMS")), ((Map<?, ?>) e.body()).get("metadata"));
        assertTrue(store.findByEmail("two@example.org").isEmpty(), "nothing created");
    }

    @Test
    void unknownReadOnlyAndWronglyTypedAttributesAreSilentlyIgnored() {
        store.create(contact("typed@example.org", Map.of("NEWSLETTER", "yes", "PLAN", 2, "SCORE", 7.5,
                "BIRTHDAY", "1990-05-17", "EMAIL_DOMAIN", "x", "HUBSPOT_SCORE", 3, "FAVOURITE", "blue")), false);
        store.update("typed@example.org", "email_id", contact(null, Map.of("PLAN", 9, "NEWSLETTER", true,
                "BIRTHDAY", "17/05/1990")));

        assertEquals(Map.of("PLAN", 2, "SCORE", 7.5, "BIRTHDAY", "1990-05-17", "NEWSLETTER", true),
                store.findByEmail("typed@example.org").orElseThrow().get("attributes"));
    }

    @Test
    void emailInAttributesChangesTheEmailUnlessAnotherContactHasIt() {
        store.create(contact("old@example.org", Map.of()), false);
        store.create(contact("taken@example.org", Map.of()), false);

        store.update("1", "contact_id", contact(null, Map.of("EMAIL", "new@example.org")));
        assertTrue(store.findByEmail("old@example.org").isEmpty());
        assertEquals(1L, store.findByEmail("new@example.org").orElseThrow().get("id"));

        assertThrows(BrevoApiException.class,
                () -> store.update("1", "contact_id", contact(null, Map.of("EMAIL", "taken@example.org"))));
        assertThrows(BrevoApiException.class, () -> store.find("nobody@example.org", "email_id"));
    }

    @Test
    void removingFromAListKeepsTheContactAndUnknownContactsAreFailures() {
        long list = store.createList("News", BrevoContactStore.DEFAULT_FOLDER);
        store.create(contact("in@example.org", Map.of()), false);

        Map<?, ?> added = (Map<?, ?>) store.changeMembership(list, List.of("in@example.org", "ghost@example.org"),
                true, true).get("contacts");
        assertEquals(List.of("in@example.org"), added.get("success"));
        assertEquals(List.of("ghost@example.org"), added.get("failure"));
        assertEquals(List.of("in@example.org"), store.listEmails(list));

        store.changeMembership(list, List.of(1L), false, false);
        assertEquals(List.of(), store.listEmails(list));
        assertEquals(List.of(), store.findByEmail("in@example.org").orElseThrow().get("listIds"));
        assertThrows(BrevoApiException.class, () -> store.createList("Lost", 99));
    }

    @Test
    void importCreatesOrUpdatesEveryRowIntoTheListsAndLeavesATakenSmsOut() {
        long list = store.createList("Imported", BrevoContactStore.DEFAULT_FOLDER);
        store.create(contact("holder@example.org", Map.of("SMS", "+33600000001")), false);
        store.create(contact("known@example.org", Map.of("FIRSTNAME", "Old")), false);

        store.importRows(List.of(contact("known@example.org", Map.of("FIRSTNAME", "New")),
                contact("fresh@example.org", Map.of("SMS", "+33600000001", "LASTNAME", "Twin"))), List.of(list), true);

        assertEquals(List.of("known@example.org", "fresh@example.org"), store.listEmails(list));
        assertEquals("New", attributes("known@example.org").get("FIRSTNAME"));
        assertEquals(Map.of("LASTNAME", "Twin"), attributes("fresh@example.org"));
        assertThrows(BrevoApiException.class, () -> store.importRows(List.of(), List.of(42L), true));
        assertFalse(store.findByEmail("holder@example.org").orElseThrow().get("listIds").toString().contains("1"));
    }

    @Test
    void aBatchUpdateIsRefusedWholeWith400WhenOneContactIsUnknownOrClaimsAnSmsAnotherHolds() {
        long list = store.createList("Batch", BrevoContactStore.DEFAULT_FOLDER);
        store.create(contact("one@example.org", Map.of("FIRSTNAME", "One")), false);
        store.create(contact("two@example.org", Map.of("SMS", "+447911000002")), false);
        BrevoContactStore.BatchUpdate renameOne = new BrevoContactStore.BatchUpdate("1", "contact_id",
                new ContactInput(null, Map.of("FIRSTNAME", "Uno"), null, null, List.of(list), null));

        BrevoApiException unknown = assertThrows(BrevoApiException.class, () -> store.batchUpdate(List.of(renameOne,
                new BrevoContactStore.BatchUpdate("99", "contact_id", contact(null, Map.of("FIRSTNAME", "Ghost"))))));
        assertEquals(400, unknown.status(), "the spec documents only 204 and 400 for POST /contacts/batch");
        assertEquals("document_not_found", ((Map<?, ?>) unknown.body()).get("code"));
        BrevoApiException taken = assertThrows(BrevoApiException.class, () -> store.batchUpdate(List.of(renameOne,
                new BrevoContactStore.BatchUpdate("one@example.org", "email_id", contact(null,
                        Map.of("SMS", "+447911000002"))))));
        assertEquals(400, taken.status());
        assertEquals(Map.of("duplicate_identifiers", List.of("SMS")), ((Map<?, ?>) taken.body()).get("metadata"));
        assertEquals("One", attributes("one@example.org").get("FIRSTNAME"), "nothing of a refused batch is applied");

        store.batchUpdate(List.of(renameOne));
        assertEquals("Uno", attributes("one@example.org").get("FIRSTNAME"));
        assertEquals(List.of("one@example.org"), store.listEmails(list));
    }

    private Map<?, ?> attributes(String email) {
        return (Map<?, ?>) store.findByEmail(email).orElseThrow().get("attributes");
    }

    private static ContactInput contact(String email, Map<String, Object> attributes) {
        return new ContactInput(email, attributes, null, null, null, null);
    }
}
