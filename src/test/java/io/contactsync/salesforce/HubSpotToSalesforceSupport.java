package io.contactsync.salesforce;

import static io.contactsync.support.Webhooks.hubspotEvent;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.contactsync.client.salesforce.SalesforceAllowanceState;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceSimulator;
import io.contactsync.store.Database;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

/** Base of the hubspot-to-salesforce tests: a fresh org and allowance, HubSpot webhooks, the scenario's runs. */
abstract class HubSpotToSalesforceSupport extends SyncTestSupport {

    static final String SCENARIO = "hubspot-to-salesforce";
    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 10);

    @Inject
    SalesforceSimulator salesforce;

    @Inject
    Database database;

    @BeforeEach
    void freshOrg() {
        salesforce.reset();
        SalesforceAllowanceState.clear(database);
    }

    /** A HubSpot webhook: a user changed the contact in HubSpot; waits until the inbox is drained. */
    void changedInHubSpot(String contactId) {
        post(contactId);
        awaitInboxDrained();
    }

    void send(String contactId, String changeSource, String sourceId) {
        Webhooks.hubspot("[" + hubspotEvent(EVENT_IDS.incrementAndGet(), "contact.propertyChange", contactId,
                changeSource, sourceId) + "]").then().statusCode(202);
        awaitInboxDrained();
    }

    /** The webhook of a user's change, without waiting for the inbox. */
    void post(String contactId) {
        Webhooks.hubspot("[" + hubspotEvent(EVENT_IDS.incrementAndGet(), "contact.propertyChange", contactId,
                "CRM_UI", "userId:1") + "]").then().statusCode(202);
    }

    /** The newest hubspot-to-salesforce run about this email. */
    static Map<String, Object> salesforceRun(String email) {
        return runsOf(email).stream().filter(run -> SCENARIO.equals(run.get("scenario"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + SCENARIO + " run for " + email + ": " + runsOf(email)));
    }

    static long salesforceRuns(String email) {
        return runsOf(email).stream().filter(run -> SCENARIO.equals(run.get("scenario"))).count();
    }

    /**
     * The REST API calls the org answered (the token endpoint is not an API call; a call refused with 401 because the
     * org forgot the session at reset is repeated by the re-login, and the repetition is the call).
     */
    List<RecordedRequest> apiCalls() {
        return salesforce.requests().stream().filter(r -> r.path().contains("/services/data/") && r.status() != 401)
                .toList();
    }

    List<RecordedRequest> writes() {
        return apiCalls().stream().filter(r -> !r.method().equals("GET") && !r.path().endsWith("/composite")).toList();
    }

    static List<Map<String, Object>> deadLetters() {
        return given().header("Authorization", ADMIN).get("/admin/dead-letters").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    static void replay(Object inboxId) {
        given().header("Authorization", ADMIN).post("/admin/dead-letters/" + inboxId + "/replay").then().statusCode(200);
        awaitInboxDrained();
    }
}
