package io.contactsync.salesforce;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import io.contactsync.client.salesforce.SalesforceAllowanceState;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.client.salesforce.SalesforcePausedException;
import io.contactsync.sandbox.SalesforceSimulator;
import io.contactsync.store.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 403 REQUEST_LIMIT_EXCEEDED pauses every Salesforce call (salesforce.limit-exceeded-pause, 2 s in tests) without
 * sending it; GET /admin/salesforce says so, why and until when; after the pause, calls go through again.
 */
@QuarkusTest
@TestProfile(SalesforceProfile.class)
class SalesforceLimitPauseTest {

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceSimulator salesforce;

    @Inject
    Database database;

    @BeforeEach
    @AfterEach
    void freshOrgAndAllowance() {
        salesforce.reset();
        SalesforceAllowanceState.clear(database);
    }

    @Test
    void theOrgsLimitPausesCallsUntilTheyMayResume() {
        client.query("SELECT Id FROM Lead");
        given().auth().oauth2("test-admin-token").get("/admin/salesforce").then().statusCode(200)
                .body("enabled", equalTo(true))
                .body("paused", equalTo(false))
                .body("orgLimit", equalTo(100_000))
                .body("share", equalTo(20_000))
                .body("sharePercent", equalTo(20));
        salesforce.setDailyApiLimit(1_000);
        salesforce.setApiUsage(1_000);

        Instant before = Instant.now();
        SalesforcePausedException paused = assertThrows(SalesforcePausedException.class,
                () -> client.query("SELECT Id FROM Lead"));
        assertTrue(paused.getMessage().contains("REQUEST_LIMIT_EXCEEDED"), paused.getMessage());
        assertTrue(!paused.until().isBefore(before.plusSeconds(2)) && paused.until().isBefore(Instant.now()
                .plusSeconds(3)), paused.until().toString());
        given().auth().oauth2("test-admin-token").get("/admin/salesforce").then().statusCode(200)
                .body("paused", equalTo(true))
                .body("pausedUntil", equalTo(paused.until().toString()))
                .body("reason", containsString("403 REQUEST_LIMIT_EXCEEDED"))
                .body("orgUsed", equalTo(1_000))
                .body("orgLimit", equalTo(1_000));
        int requests = salesforce.requests().size();
        assertThrows(SalesforcePausedException.class, () -> client.query("SELECT Id FROM Lead"));
        assertEquals(requests, salesforce.requests().size(), "a paused call is not sent");

        salesforce.setApiUsage(0);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(paused.until()));
        assertEquals(0, client.query("SELECT Id FROM Lead").size());
        given().auth().oauth2("test-admin-token").get("/admin/salesforce").then().statusCode(200)
                .body("paused", equalTo(false));
        given().get("/admin/salesforce").then().statusCode(401);
    }
}
