package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.restassured.path.json.JsonPath;
import io.contactsync.sandbox.SandboxFault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R2.9 "owner id" both ways over HTTP: a HubSpot owner and a Salesforce user with the same email are one person
 * (OwnerDirectory); the owner is written on create and update, an owner without its one match is not written and the
 * run names it, and owners that cannot be read do not fail the sync. Every test sets up its owners and users, then
 * waits out salesforce.sync.owners-refresh so that the first run reads them.
 */
@QuarkusTest
@TestProfile(OwnerMatchingProfile.class)
class OwnerMatchingTest extends HubSpotToSalesforceSupport {

    private String anaOwner;
    private String anaUser;
    private String bobOwner;
    private String bobUser;

    @BeforeEach
    void ownersAndUsers() throws InterruptedException {
        anaOwner = hubspot.addOwner("ana.lopez@owners.example", "Ana", "Lopez");
        anaUser = salesforce.addUser("Ana.Lopez@Owners.example", "Ana", "Lopez");
        bobOwner = hubspot.addOwner("bob.stone@owners.example", "Bob", "Stone");
        bobUser = salesforce.addUser("bob.stone@owners.example", "Bob", "Stone");
        Thread.sleep(OwnerMatchingProfile.OWNERS_REFRESH_MILLIS + 100);
    }

    @Test
    void aHubSpotOwnerWithTheSameEmailAsASalesforceUserBecomesTheOwnerOnCreateAndOnUpdate() throws Exception {
        String ada = hubspot.createContactAsUser(Map.of("email", "ada@owners.example", "lastname", "Lovelace",
                "company", "AE", "lifecyclestage", "lead", "hubspot_owner_id", anaOwner));
        String grace = hubspot.createContactAsUser(Map.of("email", "grace@owners.example", "lastname", "Hopper",
                "company", "Navy", "lifecyclestage", "lead", "hubspot_owner_id", bobOwner));

        changedInHubSpot(ada);
        changedInHubSpot(grace);

        Map<String, Object> run = salesforceRun("ada@owners.example");
        assertEquals("created", run.get("decision"), run.toString());
        assertEquals(anaUser, salesforce.leadsByEmail("ada@owners.example").get(0).get("OwnerId"),
                "the email matches case aside");
        assertEquals(bobUser, salesforce.leadsByEmail("grace@owners.example").get(0).get("OwnerId"));
        assertEquals(1, ownerReads(), "one owners read for both runs (the table is trusted for owners-refresh): "
                + hubspot.requests());
        assertEquals(1, userQueries(), "one users query for both runs");

        // a Lead someone else owns in Salesforce, then its HubSpot contact is given an owner
        String lead = salesforce.createLeadAsUser(Map.of("LastName", "Curie", "Company", "Radium",
                "Email", "marie@owners.example"));
        assertEquals(salesforce.uiUserId(), salesforce.record(lead).orElseThrow().get("OwnerId"));
        Thread.sleep(1100);
        String marie = hubspot.createContactAsUser(Map.of("email", "marie@owners.example", "lastname", "Curie",
                "lifecyclestage", "lead", "hubspot_owner_id", bobOwner));
        changedInHubSpot(marie);

        run = salesforceRun("marie@owners.example");
        assertEquals("updated", run.get("decision"), run.toString());
        assertTrue(run.get("reason").toString().contains("OwnerId"), run.toString());
        assertEquals(bobUser, salesforce.record(lead).orElseThrow().get("OwnerId"));

        // the owner changes in HubSpot: two-way, HubSpot's change is the newer one
        Thread.sleep(1100);
        hubspot.updateContactAsUser(ada, Map.of("hubspot_owner_id", bobOwner));
        changedInHubSpot(ada);
        assertEquals("updated", salesforceRun("ada@owners.example").get("decision"));
        assertEquals(bobUser, salesforce.leadsByEmail("ada@owners.example").get(0).get("OwnerId"));
    }

    @Test
    void aSalesforceOwnerWithTheSameEmailAsAHubSpotOwnerBecomesHubSpotsOwner() throws Exception {
        String lead = salesforce.createLeadAsUser(Map.of("LastName", "Noether", "Company", "Erlangen",
                "Email", "emmy@owners.example", "OwnerId", anaUser));

        SalesforceToHubSpotSupport.poll();

        Map<String, Object> contact = hubspot.contactByEmail("emmy@owners.example").orElseThrow();
        assertEquals(anaOwner, ((Map<?, ?>) contact.get("properties")).get("hubspot_owner_id"));

        Thread.sleep(1100);
        salesforce.updateAsUser(lead, Map.of("OwnerId", bobUser));
        SalesforceToHubSpotSupport.poll();
        contact = hubspot.contactByEmail("emmy@owners.example").orElseThrow();
        assertEquals(bobOwner, ((Map<?, ?>) contact.get("properties")).get("hubspot_owner_id"),
                "a new owner in Salesforce is the newer change (two-way)");
    }

    @Test
    void anOwnerWithoutItsOneMatchIsNotWrittenAndTheRunNamesIt() throws Exception {
        String carl = hubspot.addOwner("carl@owners.example", "Carl", "Only-in-HubSpot");
        String dana = hubspot.addOwner("dana@owners.example", "Dana", "Twice");
        salesforce.addUser("dana@owners.example", "Dana", "One");
        salesforce.addUser("DANA@owners.example", "Dana", "Two");
        Thread.sleep(OwnerMatchingProfile.OWNERS_REFRESH_MILLIS + 100);
        String first = hubspot.createContactAsUser(Map.of("email", "first@owners.example", "lastname", "First",
                "company", "C", "lifecyclestage", "lead", "hubspot_owner_id", carl));
        String second = hubspot.createContactAsUser(Map.of("email", "second@owners.example", "lastname", "Second",
                "company", "C", "lifecyclestage", "lead", "hubspot_owner_id", dana));

        changedInHubSpot(first);
        changedInHubSpot(second);

        Map<String, Object> run = salesforceRun("first@owners.example");
        assertEquals("created", run.get("decision"), run.toString());
        assertTrue(run.get("reason").toString().contains("none of the active Salesforce users read at ")
                && run.get("reason").toString().contains(" has HubSpot owner " + carl + "'s email: OwnerId not written"),
                run.toString());
        assertEquals(salesforce.apiUserId(), salesforce.leadsByEmail("first@owners.example").get(0).get("OwnerId"),
                "Salesforce's default owner, the integration user");
        run = salesforceRun("second@owners.example");
        assertTrue(run.get("reason").toString().contains("2 active Salesforce users have HubSpot owner " + dana
                + "'s email (ambiguous): OwnerId not written"), run.toString());

        String lead = salesforce.createLeadAsUser(Map.of("LastName", "Franklin", "Company", "King's",
                "Email", "rosalind@owners.example"));
        SalesforceToHubSpotSupport.poll();
        Map<String, Object> toHubSpot = SalesforceToHubSpotSupport.salesforceRuns("rosalind@owners.example").get(0);
        assertEquals("created", toHubSpot.get("decision"), toHubSpot.toString());
        assertTrue(toHubSpot.get("reason").toString().contains("none of the active HubSpot owners read at ")
                && toHubSpot.get("reason").toString().contains(" has Salesforce user " + salesforce.uiUserId()
                        + "'s email: hubspot_owner_id left as it is"), toHubSpot.toString());
        assertEquals(null, ((Map<?, ?>) hubspot.contactByEmail("rosalind@owners.example").orElseThrow()
                .get("properties")).get("hubspot_owner_id"));
        assertEquals(salesforce.uiUserId(), salesforce.record(lead).orElseThrow().get("OwnerId"));
    }

    @Test
    void ownersThatCannotBeReadDoNotFailTheSyncTheRunUsesTheLastTableAndSaysSoAndTheNextReadMatchesAgain()
            throws Exception {
        String first = hubspot.createContactAsUser(Map.of("email", "before@owners.example", "lastname", "Before",
                "company", "C", "lifecyclestage", "lead", "hubspot_owner_id", anaOwner));
        changedInHubSpot(first);
        assertEquals(anaUser, salesforce.leadsByEmail("before@owners.example").get(0).get("OwnerId"));

        Thread.sleep(OwnerMatchingProfile.OWNERS_REFRESH_MILLIS + 100);
        hubspot.injectFaults(new SandboxFault(503, 5, 0, 0, "/crm/v3/owners"));
        salesforce.injectFaults(new SandboxFault(503, 5, 0, 0, "/query"));
        String down = hubspot.createContactAsUser(Map.of("email", "down@owners.example", "lastname", "Down",
                "company", "C", "lifecyclestage", "lead", "hubspot_owner_id", bobOwner));
        changedInHubSpot(down);

        Map<String, Object> run = salesforceRun("down@owners.example");
        assertEquals("created", run.get("decision"), run.toString());
        String reason = run.get("reason").toString();
        assertTrue(reason.contains("HubSpot owners unavailable (") && reason.contains("Salesforce users unavailable (")
                && reason.contains("were used"), reason);
        assertEquals(bobUser, salesforce.leadsByEmail("down@owners.example").get(0).get("OwnerId"),
                "matched with the owners and users read before");
        assertEquals(5, hubspot.faultsServed(), "retried as any vendor call, then given up");
        assertEquals(5, salesforce.faultsServed());
        assertEquals(0, deadLetterCount());

        // a failed read is tried again after min(owners-refresh, 1 minute)
        Thread.sleep(OwnerMatchingProfile.OWNERS_REFRESH_MILLIS + 100);
        hubspot.updateContactAsUser(down, Map.of("hubspot_owner_id", anaOwner));
        changedInHubSpot(down);
        run = salesforceRun("down@owners.example");
        assertEquals("updated", run.get("decision"), run.toString());
        assertEquals(anaUser, salesforce.leadsByEmail("down@owners.example").get(0).get("OwnerId"));
        assertTrue(!run.get("reason").toString().contains("unavailable"), run.toString());
    }

    @Test
    void aResyncAndAnImportMatchOwnersAsTheRoutesDo() {
        String ada = hubspot.createContactAsUser(Map.of("email", "resync@owners.example", "lastname", "Resync",
                "company", "C", "lifecyclestage", "lead", "hubspot_owner_id", anaOwner));
        hubspot.createList("5101", "Owners");
        hubspot.addToList("5101", List.of(ada));

        JsonPath resync = SalesforceJobSupport.awaitJob(SalesforceJobSupport.start("resync", "{\"listId\":\"5101\"}"));

        assertEquals(1, resync.getInt("created"), resync.prettify());
        assertEquals(anaUser, salesforce.leadsByEmail("resync@owners.example").get(0).get("OwnerId"));

        salesforce.createLeadAsUser(Map.of("LastName", "Import", "Company", "C", "Email", "import@owners.example",
                "OwnerId", bobUser));

        JsonPath imported = SalesforceJobSupport.awaitJob(SalesforceJobSupport.start("import",
                "{\"objects\":[\"Lead\"]}"));

        assertEquals("done", imported.getString("state"), imported.prettify());
        assertEquals(bobOwner, ((Map<?, ?>) hubspot.contactByEmail("import@owners.example").orElseThrow()
                .get("properties")).get("hubspot_owner_id"));
        assertEquals(1, ownerReads(), "the jobs read the owners when due, as the routes do");
    }

    private long ownerReads() {
        return hubspot.requests().stream().filter(r -> r.path().startsWith("/crm/v3/owners")).count();
    }

    private long userQueries() {
        return apiCalls().stream().map(RecordedRequest::query).filter(q -> q != null && q.contains("User")).count();
    }
}
