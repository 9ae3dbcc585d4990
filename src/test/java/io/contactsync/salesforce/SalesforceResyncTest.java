package io.contactsync.salesforce;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * R2.7 over POST /admin/salesforce/resync and GET /admin/salesforce/jobs/{id}: a static list's members reach
 * Salesforce as Leads (R3), an existing Lead is updated, a record Salesforce refuses is reported with its error code
 * and field while the others are written, at most 0.02 calls per record on each side; a paused allowance makes the
 * job wait and go on; bad bodies are refused naming the field.
 */
@QuarkusTest
@TestProfile(SalesforceProfile.class)
class SalesforceResyncTest extends SalesforceJobSupport {

    @Inject
    SalesforceLinkRepository links;

    @Test
    void aListOfAThousandMembersReachesSalesforceAndARefusedRecordIsReported() {
        hubspot.createList("5001", "Trade show", "MANUAL");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            members.add(hubspot.createContactAsUser(Map.of("email", "c" + i + "@example.com", "lastname",
                    i == 7 ? "Refuse" : "L" + i, "company", "Co", "city", "Town " + i, "lifecyclestage", "lead")));
        }
        members.add(hubspot.createContactAsUser(Map.of("email", "partner@example.com", "lastname", "P",
                "lifecyclestage", "other")));
        hubspot.addToList("5001", members);
        String existing = salesforce.createLeadAsUser(Map.of("LastName", "L1", "Company", "Co",
                "Email", "C1@Example.com"));
        salesforce.addValidationRule("Lead", "No_Refuse", lead -> "Refuse".equals(lead.get("LastName")),
                "Refuse is not a name", "LastName");
        int salesforceBefore = salesforceApiCalls().size();

        JsonPath report = awaitJob(start("resync", "{\"listId\":\"5001\"}"));

        assertEquals("done", report.getString("state"), report.prettify());
        assertEquals(1_001, report.getInt("total"));
        assertEquals(1_001, report.getInt("processed"));
        assertEquals(998, report.getInt("created"));
        assertEquals(1, report.getInt("updated"));
        assertEquals(1, report.getInt("skippedCount"));
        assertEquals(1, report.getInt("failedCount"));
        assertEquals("c7@example.com", report.getString("failed[0].email"));
        assertTrue(report.getString("failed[0].reason").startsWith("salesforce create Lead rejected:"
                + " FIELD_CUSTOM_VALIDATION_EXCEPTION on LastName: Refuse is not a name"),
                report.getString("failed[0].reason"));
        assertTrue(report.getString("skipped[0].reason").contains("lifecycle stage 'other'"));
        assertEquals("Town 1", salesforce.record(existing).orElseThrow().get("City"), "the existing Lead is updated");
        assertEquals(999, salesforce.leads().size(), "the others are written");
        assertEquals(existing, links.byEmail("c1@example.com").get(0).salesforceId());

        long hubspotCalls = hubspotApiCalls().size();
        long salesforceCalls = salesforceApiCalls().size() - salesforceBefore;
        assertTrue(hubspotCalls / 1_001.0 <= 0.02, hubspotCalls + " HubSpot calls");
        assertTrue(salesforceCalls / 1_001.0 <= 0.02, salesforceCalls + " Salesforce calls");
        assertEquals(hubspotCalls, report.getLong("vendorCalls.hubspot"));
        assertEquals(salesforceCalls, report.getLong("vendorCalls.salesforce"));
    }

    @Test
    void aPausedAllowanceMakesTheJobWaitAndGoOn() {
        hubspot.createList("5002", "Webinar", "MANUAL");
        hubspot.addToList("5002", List.of(hubspot.createContactAsUser(Map.of("email", "wait@example.com",
                "lastname", "Wait", "company", "W", "lifecyclestage", "lead"))));
        salesforce.setDailyApiLimit(1_000);
        salesforce.setApiUsage(1_000);

        String id = start("resync", "{\"listId\":\"5002\"}");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "paused".equals(job(id).getString("state")));
        JsonPath paused = job(id);
        assertEquals(1, paused.getInt("total"), "progress while it waits");
        assertEquals(0, paused.getInt("processed"));
        salesforce.setApiUsage(0);
        JsonPath report = awaitJob(id);
        assertEquals("done", report.getString("state"), report.prettify());
        assertEquals(1, report.getInt("created"));
        assertEquals(1, salesforce.leadsByEmail("wait@example.com").size());
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        for (String body : List.of("{}", "{\"listId\":\"\"}", "{\"listId\":\"abc\"}", "{\"listId\":[1]}", "[]")) {
            given().header("Authorization", ADMIN).contentType("application/json").body(body)
                    .post("/admin/salesforce/resync").then().statusCode(400)
                    .body("field", equalTo("listId")).body("error", containsString("listId"));
        }
        assertEquals(List.of(), salesforceApiCalls());
    }
}
