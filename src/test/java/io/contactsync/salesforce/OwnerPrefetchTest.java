package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With salesforce.sync.owners-prefetch, routes/salesforce-owners reads HubSpot's owners and Salesforce's users soon
 * after start-up, so a job whose records have owners spends no call on them: an import of 150 Leads is 2 HubSpot
 * batch reads and 2 batch upserts, nothing else.
 */
@QuarkusTest
@TestProfile(OwnerPrefetchProfile.class)
class OwnerPrefetchTest extends SalesforceJobSupport {

    @Inject
    OwnerDirectory owners;

    @Test
    void theOwnerTableIsReadInTheBackgroundSoAnImportSpendsNoCallOnIt() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !"the owners were not read"
                .equals(owners.match(salesforce.uiUserId(), SyncDirection.SALESFORCE_TO_HUBSPOT).note()));
        for (int i = 0; i < 150; i++) {
            String lead = salesforce.createLeadAsUser(Map.of("LastName", "L" + i, "Company", "Acme",
                    "Email", "owned" + i + "@example.com"));
            assertEquals(salesforce.uiUserId(), salesforce.record(lead).orElseThrow().get("OwnerId"));
        }
        int hubspotBefore = hubspotApiCalls().size();

        JsonPath report = awaitJob(start("import", "{\"objects\":[\"Lead\"]}"));

        assertEquals(150, report.getInt("created"), report.prettify());
        List<RecordedRequest> jobCalls = hubspotApiCalls().subList(hubspotBefore, hubspotApiCalls().size());
        assertEquals(0, jobCalls.stream().filter(r -> r.path().startsWith("/crm/v3/owners")).count(),
                "the owner table was read before the job: " + jobCalls);
        assertEquals(4, jobCalls.size(), "2 batch reads, 2 batch upserts: " + jobCalls);
        assertTrue(report.getDouble("vendorCalls.hubspotPerRecord") <= 0.0267, report.prettify());
    }
}
