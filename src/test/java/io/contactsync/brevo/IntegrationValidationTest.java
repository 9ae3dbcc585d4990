package io.contactsync.brevo;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.contactsync.sandbox.SandboxFault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * R4.2, R4.3, R4.10 and the admin API's errors: a wrong integration is refused with messages naming the problem,
 * the app keeps running, and nothing is created in Brevo.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrationValidationTest extends BrevoTestSupport {

    private static final String INTEGRATIONS = "/admin/brevo/integrations/";

    @Test
    @Order(1)
    void r4_2_anIntegrationConfiguredActiveWithoutOptInStaysInvalidAfterStartUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> "invalid".equals(given().header("Authorization", ADMIN)
                .get(INTEGRATIONS + "consentless").then().extract().path("state")));
        given().header("Authorization", ADMIN).get(INTEGRATIONS + "consentless").then().statusCode(200)
                .body("state", is("invalid"))
                .body("problems", hasItem(containsString("opt-in")));
        given().get("/q/health/group/brevo").then().statusCode(503)
                .body("checks[0].data.consentless", containsString("opt-in"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(2)
    void r4_2_activationIsRefusedUntilTheOptInIsConfirmed() {
        try {
            activation("consentless", "{}").statusCode(422)
                    .body("state", is("invalid"))
                    .body("problems", hasItem(containsString("brevo.integrations.consentless.opt-in-confirmed")));
            assertTrue(brevo.lists().isEmpty(), "nothing is created in Brevo for a refused integration");

            activation("consentless", "{\"optInConfirmed\": true}").statusCode(200)
                    .body("state", is("active"))
                    .body("optInConfirmed", is(true));
        } finally {
            given().header("Authorization", ADMIN).post(INTEGRATIONS + "consentless/deactivate").then().statusCode(200);
        }
    }

    @Test
    void r4_3_aMappingWithNeitherEmailNorSmsIsRefused() {
        activation("no-identifier", "{}").statusCode(422)
                .body("state", is("invalid"))
                .body("problems", hasItem(containsString("neither email nor SMS")));
        assertTrue(brevo.lists().isEmpty());
    }

    @Test
    void r4_10_readOnlyUnknownAndLowerCaseAttributesAreRefusedEachByName() {
        List<String> problems = activation("bad-attributes", "{}").statusCode(422)
                .body("problems", hasSize(3)).extract().jsonPath().getList("problems", String.class);
        String all = String.join("\n", problems);
        assertTrue(all.contains("EMAIL_DOMAIN") && all.contains("read-only"), all);
        assertTrue(all.contains("FAVOURITE_COLOUR"), all);
        assertTrue(all.contains("'firstname'") && all.contains("UPPERCASE"), all);
        assertTrue(brevo.lists().isEmpty());
        assertTrue(brevo.requests().stream().anyMatch(r -> r.path().equals("/contacts/attributes")),
                "the account's attributes are read");
    }

    @Test
    void aHubSpotListThatDoesNotExistIsNamed() {
        hubspot.reset();
        activation(NEWSLETTER, "{}").statusCode(422)
                .body("problems", hasItem(containsString("HubSpot list 9001")));
        assertEquals("invalid", status().getString("state"));
        assertTrue(brevo.lists().isEmpty());
    }

    @Test
    void anUnreachableBrevoAnswers503AndChangesNothing() {
        brevo.injectFaults(new SandboxFault(503, 50, 0, 0, "/contacts/attributes"));
        activation(NEWSLETTER, "{}").statusCode(503).body("error", containsString("nothing was changed"));
        brevo.clearFaults();
        assertEquals("draft", status().getString("state"));
    }

    @Test
    void adminErrorsAreClear() {
        activation("nope", "{}").statusCode(404).body("error", containsString("brevo.integrations.nope"));
        given().contentType("application/json").body("{}").post(INTEGRATIONS + NEWSLETTER + "/activate").then()
                .statusCode(401);
        given().header("Authorization", ADMIN).contentType("application/json").body("{not json")
                .post(INTEGRATIONS + NEWSLETTER + "/activate").then().statusCode(400);
        given().header("Authorization", ADMIN).post(INTEGRATIONS + NEWSLETTER + "/resync").then().statusCode(409)
                .body("error", containsString("not active"));
        given().header("Authorization", ADMIN).contentType("application/json").body("{\"monthlyTasks\": 0}")
                .put("/admin/brevo/quota").then().statusCode(400).body("error", containsString("monthlyTasks"));
        assertEquals("draft", status().getString("state"));
    }

    private static ValidatableResponse activation(String name, String body) {
        return given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .post(INTEGRATIONS + name + "/activate").then();
    }
}
