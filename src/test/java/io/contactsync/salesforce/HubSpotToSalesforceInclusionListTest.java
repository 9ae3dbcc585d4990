package io.contactsync.salesforce;

import static io.contactsync.salesforce.InclusionListProfile.LIST_ID;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R2.3, R2.4, R2.6 over HTTP: with an inclusion list only its members sync, only when a sync is triggered; a
 * non-member is skipped with the reason and syncs at its next change once it is a member; membership is read in bulk
 * and cached; a static list is refused (start-up check, admin check, runs).
 */
@QuarkusTest
@TestProfile(InclusionListProfile.class)
class HubSpotToSalesforceInclusionListTest extends HubSpotToSalesforceSupport {

    @Inject
    InclusionList inclusionList;

    @BeforeEach
    void membershipCacheExpired() throws InterruptedException {
        Thread.sleep(3_100);
    }

    @Test
    void choosingTheListSyncsNothingThenMembersSyncAtTheirChangeAndOthersAreSkipped() throws InterruptedException {
        hubspot.createList(LIST_ID, "Sales-ready", "DYNAMIC");
        String member = hubspot.createContactAsUser(Map.of("email", "member@list.example", "lastname", "Member",
                "company", "M", "lifecyclestage", "lead"));
        String outsider = hubspot.createContactAsUser(Map.of("email", "outsider@list.example", "lastname", "Out",
                "company", "O", "lifecyclestage", "lead"));
        hubspot.addToList(LIST_ID, List.of(member));

        Thread.sleep(500);
        assertEquals(List.of(), salesforce.requests(), "choosing a list syncs nothing by itself (R2.4)");

        post(member);
        post(outsider);
        awaitInboxDrained();

        assertEquals("created", salesforceRun("member@list.example").get("decision"));
        Map<String, Object> skipped = salesforceRun("outsider@list.example");
        assertEquals("skipped", skipped.get("decision"));
        assertEquals("not a member of HubSpot list 9100 (salesforce.sync.inclusion-list-id, R2.3): not synced to"
                + " Salesforce; it syncs at its next change once it is a member (R2.4)", skipped.get("reason"));
        assertEquals(1, salesforce.leadsByEmail("member@list.example").size());
        assertEquals(List.of(), salesforce.leadsByEmail("outsider@list.example"));
        assertEquals(1, membershipReads(), "both events read the membership once, in bulk, then from the cache");

        hubspot.addToList(LIST_ID, List.of(outsider));
        Thread.sleep(3_100);
        hubspot.updateContactAsUser(outsider, Map.of("firstname", "Now"));
        changedInHubSpot(outsider);

        assertEquals("created", salesforceRun("outsider@list.example").get("decision"));
        assertEquals("Now", salesforce.leadsByEmail("outsider@list.example").get(0).get("FirstName"));
        given().header("Authorization", ADMIN).get("/admin/salesforce/inclusion-list").then().statusCode(200)
                .body("listId", equalTo(LIST_ID))
                .body("everyContactSyncs", equalTo(false))
                .body("accepted", equalTo(true))
                .body("cachedMembers", equalTo(2))
                .body("cacheTtl", equalTo("PT3S"));
    }

    @Test
    void aStaticListIsRefusedByTheStartUpCheckTheAdminCheckAndEveryRun() {
        hubspot.createList(LIST_ID, "Trade show 2026", "MANUAL");
        hubspot.createList("9200", "Snapshot", "SNAPSHOT");
        hubspot.createList("9300", "Active", "DYNAMIC");
        String contact = hubspot.createContactAsUser(Map.of("email", "static@list.example", "lastname", "Static",
                "company", "S", "lifecyclestage", "lead"));
        hubspot.addToList(LIST_ID, List.of(contact));
        String refusal = "salesforce.sync.inclusion-list-id=9100: HubSpot list 'Trade show 2026' is a MANUAL (static)"
                + " list; only an active list (processingType DYNAMIC, members kept by the list's criteria) can be the"
                + " Salesforce inclusion list (R2.6)";

        assertEquals(List.of(refusal), inclusionList.startupProblems());
        given().header("Authorization", ADMIN).queryParam("listId", LIST_ID)
                .get("/admin/salesforce/inclusion-list/check").then().statusCode(422)
                .body("accepted", equalTo(false)).body("error", equalTo(refusal));
        given().header("Authorization", ADMIN).queryParam("listId", "9200")
                .get("/admin/salesforce/inclusion-list/check").then().statusCode(422)
                .body("error", containsString("is a SNAPSHOT (static) list"));
        given().header("Authorization", ADMIN).queryParam("listId", "9300")
                .get("/admin/salesforce/inclusion-list/check").then().statusCode(200).body("accepted", equalTo(true));
        given().header("Authorization", ADMIN).queryParam("listId", "4711")
                .get("/admin/salesforce/inclusion-list/check").then().statusCode(422)
                .body("error", containsString("HubSpot has no list with this id"));
        given().header("Authorization", ADMIN).queryParam("listId", "Trade show")
                .get("/admin/salesforce/inclusion-list/check").then().statusCode(400)
                .body("error", containsString("'listId'"));
        given().header("Authorization", ADMIN).get("/admin/salesforce/inclusion-list/check").then().statusCode(400);
        given().get("/admin/salesforce/inclusion-list").then().statusCode(401);

        changedInHubSpot(contact);

        Map<String, Object> run = salesforceRun("static@list.example");
        assertEquals("failed", run.get("decision"));
        assertEquals(refusal, run.get("reason"));
        assertEquals(List.of(), salesforce.leadsByEmail("static@list.example"));
        given().header("Authorization", ADMIN).get("/admin/salesforce/inclusion-list").then().statusCode(200)
                .body("accepted", equalTo(false)).body("problem", equalTo(refusal));
        assertTrue(deadLetters().stream().anyMatch(d -> String.valueOf(d.get("error"))
                .equals("hubspot-to-salesforce: " + refusal)), "a dead letter, replayable once an active list is set");
    }

    private long membershipReads() {
        List<RecordedRequest> reads = hubspot.requests().stream()
                .filter(r -> r.path().equals("/crm/v3/lists/" + LIST_ID + "/memberships")).toList();
        return reads.size();
    }
}
