package io.contactsync.salesforce;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceDuplicateRule;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HubSpot -> Salesforce over HTTP: a signed HubSpot webhook to the app, the route, the simulated org; every decision
 * read back from GET /admin/runs and the org, every Salesforce call counted in the org's journal.
 */
@QuarkusTest
@TestProfile(HubSpotToSalesforceProfile.class)
class HubSpotToSalesforceTest extends HubSpotToSalesforceSupport {

    private static final String CUSTOM_FIELD = "Favourite_Colour__c";

    @Inject
    SalesforceLinkRepository links;

    @BeforeEach
    void customFieldOnBothObjects() {
        salesforce.addExternalIdField("Lead", CUSTOM_FIELD);
        salesforce.addExternalIdField("Contact", CUSTOM_FIELD);
    }

    @Test
    void everyContactSyncsAsANewLeadInTwoCallsAndAnUnchangedRedeliveryCostsNone() {
        String email = "ada@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Ada", "lastname", "Lovelace",
                "company", "Analytical Engines", "lifecyclestage", "lead", "city", "London",
                "favourite_colour", "green"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("created", run.get("decision"), run.toString());
        assertTrue(run.get("reason").toString().contains("no Lead or Contact has " + email), run.toString());
        assertTrue(run.get("reason").toString().contains("lifecycle stage 'lead' is in salesforce.sync.lead-stages"),
                run.toString());
        List<Map<String, Object>> leads = salesforce.leadsByEmail(email);
        assertEquals(1, leads.size());
        Map<String, Object> lead = leads.get(0);
        assertEquals(run.get("targetId"), lead.get("Id"));
        assertEquals("Ada", lead.get("FirstName"));
        assertEquals("Lovelace", lead.get("LastName"));
        assertEquals("Analytical Engines", lead.get("Company"));
        assertEquals("London", lead.get("City"));
        assertEquals("green", lead.get(CUSTOM_FIELD));
        assertEquals(List.of(), salesforce.contactsByEmail(email));
        List<RecordedRequest> calls = apiCalls();
        assertEquals(2, calls.size(), "one lookup, one write: " + calls);
        assertTrue(calls.get(0).method().equals("POST") && calls.get(0).path().endsWith("/composite"), calls.toString());
        assertEquals(2, calls.get(0).body().split("\"referenceId\"").length - 1, "two query subrequests in one call");
        assertTrue(calls.get(1).path().endsWith("/composite/sobjects") && calls.get(1).body().contains(
                "\"type\":\"Lead\""), "the create, as a collection shared with other lanes: " + calls);
        assertEquals(0, ((Number) run.get("vendorCalls")).intValue(),
                "the lookup was read ahead with the dispatch batch and the write shared: neither is the run's own");

        salesforce.clearRequests();
        changedInHubSpot(id);
        run = salesforceRun(email);
        assertEquals("skipped", run.get("decision"));
        assertTrue(run.get("reason").toString().startsWith("no mapped property changed since the last Salesforce sync"),
                run.toString());
        assertEquals(List.of(), apiCalls(), "an unchanged re-delivery costs no Salesforce call");

        hubspot.updateContactAsUser(id, Map.of("firstname", "Augusta"));
        changedInHubSpot(id);
        run = salesforceRun(email);
        assertEquals("no-change", run.get("decision"), run.toString());
        assertTrue(run.get("reason").toString().contains("linked to this contact by an earlier sync"), run.toString());
        assertTrue(run.get("reason").toString().contains(
                "kept Salesforce's FirstName (prefer-salesforce: Salesforce has a value)"), run.toString());
        assertEquals(1, apiCalls().size(), "the lookup only");
        assertEquals(List.of(), writes());

        SalesforceLink link = links.byHubSpotId(id).orElseThrow();
        assertEquals(lead.get("Id"), link.salesforceId());
        Map<String, Object> now = salesforce.record(link.salesforceId()).orElseThrow();
        link.salesforceSnapshot().forEach((field, value) -> assertEquals(String.valueOf(value),
                String.valueOf(now.get(field)), "the snapshot holds what Salesforce has: " + field));
        assertEquals("Augusta", link.hubspotSnapshot().get("firstname"));
    }

    @Test
    void aStageOfTheContactSetCreatesAContactOnTheNamedAccount() {
        String account = salesforce.createAccountAsUser(Map.of("Name", "Navy"));
        String email = "grace@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Grace", "lastname", "Hopper",
                "lifecyclestage", "customer", "salesforce_account_id", account, "city", "Arlington"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("created", run.get("decision"), run.toString());
        assertTrue(run.get("reason").toString().contains(
                "lifecycle stage 'customer' is in salesforce.sync.contact-stages: a new Contact"), run.toString());
        Map<String, Object> contact = salesforce.contactsByEmail(email).get(0);
        assertEquals(account, contact.get("AccountId"));
        assertEquals("Arlington", contact.get("MailingCity"));
        assertEquals(List.of(), salesforce.leadsByEmail(email));
        assertEquals(2, apiCalls().size());
    }

    @Test
    void aStageInNeitherSetIsSkippedWithItsReasonWithoutAnySalesforceCall() {
        String other = hubspot.createContactAsUser(Map.of("email", "partner@h2s.example", "lastname", "Partner",
                "lifecyclestage", "other"));
        String none = hubspot.createContactAsUser(Map.of("email", "nostage@h2s.example", "lastname", "None"));

        changedInHubSpot(other);
        changedInHubSpot(none);

        assertEquals("skipped", salesforceRun("partner@h2s.example").get("decision"));
        assertEquals("lifecycle stage 'other' is in neither salesforce.sync.lead-stages nor"
                + " salesforce.sync.contact-stages: not synced to Salesforce (R3.1)",
                salesforceRun("partner@h2s.example").get("reason"));
        assertTrue(salesforceRun("nostage@h2s.example").get("reason").toString()
                .startsWith("the contact has no lifecycle stage"));
        assertEquals(List.of(), apiCalls());
    }

    @Test
    void aNewContactWithoutAnAccountIsSkippedAndCreatedAtItsNextChangeOnceItHasOne() {
        String email = "noaccount@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Orphan",
                "lifecyclestage", "opportunity"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("skipped", run.get("decision"));
        assertTrue(run.get("reason").toString().startsWith("new Contact not created: AccountId missing (the contact"
                + " has no salesforce_account_id and salesforce.sync.default-account-id is not set)"), run.toString());
        assertEquals(List.of(), salesforce.contactsByEmail(email));
        assertEquals(1, apiCalls().size(), "the lookup only");

        String account = salesforce.createAccountAsUser(Map.of("Name", "Found"));
        hubspot.updateContactAsUser(id, Map.of("salesforce_account_id", account));
        changedInHubSpot(id);
        assertEquals("created", salesforceRun(email).get("decision"));
        assertEquals(account, salesforce.contactsByEmail(email).get(0).get("AccountId"));
    }

    @Test
    void newLeadFallbacksAreRecordedInTheRun() {
        String email = "anon@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lifecyclestage", "subscriber"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("created", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("fallbacks used: LastName, Company from"
                + " salesforce.sync.new-lead.* (HubSpot has none)"), run.toString());
        Map<String, Object> lead = salesforce.leadsByEmail(email).get(0);
        assertEquals("[not provided]", lead.get("LastName"));
        assertEquals("[not provided]", lead.get("Company"));
    }

    @Test
    void anExistingLeadIsUpdatedNeverDoubledEvenWhenTheStageSaysContact() {
        String email = "linus@h2s.example";
        String leadId = salesforce.createLeadAsUser(Map.of("LastName", "Torvalds", "Company", "Kernel",
                "Email", "Linus@H2S.example"));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Linus", "lastname", "Torvalds",
                "lifecyclestage", "salesqualifiedlead", "city", "Portland"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("updated", run.get("decision"), run.toString());
        assertEquals(leadId, run.get("targetId"));
        String reason = run.get("reason").toString();
        assertTrue(reason.contains(email + " matches Lead " + leadId + ": Lead " + leadId + " wins"), reason);
        assertTrue(reason.contains("updated as the Lead it is, although lifecycle stage 'salesqualifiedlead' is in"
                + " salesforce.sync.contact-stages"), reason);
        assertTrue(reason.contains("sent City, FirstName"), reason);
        assertTrue(!reason.contains("kept"), "the email differs in case only: " + reason);
        assertEquals(1, salesforce.leadsByEmail(email).size());
        assertEquals(List.of(), salesforce.contactsByEmail(email));
        Map<String, Object> lead = salesforce.record(leadId).orElseThrow();
        assertEquals("Linus", lead.get("FirstName"));
        assertEquals("Portland", lead.get("City"));
        assertEquals(2, apiCalls().size());
        RecordedRequest update = writes().get(0);
        assertEquals("PATCH", update.method());
        assertTrue(update.path().endsWith("/composite/sobjects") && update.body().contains("\"Id\":\"" + leadId
                + "\""), update.path() + " " + update.body());
        assertTrue(!update.body().contains("LastName") && !update.body().contains("Email"),
                "only the differing fields are sent: " + update.body());
    }

    @Test
    void anExistingContactIsUpdatedAndWinsOverALeadWithTheSameEmail() {
        String email = "both@h2s.example";
        String account = salesforce.createAccountAsUser(Map.of("Name", "Both Inc"));
        String contactId = salesforce.createContactAsUser(Map.of("LastName", "Both", "AccountId", account,
                "Email", email));
        String leadId = salesforce.createLeadAsUser(Map.of("LastName", "Both", "Company", "Both Inc", "Email", email));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Bo", "lastname", "Both",
                "lifecyclestage", "lead"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("updated", run.get("decision"), run.toString());
        assertEquals(contactId, run.get("targetId"));
        assertTrue(run.get("reason").toString().contains(email + " matches Contact " + contactId + " and Lead " + leadId
                + ": Contact " + contactId + " wins (a contact wins over a lead)"), run.toString());
        assertEquals("Bo", salesforce.record(contactId).orElseThrow().get("FirstName"));
        assertNull(salesforce.record(leadId).orElseThrow().get("FirstName"), "the lead is left alone");
        assertEquals(1, salesforce.contactsByEmail(email).size());
        assertEquals(1, salesforce.leadsByEmail(email).size());
    }

    @Test
    void theFourFieldRulesDecideWhatIsSentInThisDirection() throws InterruptedException {
        String email = "byron@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Ada", "lastname", "Byron",
                "phone", "+44 20 7946 0001", "fax", "+44 20 7946 0002", "salesforce_description", "from HubSpot",
                "jobtitle", "Poet", "lifecyclestage", "lead"));
        Thread.sleep(1_100); // Salesforce keeps whole seconds: its change must be later than HubSpot's
        String leadId = salesforce.createLeadAsUser(Map.of("LastName", "Byron", "Company", "Newstead",
                "Email", email, "Phone", "+1 555 0100", "Title", "Baron"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("updated", run.get("decision"), run.toString());
        String reason = run.get("reason").toString();
        assertTrue(reason.contains("sent FirstName;"), reason);
        assertTrue(reason.contains("Phone (prefer-salesforce: Salesforce has a value)"), reason);
        assertTrue(reason.contains("Title (two-way: Salesforce changed more recently"), reason);
        assertTrue(reason.contains("Fax (always-salesforce: HubSpot never writes to Salesforce)"), reason);
        assertTrue(reason.contains("Description (dont-sync)"), reason);
        Map<String, Object> lead = salesforce.record(leadId).orElseThrow();
        assertEquals("Ada", lead.get("FirstName"), "prefer-salesforce fills a blank field");
        assertEquals("+1 555 0100", lead.get("Phone"), "prefer-salesforce keeps Salesforce's value");
        assertNull(lead.get("Fax"), "always-salesforce never writes");
        assertNull(lead.get("Description"), "dont-sync never writes");
        assertEquals("Baron", lead.get("Title"), "two-way: the more recent Salesforce value stays");

        Thread.sleep(1_100);
        hubspot.updateContactAsUser(id, Map.of("jobtitle", "Lord"));
        changedInHubSpot(id);
        assertTrue(salesforceRun(email).get("reason").toString().contains("sent Title"));
        assertEquals("Lord", salesforce.record(leadId).orElseThrow().get("Title"), "two-way: HubSpot changed later");

        Thread.sleep(1_100);
        hubspot.updateContactAsUser(id, Map.of("jobtitle", ""));
        changedInHubSpot(id);
        assertTrue(salesforceRun(email).get("reason").toString().contains("sent Title (cleared)"));
        assertNull(salesforce.record(leadId).orElseThrow().get("Title"), "two-way: a cleared HubSpot value clears");
    }

    @Test
    void aRequiredFieldMissingFailsNamingTheFieldAndTheDeadLetterReplaysOnceFixed() throws InterruptedException {
        String email = "babbage@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Babbage", "company", "Engines",
                "lifecyclestage", "lead"));
        changedInHubSpot(id);
        String leadId = salesforceRun(email).get("targetId").toString();
        Thread.sleep(1_100);
        hubspot.updateContactAsUser(id, Map.of("lastname", ""));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("failed", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("REQUIRED_FIELD_MISSING on LastName"), run.toString());
        Object dead = deadLetterAbout("REQUIRED_FIELD_MISSING on LastName");

        hubspot.updateContactAsUser(id, Map.of("lastname", "Babbage II"));
        replay(dead);
        assertEquals("updated", salesforceRun(email).get("decision"));
        assertEquals("Babbage II", salesforce.record(leadId).orElseThrow().get("LastName"));
    }

    @Test
    void aValidationRuleFailsNamingTheFieldAndTheDeadLetterReplaysOnceTheRuleIsGone() {
        salesforce.addValidationRule("Lead", "Title_Required", lead -> lead.get("Title") == null,
                "A lead needs a title", "Title");
        String email = "untitled@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Untitled", "company", "X",
                "lifecyclestage", "marketingqualifiedlead"));

        changedInHubSpot(id);

        assertTrue(salesforceRun(email).get("reason").toString()
                .contains("FIELD_CUSTOM_VALIDATION_EXCEPTION on Title: A lead needs a title"));
        Object dead = deadLetterAbout("FIELD_CUSTOM_VALIDATION_EXCEPTION on Title");
        salesforce.clearValidationRules();
        replay(dead);
        assertEquals("created", salesforceRun(email).get("decision"));
        assertEquals(1, salesforce.leadsByEmail(email).size());
    }

    @Test
    void anUnknownFieldFailsNamingItAndTheDeadLetterReplaysOnceTheOrgHasIt() {
        salesforce.reset();
        salesforce.addExternalIdField("Contact", CUSTOM_FIELD);
        String email = "colour@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Colour", "company", "Paints",
                "lifecyclestage", "lead", "favourite_colour", "blue"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("failed", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("INVALID_FIELD"), run.toString());
        assertTrue(run.get("reason").toString().contains(CUSTOM_FIELD), run.toString());
        Object dead = deadLetterAbout("INVALID_FIELD");
        salesforce.addExternalIdField("Lead", CUSTOM_FIELD);
        replay(dead);
        assertEquals("created", salesforceRun(email).get("decision"));
        assertEquals("blue", salesforce.leadsByEmail(email).get(0).get(CUSTOM_FIELD));
    }

    @Test
    void aDuplicateRuleFailsTheUpdateWithoutAllowSaveAndTheDeadLetterReplaysOnceTheRuleIsOff() {
        String email = "twin@h2s.example";
        String older = salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "A", "Email", email));
        salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "B", "Email", email));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Tom", "lastname", "Twin",
                "lifecyclestage", "lead"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("failed", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("DUPLICATES_DETECTED"), run.toString());
        assertEquals(older, run.get("targetId"), "the oldest of the two leads");
        assertTrue(writes().stream().noneMatch(w -> w.headers().containsKey("Sforce-Duplicate-Rule-Header")));
        Object dead = deadLetterAbout("DUPLICATES_DETECTED");
        salesforce.setDuplicateRule("Lead", SalesforceDuplicateRule.OFF);
        replay(dead);
        assertEquals("updated", salesforceRun(email).get("decision"));
        assertEquals("Tom", salesforce.record(older).orElseThrow().get("FirstName"));
    }

    @Test
    void theOrgsLimitKeepsTheEventPendingAndItSyncsAfterThePause() {
        String email = "limit@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Limit", "company", "L",
                "lifecyclestage", "lead"));
        salesforce.setDailyApiLimit(1_000);
        salesforce.setApiUsage(1_000);

        post(id);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> salesforce.requests().stream()
                .anyMatch(r -> r.status() == 403));
        given().header("Authorization", ADMIN).get("/admin/salesforce").then().statusCode(200)
                .body("paused", org.hamcrest.Matchers.equalTo(true));
        assertEquals(List.of(), salesforce.leadsByEmail(email));
        long deadBefore = deadLetterCount();
        salesforce.setApiUsage(0);

        awaitInboxDrained();
        assertEquals("created", salesforceRun(email).get("decision"));
        assertEquals(1, salesforce.leadsByEmail(email).size());
        assertEquals(deadBefore, deadLetterCount(), "a pause is never a dead letter");
        assertEquals(1, salesforceRuns(email), "no run is recorded while the event waits");
    }

    @Test
    void anExpiredSessionMidRunLogsInAgainAndTheRunGoesOn() {
        String email = "session@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Session", "company", "S",
                "lifecyclestage", "lead"));
        changedInHubSpot(id);
        salesforce.expireSessions();
        salesforce.clearRequests();
        hubspot.updateContactAsUser(id, Map.of("city", "Paris"));

        changedInHubSpot(id);

        assertEquals("updated", salesforceRun(email).get("decision"));
        assertEquals("Paris", salesforce.leadsByEmail(email).get(0).get("City"));
        List<RecordedRequest> requests = salesforce.requests();
        assertTrue(requests.stream().anyMatch(r -> r.status() == 401), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.path().endsWith("/services/oauth2/token")), requests.toString());
    }

    @Test
    void aChangeContactSyncMadeInHubSpotForRespondioStillReachesSalesforce() {
        String email = "viarespondio@h2s.example";
        String id = hubspot.createContactAsUser(Map.of("email", email, "lastname", "Relay", "company", "R",
                "lifecyclestage", "lead"));

        send(id, "INTEGRATION", "54321");

        assertEquals("created", salesforceRun(email).get("decision"));
        assertEquals(1, salesforce.leadsByEmail(email).size());
    }

    private static Object deadLetterAbout(String text) {
        List<Map<String, Object>> dead = deadLetters().stream()
                .filter(d -> String.valueOf(d.get("error")).contains(text)).toList();
        assertEquals(1, dead.size(), "one dead letter about " + text + ": " + deadLetters());
        assertTrue(String.valueOf(dead.get(0).get("error")).startsWith("hubspot-to-salesforce: "));
        return dead.get(0).get("id");
    }
}
