package io.contactsync.console;

import static io.contactsync.support.Webhooks.hubspotEvent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.brevo.BrevoTestSupport;
import io.contactsync.sandbox.SandboxFault;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless browser (ConsoleBrowser), against the app on its test port and the sandbox's
 * vendors: sign-in, a contact's timeline, a dead letter replayed, a Brevo integration activated and followed, routes,
 * pause and resume. The home page comes last, with the runs of the others in its chart. With
 * {@code -Dconsole-screenshots=docs/console} each page is also saved as a PNG.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends BrevoTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PAGES = List.of("/console", "/console/contacts", "/console/dead-letters",
            "/console/integrations", "/console/integrations/newsletter", "/console/routes", "/console/dispatch");
    private static ConsoleBrowser browser;

    @BeforeAll
    static void browserInstalled() {
        ConsoleBrowser.assumeInstalled();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedIn() {
        if (browser == null) {
            browser = ConsoleBrowser.open("http://localhost:" + RestAssured.port);
        }
        browser.go("/console");
        if (browser.path().startsWith("/console/login")) {
            signIn();
        }
    }

    @Test
    @Order(1)
    void everyPageAsksForTheSignInFirstAndComesBackAfterIt() {
        for (String page : PAGES) {
            browser.driver.manage().deleteAllCookies();
            browser.go(page);
            assertTrue(browser.path().startsWith("/console/login?next="), page + " -> " + browser.path());
            assertFalse(browser.text().contains("Dead letters"), "no console data before signing in");
        }
        browser.screenshot("login");

        signIn();

        assertEquals("/console/dispatch", browser.path(), "back to the page asked for");
        Cookie session = browser.driver.manage().getCookieNamed(ConsoleSessions.COOKIE);
        assertTrue(session.isSecure() && session.isHttpOnly(), "Secure, HttpOnly");
        assertEquals("Strict", session.getSameSite());
    }

    @Test
    @Order(2)
    void aContactSyncedInTheSandboxShowsEveryRunMaskedUntilRevealed() throws Exception {
        String email = "ada.byron-" + System.nanoTime() + "@example.com";
        long id = respondio.createContactAsUser(Map.of("firstName", "Ada", "lastName", "Byron", "email", email,
                "phone", "+447911123456"));
        sendRespondio("contact.created", id);
        String hubspotId = hubspot.contactByEmail(email).orElseThrow().get("id").toString();
        Webhooks.hubspot("[" + hubspotEvent(System.nanoTime(), "contact.propertyChange", hubspotId, "INTEGRATION",
                "54321") + "]").then().statusCode(202);
        awaitInboxDrained();
        respondio.updateContactAsUser(id, Map.of("lastName", "Lovelace"));
        sendRespondio("contact.updated", id);

        browser.go("/console/contacts");
        browser.find(By.id("q")).sendKeys(email);
        browser.find(By.cssSelector("form.search button")).click();

        List<WebElement> rows = browser.await(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("table.runs tbody tr"));
            return r.size() == 3 ? r : null;
        });
        assertTrue(browser.find(By.id("records")).getText().contains(hubspotId), "the linked HubSpot record");
        assertTrue(rows.get(0).getText().contains("updated") && rows.get(0).getText().contains("lastname differed"),
                rows.get(0).getText());
        assertTrue(rows.get(1).getText().contains("hubspot-to-respondio") && rows.get(1).getText().contains("skipped"),
                "the echo of our own write, across scenarios: " + rows.get(1).getText());
        assertTrue(rows.get(2).getText().contains("created")
                && rows.get(2).getText().contains("no HubSpot contact with this email"), rows.get(2).getText());
        String table = browser.find(By.cssSelector("table.runs")).getText();
        assertTrue(table.contains(Masking.email(email)), "masked");
        assertFalse(table.contains(email), "no email before the reveal");
        assertEquals(Masking.email(email), browser.find(By.id("subject")).getText());
        browser.screenshot("contacts");

        browser.find(By.id("reveal")).click();

        browser.await(d -> d.findElement(By.cssSelector("table.runs")).getText().contains(email));
        assertTrue(browser.text().contains("this reveal was logged"));
    }

    @Test
    @Order(3)
    void aDeadLetterOfAVendorFaultIsSeenReplayedAndSucceeds() throws Exception {
        String email = uniqueEmail();
        long id = respondio.createContactAsUser(Map.of("firstName", "Dead", "lastName", "Letter", "email", email));
        hubspot.injectFaults(new SandboxFault(503, 50, 0, 0, null));
        sendRespondio("contact.created", id);
        List<Map<String, Object>> dead = given().header("Authorization", ADMIN).get("/admin/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Object inboxId = dead.get(dead.size() - 1).get("id");

        browser.go("/console/dead-letters?scenario=respondio-to-hubspot&error=503");
        WebElement row = browser.find(By.xpath("//tr[.//input[@value='" + inboxId + "']]"));
        assertTrue(row.getText().contains("503"), "the vendor's error: " + row.getText());
        browser.screenshot("dead-letters");

        hubspot.clearFaults();
        row.findElement(By.cssSelector("button[name=only]")).click();

        browser.await(d -> d.findElement(By.id("replay-state")).getText().contains("Finished"));
        String progress = browser.text();
        assertTrue(progress.contains("1 done, 0 dead again"), progress);
        assertTrue(progress.contains("created"), progress);
        browser.screenshot("replay");
        assertEquals(1, hubspot.contactCount());
    }

    @Test
    @Order(4)
    void activatingABrevoIntegrationAfterTheOptInConfirmationShowsTheInitialSyncProgress() {
        forget("consentless");
        for (int i = 0; i < 25; i++) {
            listMember(Map.of("email", uniqueEmail(), "firstname", "Member" + i));
        }
        brevo.injectFaults(new SandboxFault(0, 1, 0, 2000, "contacts/import"));

        browser.go("/console/integrations/consentless/activate");
        WebElement optIn = browser.find(By.id("optInConfirmed"));
        assertEquals("true", optIn.getDomAttribute("required"), "no activation without confirming the opt-in");
        browser.screenshot("activate");

        browser.go("/console/integrations");
        browser.screenshot("integrations");
        browser.find(By.linkText(NEWSLETTER)).click();
        browser.find(By.id("activate")).click();
        assertTrue(browser.text().contains("already confirmed (R4.2)"), "newsletter's opt-in is in its configuration");
        browser.find(By.id("confirm-activate")).click();

        String first = browser.find(By.id("integration-state")).getText() + " / "
                + browser.find(By.id("initial-sync")).getText();
        assertTrue(first.contains("starting") || first.contains("running"), "watched while it runs: " + first);
        browser.await(d -> d.findElement(By.id("initial-sync")).getText().startsWith("done"));
        assertTrue(browser.find(By.id("initial-sync")).getText().contains("25 of 25 members processed"));
        assertEquals("active", browser.find(By.id("integration-state")).getText());
        browser.screenshot("integration");
        assertEquals(25, brevoListEmails().size());
    }

    @Test
    @Order(5)
    void theRoutesPageListsRouteFilesMappingsAndTheStartupChecks() {
        browser.go("/console/routes");

        String page = browser.text();
        assertTrue(page.contains("OK Every route the app runs is loaded"), page);
        for (String expected : List.of("respondio-to-hubspot.camel.yaml", "hubspot-to-brevo-initial-sync",
                "skip-if.kamelet.yaml", "hubspot-to-respondio.jsonata", "Started")) {
            assertTrue(page.contains(expected), expected);
        }
        browser.screenshot("routes");
    }

    @Test
    @Order(6)
    void dispatchIsPausedAndResumedAfterAConfirmation() {
        browser.go("/console");
        browser.find(By.linkText("Pause…")).click();
        Boolean confirmation = browser.await(d -> browser.text().contains("Pause dispatch?"));
        assertTrue(confirmation);
        browser.screenshot("dispatch");
        browser.find(By.cssSelector("button.danger")).click();

        assertEquals("Paused", browser.find(By.id("dispatch-state")).getText());
        assertTrue(given().header("Authorization", ADMIN).get("/admin/inbox").then().extract().jsonPath()
                .getBoolean("paused"));

        browser.find(By.linkText("Resume…")).click();
        browser.find(By.cssSelector("button.danger")).click();
        assertEquals("Running", browser.find(By.id("dispatch-state")).getText());
    }

    @Test
    @Order(7)
    void anActionWithTheBrowsersSessionButWithoutTheCsrfTokenIsRefused() {
        String cookie = browser.driver.manage().getCookieNamed(ConsoleSessions.COOKIE).getValue();

        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, cookie)
                .contentType("application/x-www-form-urlencoded").formParam("all", "yes")
                .post("/console/dead-letters/replay").then().statusCode(403);
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, cookie).post("/console/dispatch/pause")
                .then().statusCode(403);
        assertFalse(given().header("Authorization", ADMIN).get("/admin/inbox").then().extract().jsonPath()
                .getBoolean("paused"));
    }

    @Test
    @Order(8)
    void theHomePageSumsUpTheLastHour() {
        browser.go("/console");

        assertEquals(60, browser.driver.findElements(By.cssSelector("figure.chart svg g")).size(), "a bar per minute");
        String summary = browser.find(By.id("chart-summary")).getText();
        assertTrue(summary.matches("(?s)[1-9]\\d* runs in the last hour, [1-9]\\d* failed.*"), summary);
        String page = browser.text();
        for (String expected : List.of("Events waiting", "Dead letters", "Running", "hubspot", "respondio", "brevo",
                "Quota")) {
            assertTrue(page.contains(expected), expected);
        }
        browser.screenshot("home");
        browser.screenshot("home-phone", ConsoleBrowser.PHONE_WIDTH);
    }

    @Test
    @Order(9)
    void everyPageFitsAPhonesWidthAndTheDesktops() {
        for (String page : PAGES) {
            browser.go(page);
            for (int width : List.of(ConsoleBrowser.PHONE_WIDTH, ConsoleBrowser.DESKTOP_WIDTH)) {
                assertTrue(browser.layoutWidthAt(width) <= width, page + " is wider than " + width
                        + " px (wide tables scroll inside their own box)");
            }
        }
    }

    private void signIn() {
        browser.find(By.id("token")).sendKeys(ConsoleSignIn.ADMIN_TOKEN);
        browser.find(By.id("operator")).sendKeys("Ada Operator");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.await(d -> !browser.path().startsWith("/console/login"));
    }

    private void sendRespondio(String type, long id) throws Exception {
        String contact = JSON.writeValueAsString(respondio.contact(id).orElseThrow());
        Webhooks.respondio(Webhooks.respondioEvent(type, "evt-" + UUID.randomUUID(), contact)).then().statusCode(202);
        awaitInboxDrained();
    }
}
