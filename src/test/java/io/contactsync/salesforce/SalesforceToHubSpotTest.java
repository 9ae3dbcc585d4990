package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.polling.SalesforceWatermarks;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceConvertedLead;
import io.contactsync.store.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/**
 * Salesforce -> HubSpot over the poll (POST /admin/salesforce/poll) and the inbox, against the simulated org and
 * HubSpot: R2.1, R2.2, R2.11, lead conversion, the four field rules, paging and the watermark, same-second changes,
 * and no echo.
 */
@QuarkusTest
@TestProfile(SalesforceToHubSpotProfile.class)
class SalesforceToHubSpotTest extends SalesforceToHubSpotSupport {

    @Inject
    SalesforceLinkRepository links;

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceWatermarks watermarks;

    @Test
    void r2_1_aLeadAndAContactBothBecomeHubSpotContacts() {
        lead("ada@example.com", Map.of("FirstName", "Ada", "Title", "Countess", "City", "London", "Status", "Working - Contacted"));
        String account = salesforce.createAccountAsUser(Map.of("Name", "Engines Ltd"));
        String contact = salesforce.createContactAsUser(Map.of("LastName", "Babbage", "FirstName", "Charles",
                "Email", "Charles@Example.com", "AccountId", account, "MailingCity", "Cambridge"));

        poll();

        assertEquals("Ada", property("ada@example.com", "firstname"));
        assertEquals("Countess", property("ada@example.com", "jobtitle"));
        assertEquals("Analytical", property("ada@example.com", "company"));
        assertEquals("Working - Contacted", property("ada@example.com", "hs_lead_status"));
        assertEquals("Cambridge", property("charles@example.com", "city"));
        assertEquals(account, property("charles@example.com", "salesforce_account_id"));
        Map<String, Object> run = salesforceRuns("charles@example.com").get(0);
        assertEquals("created", run.get("decision"));
        assertEquals("salesforce:contact.changed", run.get("trigger"));
        assertEquals(contact, run.get("sourceId"));
        assertTrue(run.get("reason").toString().startsWith("no HubSpot contact linked to Contact " + contact),
                run.toString());
        assertEquals(2, hubspot.contactCount());
    }

    @Test
    void r2_2_connectingWithExistingRecordsImportsNothingUntilOneChanges() throws Exception {
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "DELETE FROM poll_watermark WHERE name LIKE 'salesforce-%'"));
        String old = lead("old@example.com", Map.of());
        lead("older@example.com", Map.of());
        Thread.sleep(1100);
        Instant connected = watermarks.connectedAt();

        assertEquals(0, poll(), "records from before the connection are not polled");
        assertEquals(0, hubspot.contactCount());
        assertEquals(List.of(), salesforceRuns("old@example.com"));

        salesforce.updateAsUser(old, Map.of("Title", "Archivist"));
        assertEquals(1, poll());
        assertEquals("Archivist", property("old@example.com", "jobtitle"));
        assertTrue(hubspot.contactByEmail("older@example.com").isEmpty());
        assertEquals(connected, watermarks.connectedAt(), "the connection time is kept");
    }

    @Test
    void aConvertedLeadKeepsItsOneHubSpotContact() {
        String leadId = lead("grace@example.com", Map.of("FirstName", "Grace"));
        poll();
        String hubspotId = links.bySalesforceId(leadId).orElseThrow().hubspotId();

        SalesforceConvertedLead converted = salesforce.convertLeadAsUser(leadId);
        salesforce.updateAsUser(converted.contactId(), Map.of("Title", "Rear Admiral"));
        poll();

        assertEquals(1, hubspot.contactCount());
        assertEquals("Rear Admiral", property("grace@example.com", "jobtitle"));
        SalesforceLink link = links.byHubSpotId(hubspotId).orElseThrow();
        assertEquals(converted.contactId(), link.salesforceId());
        assertEquals("Contact", link.salesforceType());
        List<Map<String, Object>> runs = salesforceRuns("grace@example.com");
        Map<String, Object> leadRun = runs.stream().filter(r -> leadId.equals(r.get("sourceId"))).findFirst().orElseThrow();
        assertEquals("skipped", leadRun.get("decision"));
        assertEquals("Lead " + leadId + " was converted into Contact " + converted.contactId()
                + ": the link moved to the Contact, HubSpot contact " + hubspotId + " stays the one contact",
                leadRun.get("reason"));
        Map<String, Object> contactRun = runs.get(0);
        assertEquals(converted.contactId(), contactRun.get("sourceId"));
        assertEquals(hubspotId, contactRun.get("targetId"));
    }

    @Test
    void r2_11_campaignNamesGoIntoSalesforceCampaigns() {
        String leadId = lead("camp@example.com", Map.of());
        salesforce.addToCampaignAsUser(salesforce.createCampaignAsUser("Spring Webinar"), leadId);
        salesforce.addToCampaignAsUser(salesforce.createCampaignAsUser("Autumn Expo"), leadId);

        poll();

        assertEquals("Autumn Expo;Spring Webinar", property("camp@example.com", "salesforce_campaigns"));
    }

    @Test
    void theFourFieldRulesInThisDirection() throws Exception {
        String id = lead("rules@example.com", Map.of("City", "Paris", "Title", "Engineer", "Fax", "+33 1 00",
                "Description", "first"));
        poll();
        assertEquals("Paris", property("rules@example.com", "city"));
        assertEquals("first", property("rules@example.com", "salesforce_description"));
        assertNull(property("rules@example.com", "fax"), "dont-sync: never written");
        String hubspotId = hubspotContact("rules@example.com").get("id").toString();

        // prefer-salesforce: a blank Salesforce field leaves HubSpot alone; always-salesforce: a cleared one clears it
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("City", null);
        cleared.put("Title", null);
        salesforce.updateAsUser(id, cleared);
        poll();
        assertEquals("Paris", property("rules@example.com", "city"));
        assertNull(property("rules@example.com", "jobtitle"), "always-salesforce clears HubSpot");
        assertTrue(salesforceRuns("rules@example.com").get(0).get("reason").toString()
                .contains("jobtitle cleared (always-salesforce (cleared))"));

        // two-way: HubSpot changed after Salesforce keeps HubSpot's value; a later Salesforce change wins
        salesforce.updateAsUser(id, Map.of("Description", "second", "City", "Lyon"));
        Thread.sleep(1100);
        hubspot.updateContactAsUser(hubspotId, Map.of("salesforce_description", "from hubspot"));
        poll();
        assertEquals("from hubspot", property("rules@example.com", "salesforce_description"));
        assertEquals("Lyon", property("rules@example.com", "city"), "prefer-salesforce: a Salesforce value overwrites");
        Thread.sleep(1100);
        salesforce.updateAsUser(id, Map.of("Description", "third"));
        poll();
        assertEquals("third", property("rules@example.com", "salesforce_description"));
    }

    @Test
    void pagingOverMoreThan2000ChangedRecordsAndNothingTwice() {
        int count = 2_100;
        for (int i = 0; i < count; i++) {
            lead("page-" + i + "@example.com", Map.of("FirstName", "P" + i));
        }
        hubspot.clearRequests();
        salesforce.clearRequests();

        assertEquals(count, poll());

        assertEquals(count, hubspot.contactCount());
        List<RecordedRequest> polls = salesforce.requests().stream().filter(r -> r.path().contains("/query")
                && (r.query() == null || !r.query().contains("CampaignMember") && !isUsersQuery(r))).toList();
        assertEquals(3, polls.stream().filter(r -> r.status() == 200).count(),
                "Lead: query + queryMore (2,000 per batch); Contact: query (a 401 after the org's reset is repeated"
                        + " after the re-login): " + polls.stream().map(r -> r.status() + " " + r.path()).toList());
        assertTrue(polls.get(0).query().contains("SystemModstamp+%3E%3D") || polls.get(0).query()
                .contains("SystemModstamp%20%3E%3D"), polls.get(0).query());
        long hubspotReads = hubspot.requests().stream().filter(r -> r.path().endsWith("/batch/read")).count();
        double perRecord = (double) (hubspotReads + salesforce.requests().size()) / count;
        System.out.printf("Salesforce -> HubSpot, %d new records: %d Salesforce calls, %d HubSpot batch reads,"
                + " %d HubSpot writes; lookups %.4f calls per record%n", count, salesforce.requests().size(),
                hubspotReads, hubspotWrites(), perRecord);
        assertTrue(perRecord <= 0.02, "lookups per record: " + perRecord);

        long writes = hubspotWrites();
        poll();
        assertEquals(writes, hubspotWrites(), "a re-poll repeats nothing");
    }

    /** The owner table's read of the active users (OwnerDirectory), made once per salesforce.sync.owners-refresh. */
    private static boolean isUsersQuery(RecordedRequest request) {
        return URLDecoder.decode(request.query(), StandardCharsets.UTF_8).contains("FROM User");
    }

    @Test
    void recordsModifiedInTheWatermarksSecondAreNeitherLostNorRepeated() {
        String first = lead("same-1@example.com", Map.of("Title", "v1"));
        for (int attempt = 0; attempt < 5; attempt++) {
            poll();
            Object stamp = salesforce.record(first).orElseThrow().get("SystemModstamp");
            salesforce.updateAsUser(first, Map.of("Title", "v" + (attempt + 2)));
            lead("same-late-" + attempt + "@example.com", Map.of());
            if (stamp.equals(salesforce.record(first).orElseThrow().get("SystemModstamp"))) {
                poll();
                assertEquals("v" + (attempt + 2), property("same-1@example.com", "jobtitle"),
                        "a change in the second already polled arrives");
                assertEquals(1, salesforceRuns("same-late-" + attempt + "@example.com").size(),
                        "a record created in the second already polled arrives");
                int runs = salesforceRuns("same-1@example.com").size();
                poll();
                assertEquals(runs, salesforceRuns("same-1@example.com").size(), "and is not repeated");
                return;
            }
        }
        throw new AssertionError("never managed two changes within one second");
    }

    @Test
    void contactSyncsOwnWritesDoNotComeBack() {
        String id = lead("echo@example.com", Map.of("Title", "Analyst"));
        poll();
        long writes = hubspotWrites();
        SalesforceLink link = links.bySalesforceId(id).orElseThrow();
        Map<String, Object> hubspotNow = SalesforceSnapshot.ofHubSpot(properties("echo@example.com"), List.of());
        assertEquals(hubspotNow, link.hubspotSnapshot(), "HubSpot -> Salesforce sees its poll of our write as an echo");

        // contact-sync writes to Salesforce (HubSpot -> Salesforce) and records the snapshot, as that route does
        client.updateAll("Lead", List.of(Map.of("Id", id, "Title", "Senior Analyst")));
        Map<String, Object> written = salesforce.record(id).orElseThrow();
        links.save(SalesforceLink.of(link.hubspotId(), id, "Lead", "echo@example.com", link.hubspotSnapshot(),
                SalesforceSnapshot.ofRecord(SalesforceObject.LEAD, written, List.of()), link.salesforceModstamp()));
        poll();

        assertEquals(writes, hubspotWrites(), "our own Salesforce write costs no HubSpot write");
        Map<String, Object> run = salesforceRuns("echo@example.com").get(0);
        assertEquals("skipped", run.get("decision"));
        assertTrue(run.get("reason").toString().contains("echo"), run.toString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> properties(String email) {
        return (Map<String, Object>) hubspotContact(email).get("properties");
    }
}
