package io.contactsync.salesforce;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.contactsync.client.salesforce.SalesforceAllowanceState;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceSimulator;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.support.SyncTestSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

/** Base of the import and resync tests: a fresh org, allowance and links; jobs started and followed over HTTP. */
abstract class SalesforceJobSupport extends SyncTestSupport {

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

    /** POSTs the body to /admin/salesforce/{what}, expects 202, returns the job id. */
    static String start(String what, String body) {
        return given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .post("/admin/salesforce/" + what).then().statusCode(202).extract().jsonPath().getString("id");
    }

    static JsonPath job(String id) {
        return given().header("Authorization", ADMIN).get("/admin/salesforce/jobs/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits until the job is done (or failed) and returns its report. */
    static JsonPath awaitJob(String id) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(job(id));
            String state = last.get().getString("state");
            return "done".equals(state) || "failed".equals(state);
        });
        return last.get();
    }

    List<RecordedRequest> salesforceApiCalls() {
        return salesforce.requests().stream().filter(r -> r.path().contains("/services/data/") && r.status() != 401)
                .toList();
    }

    List<RecordedRequest> hubspotApiCalls() {
        return hubspot.requests().stream().filter(r -> r.path().contains("/crm/")).toList();
    }

    @SuppressWarnings("unchecked")
    String property(String email, String property) {
        Map<String, Object> contact = hubspot.contactByEmail(email)
                .orElseThrow(() -> new AssertionError("no HubSpot contact " + email));
        Object value = ((Map<String, Object>) contact.get("properties")).get(property);
        return value == null ? null : value.toString();
    }
}
