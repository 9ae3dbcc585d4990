package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With inclusion list 9100: R2.12, an import fills the fields of contacts inside the list and brings only the email
 * for contacts outside it; R2.3, a resync of another list sends only its members that are in the inclusion list.
 */
@QuarkusTest
@TestProfile(InclusionListProfile.class)
class SalesforceImportInclusionListTest extends SalesforceJobSupport {

    @BeforeEach
    void membershipCacheExpired() throws InterruptedException {
        Thread.sleep(3_100);
        hubspot.createList(InclusionListProfile.LIST_ID, "Sales-ready", "DYNAMIC");
    }

    @Test
    void r2_12_insideTheListTheFieldsAreFilledOutsideOnlyTheEmail() {
        String member = hubspot.createContactAsUser(Map.of("email", "member@list.example"));
        hubspot.createContactAsUser(Map.of("email", "outsider@list.example"));
        hubspot.addToList(InclusionListProfile.LIST_ID, List.of(member));
        for (String email : List.of("member@list.example", "outsider@list.example", "new@list.example")) {
            salesforce.createLeadAsUser(Map.of("LastName", "Lovelace", "FirstName", "Ada", "Company", "Analytical",
                    "City", "London", "Email", email));
        }

        JsonPath report = awaitJob(start("import", "{\"objects\":[\"Lead\"]}"));

        assertEquals("done", report.getString("state"), report.prettify());
        assertEquals(1, report.getInt("created"));
        assertEquals(1, report.getInt("updated"));
        assertEquals(1, report.getInt("unchanged"));
        assertEquals("London", property("member@list.example", "city"));
        assertEquals("Ada", property("member@list.example", "firstname"));
        assertNull(property("outsider@list.example", "city"), "outside the list the other properties stay empty");
        assertNull(property("outsider@list.example", "firstname"));
        assertNull(property("new@list.example", "city"), "a new contact is in no list yet: only its email");
        assertNull(property("new@list.example", "lastname"));
        Map<String, Object> run = runsOf("outsider@list.example").stream()
                .filter(r -> "salesforce-import".equals(r.get("scenario"))).findFirst().orElseThrow();
        assertEquals("no-change", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("only the email (R2.12): the contact is not in HubSpot"
                + " inclusion list 9100"), run.toString());
    }

    @Test
    void r2_3_aResyncSendsOnlyMembersOfTheInclusionList() {
        String member = hubspot.createContactAsUser(Map.of("email", "in@list.example", "lastname", "In",
                "company", "I", "lifecyclestage", "lead"));
        String outsider = hubspot.createContactAsUser(Map.of("email", "out@list.example", "lastname", "Out",
                "company", "O", "lifecyclestage", "lead"));
        hubspot.addToList(InclusionListProfile.LIST_ID, List.of(member));
        hubspot.createList("9400", "Trade show", "MANUAL");
        hubspot.addToList("9400", List.of(member, outsider));

        JsonPath report = awaitJob(start("resync", "{\"listId\":\"9400\"}"));

        assertEquals(1, report.getInt("created"), report.prettify());
        assertEquals(1, report.getInt("skippedCount"));
        assertEquals("not a member of HubSpot inclusion list 9100 (R2.3): a resync sends only members",
                report.getString("skipped[0].reason"));
        assertEquals(1, salesforce.leadsByEmail("in@list.example").size());
        assertEquals(List.of(), salesforce.leadsByEmail("out@list.example"));
    }
}
