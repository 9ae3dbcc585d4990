package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

/** With salesforce.duplicate-rule.allow-save=true an alert-mode duplicate rule lets the update through. */
@QuarkusTest
@TestProfile(AllowSaveProfile.class)
class HubSpotToSalesforceAllowSaveTest extends HubSpotToSalesforceSupport {

    @Test
    void allowSaveUpdatesTheOldestOfTwoDuplicateLeads() {
        String email = "twins@allowsave.example";
        String older = salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "A", "Email", email));
        salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "B", "Email", email));
        String id = hubspot.createContactAsUser(Map.of("email", email, "firstname", "Tom", "lastname", "Twin",
                "lifecyclestage", "lead"));

        changedInHubSpot(id);

        Map<String, Object> run = salesforceRun(email);
        assertEquals("updated", run.get("decision"), run.toString());
        assertTrue(run.get("reason").toString().contains("2 Leads (" + older), run.toString());
        assertEquals("Tom", salesforce.record(older).orElseThrow().get("FirstName"));
        RecordedRequest update = writes().get(0);
        assertEquals("allowSave=true", update.headers().get("Sforce-Duplicate-Rule-Header"));
    }
}
