package io.contactsync.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.HubSpotSimulator;
import io.contactsync.sandbox.RespondioSimulator;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the scenario tests: fresh simulators before each test, every request contact-sync sent checked against
 * the vendor specs after it, and a wait for the inbox to drain.
 */
public abstract class SyncTestSupport {

    protected static final String ADMIN = "Bearer test-admin-token";
    private static final SpecValidator HUBSPOT_SPEC = SpecValidator.hubspot();
    private static final SpecValidator RESPONDIO_SPEC = SpecValidator.respondio();

    @Inject
    protected HubSpotSimulator hubspot;

    @Inject
    protected RespondioSimulator respondio;

    @BeforeEach
    void freshSimulators() {
        awaitInboxDrained();
        hubspot.reset();
        respondio.reset();
        hubspot.setWebhooksEnabled(false);
        respondio.setWebhooksEnabled(false);
    }

    @AfterEach
    void requestsMatchTheVendorSpecs() {
        awaitInboxDrained();
        HUBSPOT_SPEC.assertValid(hubspot.requests());
        RESPONDIO_SPEC.assertValid(respondio.requests());
    }

    protected static void awaitInboxDrained() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath inbox = given().header("Authorization", ADMIN).get("/admin/inbox").then().statusCode(200)
                    .extract().jsonPath();
            return inbox.getLong("PENDING") == 0 && inbox.getInt("inFlight") == 0
                    && (inbox.get("logLag") == null || inbox.getLong("logLag") == 0);
        });
    }

    protected static List<Map<String, Object>> runsOf(String email) {
        return given().header("Authorization", ADMIN).queryParam("email", email).get("/admin/runs").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    protected static Map<String, Object> lastRunOf(String email) {
        List<Map<String, Object>> runs = runsOf(email);
        if (runs.isEmpty()) {
            throw new AssertionError("no run recorded for " + email);
        }
        return runs.get(0);
    }

    protected static long deadLetterCount() {
        return given().header("Authorization", ADMIN).get("/admin/inbox").then().extract().jsonPath().getLong("DEAD");
    }
}
