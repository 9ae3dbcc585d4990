package io.contactsync.brevo;

import static io.contactsync.support.Webhooks.hubspotEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.contactsync.sandbox.BrevoSimulator;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.support.SpecValidator;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the HubSpot list -> Brevo list tests: the "newsletter" integration (HubSpot list 9001 -> Brevo list
 * "Newsletter", opt-in confirmed, draft) starts each test as a draft that never ran, with an empty HubSpot list,
 * a fresh Brevo account and this month's quota untouched. Every request sent to Brevo is checked against its spec.
 */
public abstract class BrevoTestSupport extends SyncTestSupport {

    protected static final String NEWSLETTER = "newsletter";
    protected static final String HUBSPOT_LIST = "9001";
    private static final String ADMIN_BREVO = "/admin/brevo";
    private static final SpecValidator BREVO_SPEC = SpecValidator.brevo();
    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1000 + 500_000_000L);
    private static final List<String> STATE_TABLES = List.of("brevo_member", "brevo_initial_sync",
            "brevo_integration");

    @Inject
    protected BrevoSimulator brevo;

    @Inject
    protected TaskQuota quota;

    @Inject
    Database database;

    @BeforeEach
    void freshIntegration() {
        given().header("Authorization", ADMIN).post(ADMIN_BREVO + "/integrations/" + NEWSLETTER + "/deactivate")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !initialSyncRunning());
        awaitInboxDrained();
        forget(NEWSLETTER);
        Jdbc.inTransaction(database, c -> {
            Jdbc.update(c, "DELETE FROM brevo_quota");
            Jdbc.update(c, "DELETE FROM brevo_notice");
            return null;
        });
        quota.setClock(Clock.systemUTC());
        brevo.reset();
        hubspot.createList(HUBSPOT_LIST, "Newsletter members");
    }

    @AfterEach
    void brevoRequestsMatchTheSpec() {
        awaitInboxDrained();
        BREVO_SPEC.assertValid(brevo.requests());
    }

    /** Other test classes share the app: they must not see an active integration. */
    @AfterEach
    void backToDraft() {
        given().header("Authorization", ADMIN).post(ADMIN_BREVO + "/integrations/" + NEWSLETTER + "/deactivate")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !initialSyncRunning());
    }

    /** Deactivates an integration and forgets what it went through (stored opt-in, members, initial sync). */
    protected void forget(String integration) {
        given().header("Authorization", ADMIN).post(ADMIN_BREVO + "/integrations/" + integration + "/deactivate")
                .then().statusCode(200);
        Jdbc.inTransaction(database, c -> {
            for (String table : STATE_TABLES) {
                String column = table.equals("brevo_integration") ? "name" : "integration";
                Jdbc.update(c, "DELETE FROM " + table + " WHERE " + column + " = ?", integration);
            }
            return null;
        });
    }

    /** A HubSpot contact created by a user and put in the integration's list; returns its id. */
    protected String listMember(Map<String, String> properties) {
        String id = hubspot.createContactAsUser(properties);
        hubspot.addToList(HUBSPOT_LIST, List.of(id));
        return id;
    }

    /** Activates the newsletter integration and waits for its initial sync to finish. */
    protected JsonPath activate() {
        JsonPath status = given().header("Authorization", ADMIN).contentType("application/json").body("{}")
                .post(ADMIN_BREVO + "/integrations/" + NEWSLETTER + "/activate").then().statusCode(200)
                .extract().jsonPath();
        awaitInitialSyncDone();
        awaitInboxDrained();
        return status;
    }

    protected void awaitInitialSyncDone() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !initialSyncRunning());
        JsonPath status = status();
        if (!"done".equals(status.getString("initialSync.state"))) {
            throw new AssertionError("initial sync did not finish: " + status.getMap("initialSync"));
        }
    }

    /** Reads the HubSpot list now (as the periodic poll would) and applies what changed. */
    protected JsonPath poll() {
        JsonPath changes = given().header("Authorization", ADMIN)
                .post(ADMIN_BREVO + "/integrations/" + NEWSLETTER + "/poll").then().statusCode(200).extract()
                .jsonPath();
        awaitInboxDrained();
        return changes;
    }

    /** A HubSpot webhook telling that a property of the contact changed (changed by a user in HubSpot). */
    protected void propertyChanged(String contactId) {
        Webhooks.hubspot("[" + hubspotEvent(EVENT_IDS.incrementAndGet(), "contact.propertyChange", contactId,
                "CRM_UI", "userId:1") + "]").then().statusCode(202);
        awaitInboxDrained();
    }

    protected static JsonPath status() {
        return given().header("Authorization", ADMIN).get(ADMIN_BREVO + "/integrations/" + NEWSLETTER).then()
                .statusCode(200).extract().jsonPath();
    }

    protected long brevoListId() {
        return status().getLong("brevoListId");
    }

    protected List<String> brevoListEmails() {
        return brevo.listMembers(brevoListId());
    }

    protected Map<String, Object> brevoContact(String email) {
        return brevo.contactByEmail(email).orElseThrow(() -> new AssertionError("no Brevo contact " + email));
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> brevoAttributes(String email) {
        return (Map<String, Object>) brevoContact(email).get("attributes");
    }

    /** The newest hubspot-to-brevo run of the contact. */
    protected static Map<String, Object> lastBrevoRun(String email) {
        return brevoRuns(email).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no hubspot-to-brevo run recorded for " + email));
    }

    protected static List<Map<String, Object>> brevoRuns(String email) {
        return runsOf(email).stream()
                .filter(run -> (BrevoIntegrations.SCENARIO + "/" + NEWSLETTER).equals(run.get("scenario"))).toList();
    }

    protected static JsonPath quotaUsage() {
        return given().header("Authorization", ADMIN).get(ADMIN_BREVO + "/quota").then().statusCode(200).extract()
                .jsonPath();
    }

    protected static void setQuotaLimit(long limit) {
        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("monthlyTasks", limit))
                .put(ADMIN_BREVO + "/quota").then().statusCode(200);
    }

    protected static String uniqueEmail() {
        return "brevo-" + EVENT_IDS.incrementAndGet() + "@example.org";
    }

    private static boolean initialSyncRunning() {
        return "running".equals(status().getString("initialSync.state"));
    }
}
