package io.contactsync.salesforce;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.contactsync.client.salesforce.SalesforceAllowanceState;
import io.contactsync.sandbox.SalesforceSimulator;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.support.SyncTestSupport;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

/** Base of the Salesforce -> HubSpot tests: a fresh org, no links, and polls triggered over HTTP. */
abstract class SalesforceToHubSpotSupport extends SyncTestSupport {

    @Inject
    SalesforceSimulator salesforce;

    @Inject
    Database database;

    @BeforeEach
    void freshOrgAndLinks() {
        salesforce.reset();
        SalesforceAllowanceState.clear(database);
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "DELETE FROM salesforce_link"));
    }

    /** POST /admin/salesforce/poll, then waits until the events ran; returns the records handed to the inbox. */
    static long poll() {
        long records = given().header("Authorization", ADMIN).post("/admin/salesforce/poll").then().statusCode(200)
                .extract().jsonPath().getLong("records");
        awaitInboxDrained();
        return records;
    }

    String lead(String email, Map<String, Object> more) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("LastName", "Lovelace", "Company", "Analytical",
                "Email", email));
        fields.putAll(more);
        return salesforce.createLeadAsUser(fields);
    }

    Map<String, Object> hubspotContact(String email) {
        return hubspot.contactByEmail(email).orElseThrow(() -> new AssertionError("no HubSpot contact " + email));
    }

    @SuppressWarnings("unchecked")
    String property(String email, String property) {
        Object value = ((Map<String, Object>) hubspotContact(email).get("properties")).get(property);
        return value == null ? null : value.toString();
    }

    /** The runs of salesforce-to-hubspot about this email, newest first. */
    static List<Map<String, Object>> salesforceRuns(String email) {
        return runsOf(email).stream().filter(r -> "salesforce-to-hubspot".equals(r.get("scenario"))).toList();
    }

    long hubspotWrites() {
        return hubspot.requests().stream().filter(r -> !r.method().equals("GET") && !r.path().contains("/batch/read")
                && !r.path().contains("/search") && r.path().contains("/crm/")).count();
    }
}
