package io.contactsync.brevo;

import static io.contactsync.support.SandboxRequests.toSandbox;
import static io.contactsync.support.Webhooks.hubspotEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/**
 * Issue 10: live changes of contacts written to the Brevo list before go out as POST /contacts/batch; a contact
 * Brevo refuses in the batch is written on its own as before (R4.8's SMS rule, written anew when deleted in Brevo);
 * the quota (R4.5) still counts one task per contact.
 */
@QuarkusTest
class BrevoBatchUpdatesTest extends BrevoTestSupport {

    private static final String BATCH = "/contacts/batch";

    @Test
    void fiftyKnownMembersChangedAtOnceAreUpdatedInAFewBrevoCalls() {
        Map<String, String> members = knownMembers(50);
        long tasksBefore = quotaUsage().getLong("tasks");
        brevo.clearRequests();

        renameAllInOneDispatch(members);

        members.forEach((email, id) -> {
            assertEquals("Renamed", brevoAttributes(email).get("FIRSTNAME"), email);
            Map<String, Object> run = lastBrevoRun(email);
            assertEquals("updated", run.get("decision"));
            assertTrue(String.valueOf(run.get("reason")).startsWith("changed since the last write to list "
                    + brevoListId() + ": updated (sent "), String.valueOf(run.get("reason")));
        });
        List<RecordedRequest> calls = brevo.requests();
        // the lanes reach the Brevo step over a few hundred ms (each first runs hubspot-to-respondio), so a 150 ms
        // linger sends a few batches rather than one; 50 calls would be one per contact
        assertTrue(calls.size() <= 8, "50 contacts in a few Brevo batch calls: " + paths(calls));
        assertTrue(calls.stream().allMatch(r -> r.path().equals(BATCH) && r.status() == 204), paths(calls));
        assertEquals(tasksBefore + 50, quotaUsage().getLong("tasks"), "R4.5: one task per contact");
        assertEquals(50, brevoListEmails().size());
        assertEquals(50, brevo.contacts().size(), "no contact created");
    }

    @Test
    void aContactRefusedInTheBatchIsWrittenOnItsOwnAsBeforeAndTheOthersAreUpdated() {
        String holder = uniqueEmail();
        toSandbox().header("api-key", "test-brevo-key").contentType("application/json")
                .body(Map.of("email", holder, "attributes", Map.of("SMS", "+447911000077")))
                .post("/sandbox/brevo/v3/contacts").then().statusCode(201);
        Map<String, String> members = knownMembers(30);
        List<String> emails = new ArrayList<>(members.keySet());
        String twin = emails.get(10);
        String deleted = emails.get(20);
        hubspot.updateContactAsUser(members.get(twin), Map.of("phone", "+44 7911 000077"));
        Object deletedId = brevoContact(deleted).get("id");
        toSandbox().header("api-key", "test-brevo-key").delete("/sandbox/brevo/v3/contacts/" + deletedId
                + "?identifierType=contact_id").then().statusCode(204);
        long tasksBefore = quotaUsage().getLong("tasks");
        brevo.clearRequests();

        renameAllInOneDispatch(members);

        for (String email : emails) {
            assertEquals("Renamed", brevoAttributes(email).get("FIRSTNAME"), email);
        }
        Map<String, Object> twinRun = lastBrevoRun(twin);
        assertEquals("updated", twinRun.get("decision"));
        assertTrue(String.valueOf(twinRun.get("reason")).contains("refused it in a batch update")
                && String.valueOf(twinRun.get("reason")).contains("SMS number belongs to another Brevo contact"),
                String.valueOf(twinRun.get("reason")));
        assertEquals(null, brevoAttributes(twin).get("SMS"), "the SMS another contact holds is left out");
        assertEquals("+447911000077", brevoAttributes(holder).get("SMS"), "the holder keeps it");
        Map<String, Object> deletedRun = lastBrevoRun(deleted);
        assertEquals("created", deletedRun.get("decision"), "deleted in Brevo meanwhile: written anew");
        assertNotEquals(deletedId, brevoContact(deleted).get("id"));
        assertTrue(brevoListEmails().containsAll(emails), "every member is in the list");
        assertEquals(tasksBefore + 30, quotaUsage().getLong("tasks"), "R4.5: one task per contact, refused or not");

        List<RecordedRequest> calls = brevo.requests();
        long batches = calls.stream().filter(r -> r.path().equals(BATCH)).count();
        assertTrue(batches <= 20, "a refused batch is split until the refused contacts stand alone, not sent one by"
                + " one: " + batches + " batch calls");
        assertEquals(List.of(201, 204, 400), calls.stream().filter(r -> r.path().equals("/contacts"))
                .map(RecordedRequest::status).sorted().toList(),
                "create-or-update only for the two refused: the twin (SMS taken, then without it), the deleted one");
    }

    /** List members written to the Brevo list: half by the initial sync's import, half entering it later. */
    private Map<String, String> knownMembers(int count) {
        Map<String, String> members = new LinkedHashMap<>();
        for (int i = 0; i < count / 2; i++) {
            String email = uniqueEmail();
            members.put(email, listMember(Map.of("email", email, "firstname", "Imported" + i)));
        }
        activate();
        for (int i = count / 2; i < count; i++) {
            String email = uniqueEmail();
            members.put(email, listMember(Map.of("email", email, "firstname", "Entered" + i)));
        }
        poll();
        return members;
    }

    /** Every member renamed in HubSpot, and the webhook events taken by the dispatcher together. */
    private void renameAllInOneDispatch(Map<String, String> members) {
        members.values().forEach(id -> hubspot.updateContactAsUser(id, Map.of("firstname", "Renamed")));
        AtomicLong eventIds = new AtomicLong(System.currentTimeMillis() * 1000);
        String events = members.values().stream()
                .map(id -> hubspotEvent(eventIds.incrementAndGet(), "contact.propertyChange", id, "CRM_UI", "userId:1"))
                .collect(Collectors.joining(",", "[", "]"));
        given().header("Authorization", ADMIN).post("/admin/dispatch/pause").then().statusCode(200);
        try {
            Webhooks.hubspot(events).then().statusCode(202);
        } finally {
            given().header("Authorization", ADMIN).post("/admin/dispatch/resume").then().statusCode(200);
        }
        awaitInboxDrained();
    }

    private static String paths(List<RecordedRequest> calls) {
        return calls.stream().map(r -> r.method() + " " + r.path() + " " + r.status()
                + (r.path().equals(BATCH) ? " (" + r.body().split("\"listIds\"", -1).length + " - 1 contacts)" : ""))
                .toList().toString();
    }
}
