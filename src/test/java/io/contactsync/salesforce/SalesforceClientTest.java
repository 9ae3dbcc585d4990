package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector against the simulated org: login, queries and paging, lookups by email, writes, errors. */
@QuarkusTest
@TestProfile(SalesforceProfile.class)
class SalesforceClientTest {

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceSimulator salesforce;

    @BeforeEach
    void freshOrg() {
        salesforce.reset();
    }

    @Test
    void clientCredentialsLoginAndAQuery() {
        salesforce.createLeadAsUser(Map.of("LastName", "Lovelace", "Company", "Engines", "Email", "ada@example.org"));

        List<Map<String, Object>> leads = client.query("SELECT Id, Email FROM Lead");

        assertEquals(1, leads.size());
        assertEquals("ada@example.org", leads.get(0).get("Email"));
        assertTrue(salesforce.apiVersionsUsed().contains("v66.0"), salesforce.apiVersionsUsed().toString());
        for (RecordedRequest r : salesforce.requests()) {
            System.out.println(r.method() + " " + r.path() + " " + r.status() + " " + r.headers());
        }
    }
}
