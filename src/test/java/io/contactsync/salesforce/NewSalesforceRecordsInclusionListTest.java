package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R2.5 with salesforce.sync.new-salesforce-records-create-hubspot-contacts=true and inclusion list 7001. */
@QuarkusTest
@TestProfile(InclusionListOptionOnProfile.class)
class NewSalesforceRecordsInclusionListTest extends SalesforceToHubSpotSupport {

    @BeforeEach
    void inclusionList() {
        hubspot.createList("7001", "Salesforce sync", "DYNAMIC");
    }

    @Test
    void aNewRecordOutsideTheListCreatesButLaterUpdatesWaitForTheList() {
        String id = lead("new@example.com", Map.of("Title", "Founder"));
        poll();
        assertEquals("Founder", property("new@example.com", "jobtitle"), "created although outside the list");
        assertEquals("created", salesforceRuns("new@example.com").get(0).get("decision"));

        salesforce.updateAsUser(id, Map.of("Title", "Chair"));
        poll();
        assertEquals("Founder", property("new@example.com", "jobtitle"));
        Map<String, Object> run = salesforceRuns("new@example.com").get(0);
        assertEquals("skipped", run.get("decision"));
        assertEquals("the contact is not in HubSpot inclusion list 7001: changes of the Salesforce Lead sync once it"
                + " meets the list's criteria (R2.5)", run.get("reason"));

        hubspot.addToList("7001", List.of(hubspotContact("new@example.com").get("id").toString()));
        salesforce.updateAsUser(id, Map.of("Title", "Chair of the board"));
        poll();
        assertEquals("Chair of the board", property("new@example.com", "jobtitle"), "a member syncs");
    }

    @Test
    void aNewRecordSyncsToAnExistingHubSpotContactOutsideTheList() {
        String existing = hubspot.createContactAsUser(Map.of("email", "known@example.com", "firstname", "Old"));
        lead("known@example.com", Map.of("FirstName", "New"));
        poll();

        assertEquals(1, hubspot.contactCount());
        assertEquals("New", property("known@example.com", "firstname"));
        assertEquals(existing, salesforceRuns("known@example.com").get(0).get("targetId"));
        assertTrue(salesforceRuns("known@example.com").get(0).get("decision").equals("updated"));
    }
}
