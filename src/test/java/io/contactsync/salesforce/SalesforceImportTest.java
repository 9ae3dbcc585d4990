package io.contactsync.salesforce;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * R2.12 over POST /admin/salesforce/import and GET /admin/salesforce/jobs/{id}: every Lead and Contact reaches HubSpot
 * with its mapped fields (no inclusion list), a Contact wins over a Lead with its email, records without email are
 * reported, calls per record stay within 0.02 per side, the pollers see no echo, a paused allowance makes the job
 * wait and go on, and bad bodies are refused naming the field.
 */
@QuarkusTest
@TestProfile(SalesforceToHubSpotProfile.class)
class SalesforceImportTest extends SalesforceJobSupport {

    @Inject
    SalesforceLinkRepository links;

    @Test
    void importsLeadsAndContactsWithTheirFieldsAndAContactWinsOverALead() {
        String lead = lead("ada@example.com", Map.of("FirstName", "Ada", "City", "London", "Title", "Countess"));
        lead("both@example.com", Map.of("FirstName", "Leady"));
        String account = salesforce.createAccountAsUser(Map.of("Name", "Engines Ltd"));
        String contact = salesforce.createContactAsUser(Map.of("LastName", "Babbage", "FirstName", "Charles",
                "Email", "Both@Example.com", "AccountId", account, "MailingCity", "Cambridge"));
        String noEmail = salesforce.createLeadAsUser(Map.of("LastName", "Nobody", "Company", "Nowhere"));
        String existing = hubspot.createContactAsUser(Map.of("email", "ada@example.com", "city", "Paris",
                "lifecyclestage", "lead"));

        String id = start("import", "{\"objects\":[\"Lead\",\"Contact\"]}");
        JsonPath report = awaitJob(id);

        assertEquals("done", report.getString("state"), report.prettify());
        assertEquals(4, report.getInt("total"));
        assertEquals(4, report.getInt("processed"));
        assertEquals(1, report.getInt("created"));
        assertEquals(1, report.getInt("updated"));
        assertEquals(2, report.getInt("skippedCount"));
        assertEquals(0, report.getInt("failedCount"));
        assertEquals("London", property("ada@example.com", "city"), "prefer-salesforce: a Salesforce value wins");
        assertEquals("Countess", property("ada@example.com", "jobtitle"));
        assertEquals("Charles", property("both@example.com", "firstname"), "the Contact wins over the Lead");
        assertEquals("Cambridge", property("both@example.com", "city"));
        assertEquals(account, property("both@example.com", "salesforce_account_id"));
        assertEquals(2, hubspot.contactCount());
        List<Map<String, Object>> skipped = report.getList("skipped");
        assertTrue(skipped.stream().anyMatch(s -> noEmail.equals(s.get("record"))
                && ("the Salesforce Lead " + noEmail + " has no Email").equals(s.get("reason"))), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> "both@example.com".equals(s.get("email"))
                && s.get("reason").toString().contains("is also Contact " + contact)
                && s.get("reason").toString().contains("a contact wins over a lead")), skipped.toString());
        assertEquals(existing, links.bySalesforceId(lead).orElseThrow().hubspotId());
        assertEquals(contact, links.byEmail("both@example.com").get(0).salesforceId());
        Map<String, Object> run = runsOf("ada@example.com").stream()
                .filter(r -> "salesforce-import".equals(r.get("scenario"))).findFirst().orElseThrow();
        assertEquals("updated", run.get("decision"));
        assertEquals("job " + id, run.get("trigger"));

        given().header("Authorization", ADMIN).post("/admin/salesforce/poll").then().statusCode(200);
        awaitInboxDrained();
        // ada@example.com only: the Lead that lost both@example.com to the Contact is not linked, so the poll syncs it
        // as a change of its own (the streaming route's business), in whatever order the batch holds the two
        Map<String, Object> polled = runsOf("ada@example.com").stream()
                .filter(r -> "salesforce-to-hubspot".equals(r.get("scenario")) && lead.equals(r.get("sourceId")))
                .findFirst().orElseThrow();
        assertEquals("skipped", polled.get("decision"), "the poll sees the import's own write: " + polled);
        assertTrue(polled.get("reason").toString().contains("echo of its own write"), polled.toString());
    }

    @Test
    void atMostTwoHundredthsOfACallPerRecordOnEachSide() {
        for (int i = 0; i < 1_000; i++) {
            lead("lead" + i + "@example.com", Map.of("City", "City " + i));
        }
        String account = salesforce.createAccountAsUser(Map.of("Name", "Acme"));
        for (int i = 0; i < 100; i++) {
            salesforce.createContactAsUser(Map.of("LastName", "C" + i, "Email", "contact" + i + "@example.com",
                    "AccountId", account));
        }
        int salesforceBefore = salesforceApiCalls().size();

        JsonPath report = awaitJob(start("import", "{\"objects\":[\"Contact\",\"Lead\"]}"));

        assertEquals(1_100, report.getInt("created"), report.prettify());
        long hubspotCalls = hubspotApiCalls().size();
        long salesforceCalls = salesforceApiCalls().size() - salesforceBefore;
        long ownerReads = hubspotApiCalls().stream().filter(r -> r.path().startsWith("/crm/v3/owners")).count();
        assertTrue(ownerReads <= 1, "the owner table, when older than salesforce.sync.owners-refresh: " + ownerReads);
        assertEquals(22 + ownerReads, hubspotCalls, "one batch read and one batch upsert per 100 records");
        assertTrue(salesforceCalls / 1_100.0 <= 0.02, salesforceCalls + " Salesforce calls");
        assertEquals(hubspotCalls, report.getLong("vendorCalls.hubspot"), "the job counts what the journal shows");
        assertEquals(salesforceCalls, report.getLong("vendorCalls.salesforce"));
        assertTrue(report.getDouble("vendorCalls.hubspotPerRecord") <= 0.02);
        assertEquals("City 999", property("lead999@example.com", "city"));
    }

    @Test
    void aPausedAllowanceMakesTheJobWaitAndGoOn() {
        lead("wait@example.com", Map.of("City", "Rome"));
        salesforce.setDailyApiLimit(1_000);
        salesforce.setApiUsage(1_000);

        String id = start("import", "{\"objects\":[\"Lead\"]}");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "paused".equals(job(id).getString("state")));
        JsonPath paused = job(id);
        assertEquals(0, paused.getInt("processed"), "progress while it waits");
        assertTrue(paused.getString("pausedUntil") != null);
        salesforce.setApiUsage(0);
        JsonPath report = awaitJob(id);
        assertEquals("done", report.getString("state"), report.prettify());
        assertNull(report.getString("pausedUntil"));
        assertEquals(1, report.getInt("created"));
        assertEquals("Rome", property("wait@example.com", "city"));
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        for (String body : List.of("{}", "{\"objects\":[]}", "{\"objects\":[\"Account\"]}", "{\"objects\":\"Lead\"}",
                "not json")) {
            given().header("Authorization", ADMIN).contentType("application/json").body(body)
                    .post("/admin/salesforce/import").then().statusCode(400)
                    .body("field", equalTo("objects")).body("error", containsString("objects"));
        }
        given().header("Authorization", ADMIN).get("/admin/salesforce/jobs/import-nope").then().statusCode(404);
        given().contentType("application/json").body("{\"objects\":[\"Lead\"]}").post("/admin/salesforce/import")
                .then().statusCode(401);
        assertEquals(0, hubspot.contactCount());
    }

    private String lead(String email, Map<String, Object> more) {
        Map<String, Object> fields = new HashMap<>(Map.of("LastName", "Lovelace", "Company", "Analytical",
                "Email", email));
        fields.putAll(more);
        return salesforce.createLeadAsUser(fields);
    }
}
