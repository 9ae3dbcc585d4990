package io.contactsync.scenario;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.support.SyncTestSupport;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

/**
 * R5.4: with both simulators sending webhooks for every change, contact-sync's own writes included (as the real
 * vendors do), changes in both directions produce exactly one write each and no echo.
 */
@QuarkusTest
class NoEchoLoopTest extends SyncTestSupport {

    private static final int CONTACTS = 5;

    @Test
    void updatesInBothDirectionsProduceNoEchoWrites() {
        hubspot.setWebhooksEnabled(true);
        respondio.setWebhooksEnabled(true);
        List<Long> respondioIds = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String email = RespondioToHubSpotTest.uniqueEmail();
            emails.add(email);
            respondioIds.add(respondio.createContactAsUser(Map.of("firstName", "Loop" + i, "email", email)));
        }
        awaitQuiet();
        assertEquals(CONTACTS, hubspot.contactCount(), "created in HubSpot");

        for (String email : emails) {
            String id = String.valueOf(hubspot.contactByEmail(email).orElseThrow().get("id"));
            hubspot.updateContactAsUser(id, Map.of("lastname", "FromHubSpot"));
        }
        awaitQuiet();
        for (long id : respondioIds) {
            respondio.updateContactAsUser(id, Map.of("firstName", "FromRespondio"));
        }
        awaitQuiet();

        for (String email : emails) {
            assertEquals("FromHubSpot", respondio.contactByEmail(email).orElseThrow().get("lastName"));
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) hubspot.contactByEmail(email).orElseThrow().get("properties");
            assertEquals("FromRespondio", props.get("firstname"));
        }
        assertEquals(CONTACTS, hubspot.contactCount());
        assertEquals(CONTACTS, respondio.contactCount());
        assertEquals(CONTACTS, batchInputs(hubspot.requests(), "/batch/upsert"), "HubSpot creates: one per contact");
        assertEquals(CONTACTS, batchInputs(hubspot.requests(), "/batch/update"),
                "HubSpot updates: one per respond.io change");
        assertEquals(0, writes(hubspot.requests(), "PATCH") + hubspot.requests().stream()
                .filter(r -> r.path().equals("/crm/v3/objects/contacts")).count(), "HubSpot writes go in batches");
        assertEquals(CONTACTS, writes(respondio.requests(), "PUT"), "respond.io updates: one per HubSpot change");
        assertEquals(0, writes(respondio.requests(), "POST"), "no respond.io create: every contact already existed");
    }

    /** The contacts written by the batch calls whose path ends so (each call's inputs). */
    private static long batchInputs(List<RecordedRequest> requests, String pathEnd) {
        return requests.stream().filter(r -> r.path().endsWith(pathEnd)).mapToLong(r -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("inputs").size();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).sum();
    }

    private static long writes(List<RecordedRequest> requests, String method) {
        return requests.stream().filter(r -> r.method().equals(method) && !r.path().endsWith("/batch/read")
                && !r.path().startsWith("/contact/list") && !r.path().endsWith("/search")).count();
    }

    /** The inbox stays empty for a while: the vendors' webhooks (sent asynchronously) have all been handled. */
    private static void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        awaitInboxDrained();
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }
}
