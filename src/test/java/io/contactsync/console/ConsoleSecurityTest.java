package io.contactsync.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console over plain HTTP: nothing shown or changed without signing in, the session cookie's attributes, CSRF on
 * every action, and a reveal logged without the value. No browser needed.
 */
@QuarkusTest
class ConsoleSecurityTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/contacts", "/console/contacts?q=ada%40example.com",
            "/console/dead-letters", "/console/dead-letters/replays/1", "/console/integrations",
            "/console/integrations/newsletter", "/console/integrations/newsletter/activate",
            "/console/integrations/newsletter/deactivate", "/console/routes", "/console/dispatch"})
    void everyPageRedirectsToTheSignInWithoutASession(String page) {
        Response answer = given().redirects().follow(false).get(page);
        assertEquals(303, answer.statusCode(), page);
        assertTrue(answer.header("Location").contains("/console/login?next="), answer.header("Location"));
        assertFalse(answer.asString().contains("<table"), "no data before signing in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/dispatch/pause", "/console/dead-letters/replay", "/console/contacts/reveal",
            "/console/integrations/newsletter/activate", "/console/integrations/newsletter/deactivate",
            "/console/logout"})
    void everyActionIsRefusedWithoutASession(String action) {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("all", "yes")
                .formParam("q", "ada@example.com").post(action).then().statusCode(303)
                .header("Location", containsString("/console/login"));
        assertFalse(paused(), "nothing changed");
    }

    @Test
    void aForgedOrOutdatedCookieIsNoSession() {
        ConsoleSignIn session = ConsoleSignIn.as("Tess");
        String forged = session.cookie().substring(0, session.cookie().length() - 2) + "xx";
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, forged).get("/console").then().statusCode(303);
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, "a.1.b.c").get("/console").then()
                .statusCode(303);
    }

    @Test
    void theSignInNeedsTheAdminTokenAndSetsAStrictSecureHttpOnlyCookie() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", "wrong").post("/console/login").then().statusCode(401)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue()).body(containsString("not the admin token"));

        Response signIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", ConsoleSignIn.ADMIN_TOKEN).formParam("next", "/console/routes")
                .post("/console/login");
        assertEquals(303, signIn.statusCode());
        assertTrue(signIn.header("Location").endsWith("/console/routes"), "back to the page asked for");
        Cookie cookie = signIn.getDetailedCookie(ConsoleSessions.COOKIE);
        assertTrue(cookie.isSecured(), "Secure");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/console", cookie.getPath());
    }

    @Test
    void theSignInNeverSendsAnOperatorToAnotherSite() {
        for (String next : List.of("https://evil.example/console", "//evil.example/console", "/\\evil.example")) {
            Response signIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("token", ConsoleSignIn.ADMIN_TOKEN).formParam("next", next).post("/console/login");
            assertTrue(signIn.header("Location").endsWith("/console"), next + " -> " + signIn.header("Location"));
        }
    }

    @Test
    void anActionWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        ConsoleSignIn session = ConsoleSignIn.as("Tess");

        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("confirm", "yes")
                .post("/console/dispatch/pause").then().statusCode(403).body(containsString("CSRF"));
        assertFalse(paused());
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", "not-the-token")
                .post("/console/dispatch/pause").then().statusCode(403);
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session.cookie())
                .post("/console/dispatch/pause").then().statusCode(403);
        assertFalse(paused());

        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrf())
                .post("/console/dispatch/pause").then().statusCode(303);
        assertTrue(paused(), "with the token, the action is taken");
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", session.csrf())
                .post("/console/dispatch/resume").then().statusCode(303);
        assertFalse(paused());
    }

    @Test
    void theCsrfTokenOfOneSessionIsNotAnothersAndSigningOutNeedsItToo() {
        ConsoleSignIn tess = ConsoleSignIn.as("Tess");
        ConsoleSignIn other = ConsoleSignIn.as("Other");
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, tess.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", other.csrf())
                .post("/console/dispatch/pause").then().statusCode(403);
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, tess.cookie())
                .contentType("application/x-www-form-urlencoded").post("/console/logout").then().statusCode(403);
        given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, tess.cookie())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", tess.csrf())
                .post("/console/logout").then().statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));
        assertFalse(paused());
    }

    @Test
    void pagesAreNotCachedNorFramedAndAreNoPartOfTheApi() {
        given().header("Authorization", ADMIN).get("/console").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
        given().redirects().follow(false).get("/console/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        given().get("/q/openapi").then().statusCode(200).body(not(containsString("/console")));
    }

    @Test
    void theAdminBearerTokenOpensTheConsoleToo() {
        given().header("Authorization", ADMIN).get("/console/routes").then().statusCode(200)
                .body(containsString("respondio-to-hubspot"));
        given().redirects().follow(false).header("Authorization", "Bearer wrong").get("/console").then()
                .statusCode(303);
    }

    @Test
    void emailsAreMaskedUntilRevealedAndTheRevealIsLoggedWithoutTheValue() throws Exception {
        String email = "console-" + UUID.randomUUID() + "@example.com";
        long id = respondio.createContactAsUser(Map.of("firstName", "Mask", "email", email, "phone",
                "+447911123999"));
        Webhooks.respondio(Webhooks.respondioEvent("contact.created", "evt-" + UUID.randomUUID(),
                JSON.writeValueAsString(respondio.contact(id).orElseThrow()))).then().statusCode(202);
        awaitInboxDrained();
        ConsoleSignIn session = ConsoleSignIn.as("Tess");

        String masked = given().cookie(ConsoleSessions.COOKIE, session.cookie()).queryParam("q", email)
                .get("/console/contacts").then().statusCode(200).extract().asString();
        assertTrue(masked.contains(Masking.email(email)), "masked in the timeline");
        assertEquals(2, occurrences(masked, email),
                "only where the operator typed it: the search field, and the reveal form's hidden copy of it");

        List<String> audit = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                audit.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.contactsync.console.audit");
        logger.addHandler(capture);
        try {
            given().cookie(ConsoleSessions.COOKIE, session.cookie()).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf", session.csrf()).formParam("q", email).post("/console/contacts/reveal").then()
                    .statusCode(200).body(containsString("<td>" + email + "</td>"));
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, audit.size(), audit.toString());
        assertTrue(audit.get(0).contains("'Tess'") && audit.get(0).contains("revealed")
                && audit.get(0).contains(ConsoleAudit.hash(email)), audit.get(0));
        assertFalse(audit.get(0).contains(email) || audit.get(0).contains("Mask") || audit.get(0).contains("7911"),
                "never the value: " + audit.get(0));

        given().cookie(ConsoleSessions.COOKIE, session.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("q", email).post("/console/contacts/reveal").then().statusCode(403)
                .body(not(containsString(email)));
    }

    @Test
    void maskingKeepsVendorIdsReadable() {
        assertEquals("a***@example.com", Masking.email("ada@example.com"));
        assertEquals("respond.io contact 5001 has +44********56 and a***@example.org",
                Masking.text("respond.io contact 5001 has +447911123456 and ada@example.org"));
    }

    private static boolean paused() {
        return given().header("Authorization", ADMIN).get("/admin/inbox").then().extract().jsonPath()
                .getBoolean("paused");
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
