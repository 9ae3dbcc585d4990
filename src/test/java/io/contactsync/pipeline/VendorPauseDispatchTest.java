package io.contactsync.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.contactsync.client.salesforce.SalesforcePausedException;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxRepository;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.sync.Decision;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An event whose scenario meets a paused vendor stays pending, says why, is not taken again before the pause ends
 * (no spinning), is never a dead letter, and is applied once the pause is over.
 */
@QuarkusTest
class VendorPauseDispatchTest {

    @Inject
    InboxWriter writer;

    @Inject
    InboxRepository inbox;

    @Inject
    Database database;

    @Test
    void aPausedVendorKeepsTheEventPendingUntilThePauseEnds() {
        Instant until = Instant.now().plusMillis(1500);
        AtomicInteger runs = new AtomicInteger();
        QuarkusMock.installMockForType(new ScenarioRunner() {
            @Override
            public SyncRun run(InboxEvent event, String scenario, String instance, Map<String, Object> prefetched,
                    boolean behind) {
                if (runs.incrementAndGet() == 1) {
                    throw new SalesforcePausedException(until, "test pause");
                }
                return new SyncRun(event.id(), scenario, "test", event.eventId(), null, null, Decision.SKIPPED,
                        "after the pause", null, 0, 0);
            }
        }, ScenarioRunner.class);
        String eventId = "pause-" + UUID.randomUUID();

        writer.append(List.of(InboxEvent.accepted("respondio", eventId, "contact.updated", "pause@example.org",
                "{\"event_type\":\"contact.updated\"}")));
        long id = Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT id FROM inbox_event WHERE event_id = ?",
                rs -> rs.getLong(1), eventId).get(0));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1
                && String.valueOf(inbox.statuses(List.of(id)).get(id).get("error")).startsWith("waiting until"));
        Map<String, Object> waiting = inbox.statuses(List.of(id)).get(id);
        assertEquals("PENDING", waiting.get("status"));
        assertEquals(0, ((Number) waiting.get("attempts")).intValue(), "waiting is not a failed attempt");
        assertTrue(String.valueOf(waiting.get("error")).contains("salesforce calls are paused until " + until),
                String.valueOf(waiting.get("error")));
        Awaitility.await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertEquals(1, runs.get(), "not taken again during the pause");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "DONE".equals(
                inbox.statuses(List.of(id)).get(id).get("status")));
        assertTrue(Instant.now().isAfter(until));
        assertEquals(1 + scenariosOfRespondio(), runs.get());
    }

    @Inject
    SyncConfig config;

    private int scenariosOfRespondio() {
        return config.scenarios().respondio().size();
    }
}
