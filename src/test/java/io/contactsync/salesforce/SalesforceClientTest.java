package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.contactsync.client.salesforce.EmailMatch;
import io.contactsync.client.salesforce.LeadConversion;
import io.contactsync.client.salesforce.QueryPage;
import io.contactsync.client.salesforce.SalesforceBatchWrites;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.client.salesforce.SalesforceError;
import io.contactsync.client.salesforce.SalesforceRejectedException;
import io.contactsync.client.salesforce.SaveResult;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceConvertedLead;
import io.contactsync.sandbox.SalesforceSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector against the simulated org (client credentials): login and re-login, queries and paging, lookups by
 * email, single and collection writes, Salesforce's error classes, row-lock retries, secrets kept out of the logs.
 */
@QuarkusTest
@TestProfile(SalesforceProfile.class)
class SalesforceClientTest {

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceBatchWrites writes;

    @Inject
    SalesforceSimulator salesforce;

    @ConfigProperty(name = "salesforce.client-secret")
    String clientSecret;

    /** The logins of the first call on the fresh org (the reset ended the session of earlier tests). */
    private List<RecordedRequest> firstLogins;

    @BeforeEach
    void freshOrgAndSession() {
        salesforce.reset();
        client.query("SELECT Id FROM Account");
        firstLogins = tokenRequests();
        salesforce.clearRequests();
    }

    @Test
    void logsInOnceWithClientCredentialsAndQueriesOnTheConfiguredApiVersion() {
        salesforce.createLeadAsUser(lead("Lovelace", "ada@example.org"));

        List<Map<String, Object>> leads = client.query("SELECT Id, Email FROM Lead");
        client.query("SELECT Id FROM Contact");

        assertEquals(1, leads.size());
        assertEquals("ada@example.org", leads.get(0).get("Email"));
        assertFalse(leads.get(0).containsKey("attributes"));
        assertEquals(java.util.Set.of("v66.0"), salesforce.apiVersionsUsed());
        assertEquals(1, firstLogins.size());
        assertTrue(firstLogins.get(0).body().contains("grant_type=client_credentials"), firstLogins.get(0).body());
        assertTrue(tokenRequests().isEmpty(), "the session is reused");
        assertEquals(2, apiRequests().size());
    }

    @Test
    void aSessionThatExpiresMidRunCostsOneReLoginAndTheCallSucceeds() {
        client.query("SELECT Id FROM Lead");
        int loginsBefore = tokenRequests().size();
        salesforce.createLeadAsUser(lead("Hopper", "grace@example.org"));
        salesforce.expireSessions();

        List<Map<String, Object>> leads = client.query("SELECT Id, Email FROM Lead");

        assertEquals(1, leads.size());
        assertEquals(loginsBefore + 1, tokenRequests().size(), "exactly one re-login");
        List<RecordedRequest> queries = apiRequests().stream().filter(r -> r.path().contains("/query")).toList();
        assertEquals(401, queries.get(queries.size() - 2).status(), "the expired session was refused");
        assertEquals(200, queries.get(queries.size() - 1).status(), "and the same query succeeded after the login");
    }

    @Test
    void aQueryFollowsEveryNextRecordsUrl() {
        for (int i = 0; i < 4_500; i++) {
            salesforce.createLeadAsUser(lead("Page" + i, "page" + i + "@example.org"));
        }
        salesforce.clearRequests();

        List<Map<String, Object>> all = client.query("SELECT Id, Email FROM Lead");
        List<Integer> batches = new ArrayList<>();
        long counted = client.query("SELECT Id FROM Lead", page -> batches.add(page.size()));
        QueryPage first = client.queryPage("SELECT Id FROM Lead");

        assertEquals(4_500, all.size());
        assertEquals(4_500, all.stream().map(r -> r.get("Id")).distinct().count(), "no record twice");
        assertEquals(List.of(2_000, 2_000, 500), batches);
        assertEquals(4_500, counted);
        assertEquals(4_500, first.totalSize());
        assertFalse(first.done());
        assertEquals(2_000, client.queryMore(first.nextRecordsUrl()).records().size());
        assertEquals(5, apiRequests().stream().filter(r -> r.path().matches(".*/query/01g.*")).count(),
                "two queryMore calls for each full read, one for the paged read");
    }

    @Test
    void findByEmailsPrefersTheContactAndSaysWhy() {
        String lead = salesforce.createLeadAsUser(lead("Both", "both@example.org"));
        String contact = salesforce.createContactAsUser(Map.of("LastName", "Both", "Email", "Both@Example.org"));
        String onlyLead = salesforce.createLeadAsUser(lead("Solo", "solo@example.org"));
        String converted = salesforce.createLeadAsUser(lead("Gone", "gone@example.org"));
        salesforce.convertLeadAsUser(converted);
        salesforce.clearRequests();

        Map<String, EmailMatch> matches = client.findByEmails(List.of("BOTH@example.org", "solo@example.org",
                "nobody@example.org"), List.of("FirstName", "Company"), List.of("FirstName", "AccountId"));

        assertEquals(2, apiRequests().size(), "one query for Contacts, one for Leads");
        EmailMatch both = matches.get("both@example.org");
        assertEquals(contact, both.contacts().get(0).get("Id"));
        assertEquals(lead, both.leads().get(0).get("Id"));
        assertTrue(both.leads().get(0).containsKey("Company"));
        EmailMatch.Winner winner = both.winner().orElseThrow();
        assertEquals("Contact", winner.type());
        assertEquals(contact, winner.id());
        assertTrue(winner.reason().contains("a contact wins over a lead"), winner.reason());
        assertEquals(onlyLead, matches.get("solo@example.org").winner().orElseThrow().id());
        assertFalse(matches.containsKey("nobody@example.org"));
        assertTrue(client.findByEmails(List.of("gone@example.org")).get("gone@example.org").leads().isEmpty(),
                "a converted lead is not a match (its contact is)");
    }

    @Test
    void amongSeveralRecordsOfOneTypeTheOldestWins() {
        String first = salesforce.createContactAsUser(Map.of("LastName", "First", "Email", "twice@example.org"));
        String second = salesforce.createContactAsUser(Map.of("LastName", "Second", "Email", "twice@example.org"));

        EmailMatch.Winner winner = client.findByEmails(List.of("twice@example.org")).get("twice@example.org")
                .winner().orElseThrow();

        assertTrue(first.compareTo(second) < 0);
        assertEquals(first, winner.id());
        assertTrue(winner.reason().contains("2 Contacts") && winner.reason().contains("oldest"), winner.reason());
    }

    @Test
    void manyEmailsAreLookedUpInChunksOfOneQueryPerObject() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            emails.add("someone.with.a.long.address." + i + "@example.org");
        }
        salesforce.createLeadAsUser(lead("Last", emails.get(699)));
        salesforce.clearRequests();

        Map<String, EmailMatch> matches = client.findByEmails(emails);

        long queries = apiRequests().size();
        assertTrue(queries >= 6 && queries % 2 == 0, queries + " queries: more than one chunk, two per chunk");
        assertEquals(List.of(emails.get(699)), List.copyOf(matches.keySet()));
        for (RecordedRequest r : apiRequests()) {
            assertTrue(r.query().length() < 16_000, "each query fits a URL: " + r.query().length());
        }
    }

    @Test
    void createAndUpdateOneRecordAsCollectionsOfOne() throws InterruptedException {
        String id = writes.create("Lead", "curie", Map.of("LastName", "Curie", "Company", "Radium", "Email",
                "marie@example.org"));
        writes.update("Lead", id, Map.of("FirstName", "Marie", "Title", "Physicist"));

        Map<String, Object> stored = salesforce.record(id).orElseThrow();
        assertEquals("Marie", stored.get("FirstName"));
        assertEquals("Physicist", stored.get("Title"));
        assertTrue(apiRequests().stream().noneMatch(r -> r.headers().containsKey("Sforce-Duplicate-Rule-Header")),
                "no duplicate-rule header unless configured");
    }

    @Test
    void collectionsOf450RecordsTakeThreeCallsWithResultsInRequestOrder() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            Map<String, Object> record = new HashMap<>(Map.of("Company", "Bulk", "Email", "bulk" + i + "@example.org"));
            if (i % 100 != 7) {
                record.put("LastName", "Bulk" + i);
            }
            records.add(record);
        }

        List<SaveResult> created = client.createAll("Lead", records);

        assertEquals(3, apiRequests().stream().filter(r -> r.path().endsWith("/composite/sobjects")).count());
        assertEquals(450, created.size());
        for (int i = 0; i < 450; i++) {
            SaveResult result = created.get(i);
            if (i % 100 == 7) {
                assertFalse(result.success());
                assertNull(result.id());
                assertTrue(result.describe().startsWith("REQUIRED_FIELD_MISSING on LastName: "), result.describe());
            } else {
                assertTrue(result.success(), result.describe());
                assertEquals("Bulk" + i, salesforce.record(result.id()).orElseThrow().get("LastName"));
            }
        }

        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            if (created.get(i).success()) {
                updates.add(Map.of("Id", created.get(i).id(), "Title", "Updated " + i));
            }
        }
        updates.add(1, Map.of("Id", created.get(0).id(), "NoSuchField__c", "x"));
        salesforce.clearRequests();
        assertThrows(SalesforceRejectedException.class, () -> client.updateAll("Lead", updates),
                "an unknown field fails the whole call, as Salesforce does");
        updates.remove(1);
        List<SaveResult> updated = client.updateAll("Lead", updates);
        assertTrue(updated.stream().allMatch(SaveResult::success));
        assertEquals("Updated 449", salesforce.record(updated.get(updated.size() - 1).id()).orElseThrow().get("Title"));
    }

    @Test
    void salesforcesErrorsNameTheirCodeFieldsAndMessageAndAreNotRetried() throws InterruptedException {
        assertRejected("REQUIRED_FIELD_MISSING on LastName: Required fields are missing: [LastName]",
                () -> writes.create("Lead", "nameless", Map.of("Company", "Nameless")));
        assertRejected("INVALID_FIELD", () -> writes.create("Lead", "shoe", Map.of("LastName", "X", "Company", "Y",
                "Shoe_Size__c", 42)));
        writes.create("Lead", "dup", lead("Dup", "dup@example.org"));
        SalesforceRejectedException duplicate = assertRejected("DUPLICATES_DETECTED",
                () -> writes.create("Lead", "dup", lead("Dup", "dup@example.org")));
        assertTrue(duplicate.has(SalesforceError.DUPLICATES_DETECTED));
        salesforce.addValidationRule("Lead", "Title_Needed", row -> row.get("Title") == null,
                "Title is required for leads", "Title");
        assertRejected("FIELD_CUSTOM_VALIDATION_EXCEPTION on Title: Title is required for leads",
                () -> writes.create("Lead", "valid", lead("Valid", "valid@example.org")));

        long writes = apiRequests().stream().filter(r -> r.method().equals("POST")).count();
        assertEquals(5, writes, "each refusal was sent once, never retried");
    }

    @Test
    void rowLocksAreRetried() throws InterruptedException {
        salesforce.failNextApiWritesWithLockError(2);
        String id = writes.create("Lead", "locked", lead("Locked", "locked@example.org"));
        assertTrue(salesforce.record(id).isPresent());
        assertEquals(3, apiRequests().stream().filter(r -> r.method().equals("POST")).count());

        salesforce.failNextApiWritesWithLockError(2);
        List<SaveResult> results = client.createAll("Contact", List.of(Map.of("LastName", "A"),
                Map.of("LastName", "B"), Map.of("LastName", "C")));
        assertTrue(results.stream().allMatch(SaveResult::success), results.toString());
        assertEquals(3, salesforce.contacts().size());
    }

    @Test
    void campaignNamesAndLeadConversionsInBulk() {
        String lead = salesforce.createLeadAsUser(lead("Camp", "camp@example.org"));
        String contact = salesforce.createContactAsUser(Map.of("LastName", "Camp", "Email", "camp2@example.org"));
        String loner = salesforce.createLeadAsUser(lead("Alone", "alone@example.org"));
        String spring = salesforce.createCampaignAsUser("Spring Webinar");
        String autumn = salesforce.createCampaignAsUser("Autumn Fair");
        salesforce.addToCampaignAsUser(spring, lead);
        salesforce.addToCampaignAsUser(autumn, lead);
        salesforce.addToCampaignAsUser(spring, contact);
        SalesforceConvertedLead conversion = salesforce.convertLeadAsUser(loner);
        salesforce.clearRequests();

        Map<String, List<String>> names = client.campaignNames(List.of(lead, contact, loner));
        Map<String, LeadConversion> conversions = client.leadConversions(List.of(lead, loner));

        assertEquals(List.of("Autumn Fair", "Spring Webinar"), names.get(lead));
        assertEquals(List.of("Spring Webinar"), names.get(contact));
        assertFalse(names.containsKey(loner));
        assertFalse(conversions.get(lead).converted());
        assertTrue(conversions.get(loner).converted());
        assertEquals(conversion.contactId(), conversions.get(loner).convertedContactId());
        assertEquals(2, apiRequests().size(), "one CampaignMember query, one Lead query");
    }

    @Test
    void secretsAndTokensStayOutOfTheLogs() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLoggerName() + " " + record.getMessage() + " " + java.util.Arrays.toString(
                        record.getParameters()) + " " + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            client.query("SELECT Id FROM Lead");
            salesforce.expireSessions();
            client.query("SELECT Id FROM Lead");
            assertThrows(SalesforceRejectedException.class, () -> writes.create("Lead", "x", Map.of("Company", "X")));
        } finally {
            root.removeHandler(capture);
        }

        assertTrue(lines.stream().anyMatch(l -> l.contains("Login")), "the logins were logged: " + lines);
        List<String> secrets = new ArrayList<>(List.of(clientSecret));
        apiRequests().forEach(r -> secrets.add(r.headers().getOrDefault("Authorization", "Bearer x").substring(7)));
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret was logged: " + line);
            }
        }
    }

    private SalesforceRejectedException assertRejected(String expected, org.junit.jupiter.api.function.Executable call) {
        SalesforceRejectedException e = assertThrows(SalesforceRejectedException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    private List<RecordedRequest> tokenRequests() {
        return salesforce.requests().stream().filter(r -> r.path().equals("/services/oauth2/token")).toList();
    }

    private List<RecordedRequest> apiRequests() {
        return salesforce.requests().stream().filter(r -> r.path().startsWith("/services/data/")).toList();
    }

    private static Map<String, Object> lead(String lastName, String email) {
        return Map.of("LastName", lastName, "Company", "Acme", "Email", email);
    }
}
