package io.contactsync.salesforce;

import static io.contactsync.support.Webhooks.hubspotEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceDuplicateRule;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 for HubSpot -> Salesforce over HTTP: the contacts changed in one dispatch batch share their Salesforce
 * calls (one /composite lookup with SOQL IN, sObject Collections writes), every record is written once, and a record
 * Salesforce refuses fails alone with Salesforce's error and field names (R2.8).
 */
@QuarkusTest
@TestProfile(HubSpotToSalesforceProfile.class)
class HubSpotToSalesforceBatchTest extends HubSpotToSalesforceSupport {

    private static final String COLLECTIONS = "/composite/sobjects";

    @BeforeEach
    void theProfilesCustomFieldOnBothObjects() {
        salesforce.addExternalIdField("Lead", "Favourite_Colour__c");
        salesforce.addExternalIdField("Contact", "Favourite_Colour__c");
    }

    @Test
    void fiftyChangedContactsShareOneLookupAndAFewCollectionWritesAndEachRecordIsWrittenOnce() {
        List<String> ids = new ArrayList<>();
        List<String> newEmails = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String email = "new" + i + "@batch-h2s.example";
            newEmails.add(email);
            ids.add(hubspot.createContactAsUser(Map.of("email", email, "lastname", "New " + i, "company", "N",
                    "lifecyclestage", "lead")));
        }
        List<String> leadIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String email = "known" + i + "@batch-h2s.example";
            leadIds.add(salesforce.createLeadAsUser(Map.of("LastName", "Known " + i, "Company", "K", "Email", email)));
            ids.add(hubspot.createContactAsUser(Map.of("email", email, "firstname", "Known", "lastname", "Known " + i,
                    "lifecyclestage", "lead")));
        }

        changedInOneDispatch(ids);

        for (String email : newEmails) {
            assertEquals("created", salesforceRun(email).get("decision"), salesforceRun(email).toString());
            assertEquals(1, salesforce.leadsByEmail(email).size(), email);
            assertEquals(1, writes().stream().filter(w -> w.body().contains("\"" + email + "\"")).count(),
                    "one write carries " + email);
        }
        for (int i = 0; i < 10; i++) {
            String leadId = leadIds.get(i);
            assertEquals("updated", salesforceRun("known" + i + "@batch-h2s.example").get("decision"));
            assertEquals("Known", salesforce.record(leadId).orElseThrow().get("FirstName"));
            assertEquals(1, writes().stream().filter(w -> w.body().contains("\"" + leadId + "\"")).count(),
                    "one write carries " + leadId);
        }
        List<RecordedRequest> calls = apiCalls();
        List<RecordedRequest> lookups = calls.stream().filter(c -> c.path().endsWith("/composite")).toList();
        assertEquals(1, lookups.size(), "the 50 contacts are looked up in one call: " + paths(calls));
        assertEquals(2, lookups.get(0).body().split("\"referenceId\"").length - 1,
                "a Lead and a Contact query with IN lists");
        assertTrue(writes().stream().allMatch(w -> w.path().endsWith(COLLECTIONS)), "sObject Collections only: "
                + paths(calls));
        // the lanes reach their write at different times, so the writes may leave in a few collections (linger)
        assertTrue(calls.size() <= 12, "50 contacts in at most 12 calls (one lookup, creates and updates in"
                + " collections: at most 0.24 per contact), not 100 one by one: " + paths(calls));
    }

    @Test
    void aRecordSalesforceRefusesFailsAloneAndTheOthersOfItsCollectionAreWritten() {
        salesforce.addValidationRule("Lead", "No_Refused", lead -> "Refused".equals(lead.get("LastName")),
                "Refused is not a name", "LastName");
        String twin = "twin@batch-h2s.example";
        String older = salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "A", "Email", twin));
        salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "B", "Email", twin));
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "other" + i + "@batch-h2s.example";
            emails.add(email);
            ids.add(hubspot.createContactAsUser(Map.of("email", email, "lastname", "Other " + i, "company", "O",
                    "lifecyclestage", "lead")));
        }
        ids.add(10, hubspot.createContactAsUser(Map.of("email", "refused@batch-h2s.example", "lastname", "Refused",
                "company", "R", "lifecyclestage", "lead")));
        ids.add(hubspot.createContactAsUser(Map.of("email", twin, "firstname", "Tom", "lastname", "Twin",
                "lifecyclestage", "lead")));
        long deadBefore = deadLetterCount();

        changedInOneDispatch(ids);

        Map<String, Object> refused = salesforceRun("refused@batch-h2s.example");
        assertEquals("failed", refused.get("decision"));
        assertTrue(refused.get("reason").toString().contains(
                "salesforce create Lead rejected (HTTP 400): FIELD_CUSTOM_VALIDATION_EXCEPTION on LastName:"
                        + " Refused is not a name"), refused.toString());
        Map<String, Object> duplicate = salesforceRun(twin);
        assertEquals("failed", duplicate.get("decision"));
        assertTrue(duplicate.get("reason").toString().contains("salesforce update Lead rejected (HTTP 400):"
                + " DUPLICATES_DETECTED"), duplicate.toString());
        assertEquals(older, duplicate.get("targetId"));
        assertTrue(writes().stream().noneMatch(w -> w.headers().containsKey("Sforce-Duplicate-Rule-Header")),
                "alert-mode duplicate rules are not bypassed without salesforce.duplicate-rule.allow-save");
        for (String email : emails) {
            assertEquals("created", salesforceRun(email).get("decision"), email);
            assertEquals(1, salesforce.leadsByEmail(email).size(), email);
        }
        assertEquals(List.of(), salesforce.leadsByEmail("refused@batch-h2s.example"));
        assertEquals(deadBefore + 2, deadLetterCount(), "the refused create and the refused update only");
        List<RecordedRequest> creates = writes().stream().filter(w -> w.method().equals("POST")).toList();
        assertTrue(creates.size() <= 3, "the refusal did not split the collection: " + paths(creates));

        salesforce.clearValidationRules();
        salesforce.setDuplicateRule("Lead", SalesforceDuplicateRule.OFF);
        deadLetters().stream().filter(d -> d.get("error").toString().contains("Refused is not a name")
                || d.get("error").toString().contains("DUPLICATES_DETECTED")).forEach(d -> replay(d.get("id")));
        assertEquals(deadBefore, deadLetterCount(), "both replayed once the cause is gone: the work is not lost");
        assertEquals("created", salesforceRun("refused@batch-h2s.example").get("decision"));
        assertEquals("updated", salesforceRun(twin).get("decision"));
        assertEquals("Tom", salesforce.record(older).orElseThrow().get("FirstName"));
    }

    /** Webhooks of a user's change of each contact, taken by the dispatcher in one batch; waits until drained. */
    private void changedInOneDispatch(List<String> contactIds) {
        given().header("Authorization", ADMIN).post("/admin/dispatch/pause").then().statusCode(200);
        try {
            for (int from = 0; from < contactIds.size(); from += 25) {
                long first = System.nanoTime();
                List<String> events = new ArrayList<>();
                for (int i = from; i < Math.min(contactIds.size(), from + 25); i++) {
                    events.add(hubspotEvent(first + i, "contact.propertyChange", contactIds.get(i), "CRM_UI",
                            "userId:1"));
                }
                Webhooks.hubspot("[" + String.join(",", events) + "]").then().statusCode(202);
            }
        } finally {
            given().header("Authorization", ADMIN).post("/admin/dispatch/resume").then().statusCode(200);
        }
        awaitInboxDrained();
    }

    private static String paths(List<RecordedRequest> calls) {
        return calls.stream().map(c -> c.method() + " " + c.path()).collect(Collectors.joining(", "));
    }
}
