package io.contactsync.pacing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.respondio.RespondioClient;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app configured far above the vendor's real limit (respond.io 10,000 per second in the test profile) against a
 * simulated respond.io that enforces 5 calls in any second, under load: a first burst of webhooks goes out at once on
 * as many lanes, before any answer can teach the budget anything, and the budget learns the real limit from it (from
 * the rate headers or, without them, from the 429s); in the next burst fewer than 1 % of the calls are refused; no
 * contact is lost or written twice. The operator sees the learned limit and
 * the 429s in GET /admin/rate-budgets and in the metrics.
 */
@QuarkusTest
class PacingUnderVendorLimitsTest extends SyncTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The burst that teaches the budget (its calls leave together, before any answer) and the measured one. */
    private static final int LEARNING_CONTACTS = 16;
    private static final int CONTACTS = 100;

    @Inject
    RespondioClient respondioClient;

    @BeforeEach
    void startUnthrottled() {
        unthrottledAndRelearned();
        respondio.reset();
    }

    /** The simulator back to unthrottled, and one call so that the budget learns it (the other tests share it). */
    @AfterEach
    void unthrottledAndRelearned() {
        respondio.limitRate(0);
        respondio.sendRateHeaders(true);
        respondioClient.get("1");
    }

    @Test
    void theLimitInTheRateHeadersIsLearnedAndHonoured() throws Exception {
        respondio.limitRate(5);
        long respondioBefore = budgetCalls("respondio");
        long hubspotBefore = budgetCalls("hubspot");
        List<String> emails = new ArrayList<>(syncABurst(LEARNING_CONTACTS));
        int learningCalls = respondio.requests().size();
        emails.addAll(syncABurst(CONTACTS));

        assertContactsWrittenOnce(emails);
        List<RecordedRequest> calls = respondio.requests();
        assertEquals(calls.size(), budgetCalls("respondio") - respondioBefore, "every call counted once, 429s too");
        assertEquals(hubspot.requests().size(), budgetCalls("hubspot") - hubspotBefore,
                "the route steps' reservations were the calls the client made");
        assertFewTooManyRequestsAfterLearning(calls, learningCalls);

        JsonPath budget = given().header("Authorization", ADMIN).get("/admin/rate-budgets").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(5, budget.getInt("find { it.vendor == 'respondio' }.learnedPerWindow"));
        assertEquals(5, budget.getInt("find { it.vendor == 'respondio' }.maxPerWindow"));
        assertEquals(10_000, budget.getInt("find { it.vendor == 'respondio' }.configuredPerWindow"));
        assertEquals(1000, budget.getLong("find { it.vendor == 'respondio' }.windowMillis"));
        long refused = calls.stream().filter(r -> r.status() == 429).count();
        assertTrue(budget.getLong("find { it.vendor == 'respondio' }.tooManyRequests") >= refused);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("contactsync_rate_budget_limit{vendor=\"respondio\"} 5.0"), "limit in metrics");
        assertTrue(metrics.contains("contactsync_rate_budget_configured_limit{vendor=\"respondio\"} 10000.0"));
        assertTrue(metrics.contains("contactsync_rate_budget_too_many_requests_total{vendor=\"respondio\"}"));
        assertTrue(metrics.contains("contactsync_rate_budget_remaining{vendor=\"hubspot\"}"));
    }

    @Test
    void withoutRateHeadersThe429sTeachTheLimit() throws Exception {
        respondio.limitRate(5);
        respondio.sendRateHeaders(false);
        List<String> emails = new ArrayList<>(syncABurst(LEARNING_CONTACTS));
        int learningCalls = respondio.requests().size();
        emails.addAll(syncABurst(CONTACTS));

        assertContactsWrittenOnce(emails);
        assertFewTooManyRequestsAfterLearning(respondio.requests(), learningCalls);
        JsonPath budget = given().header("Authorization", ADMIN).get("/admin/rate-budgets").then().statusCode(200)
                .extract().jsonPath();
        int limit = budget.getInt("find { it.vendor == 'respondio' }.maxPerWindow");
        // from the configured 10,000 down to about what the vendor accepted (5 per second): a window edge may count
        // one more accepted call, and each 30 quiet windows grow the limit back by a tenth (at least one call)
        assertTrue(limit >= 1 && limit <= 7, "backed off to about what the vendor accepted (5): " + limit);
    }

    private static long budgetCalls(String vendor) {
        return given().header("Authorization", ADMIN).get("/admin/rate-budgets").then().statusCode(200).extract()
                .jsonPath().getLong("find { it.vendor == '" + vendor + "' }.calls");
    }

    /** Respond.io contacts created by users, and their contact.created webhooks all at once. */
    private List<String> syncABurst(int contacts) throws Exception {
        List<String> emails = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            String email = "pace-" + UUID.randomUUID() + "@example.com";
            emails.add(email);
            ids.add(respondio.createContactAsUser(Map.of("firstName", "Pace" + i, "email", email)));
        }
        long deadBefore = deadLetterCount();
        for (long id : ids) {
            // a copy of the contact without a field the sync reads: every event reads respond.io (one call each)
            Map<String, Object> partial = new java.util.LinkedHashMap<>(respondio.contact(id).orElseThrow());
            partial.remove("phone");
            String contact = JSON.writeValueAsString(partial);
            Webhooks.respondio(Webhooks.respondioEvent("contact.created", "evt-" + UUID.randomUUID(), contact)).then()
                    .statusCode(202);
        }
        awaitInboxDrained();
        assertEquals(deadBefore, deadLetterCount(), "no run gave up");
        return emails;
    }

    private void assertContactsWrittenOnce(List<String> emails) {
        assertEquals(emails.size(), hubspot.contactCount(), "every contact written, none twice");
        Set<String> written = new HashSet<>();
        for (Map<String, Object> contact : hubspot.contacts()) {
            written.add(String.valueOf(((Map<?, ?>) contact.get("properties")).get("email")));
        }
        assertEquals(new HashSet<>(emails), written);
    }

    private static void assertFewTooManyRequestsAfterLearning(List<RecordedRequest> calls, int learningCalls) {
        assertTrue(calls.size() >= LEARNING_CONTACTS + CONTACTS, "a respond.io read per contact: " + calls.size());
        List<RecordedRequest> afterLearning = calls.subList(learningCalls, calls.size());
        long refused = afterLearning.stream().filter(r -> r.status() == 429).count();
        System.out.printf("respond.io at 5/s: %d calls, %d answered 429, %d of them after the first burst's %d calls%n",
                calls.size(), calls.stream().filter(r -> r.status() == 429).count(), refused, learningCalls);
        assertTrue(refused * 100 < afterLearning.size(),
                refused + " of " + afterLearning.size() + " calls after the first burst answered 429");
    }
}
