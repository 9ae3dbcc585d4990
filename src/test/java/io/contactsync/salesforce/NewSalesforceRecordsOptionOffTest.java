package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R2.5 with the option off and inclusion list 7001: only members' records sync, new ones included. */
@QuarkusTest
@TestProfile(InclusionListOptionOffProfile.class)
class NewSalesforceRecordsOptionOffTest extends SalesforceToHubSpotSupport {

    @BeforeEach
    void inclusionList() {
        hubspot.createList("7001", "Salesforce sync", "DYNAMIC");
    }

    @Test
    void aNewRecordOutsideTheListIsSkippedWithTheReason() {
        lead("outside@example.com", Map.of());
        poll();

        assertEquals(0, hubspot.contactCount());
        Map<String, Object> run = salesforceRuns("outside@example.com").get(0);
        assertEquals("skipped", run.get("decision"));
        assertEquals("new Salesforce Lead outside HubSpot inclusion list 7001 and"
                + " salesforce.sync.new-salesforce-records-create-hubspot-contacts is off (R2.5)", run.get("reason"));
    }

    @Test
    void aRecordOfAListMemberSyncs() {
        String member = hubspot.createContactAsUser(Map.of("email", "member@example.com"));
        hubspot.addToList("7001", List.of(member));
        lead("member@example.com", Map.of("FirstName", "Mia"));
        poll();

        assertEquals("Mia", property("member@example.com", "firstname"));
        assertEquals(member, salesforceRuns("member@example.com").get(0).get("targetId"));
    }
}
