package io.contactsync.client.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.contactsync.store.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two allowances on one database, as two replicas have them: together they use at most the share (20 % of the
 * allocation Salesforce reported), then both pause until the oldest calls leave the rolling 24 hours.
 */
@QuarkusTest
class SalesforceAllowanceSharingTest {

    @Inject
    SalesforceAllowance replicaA;

    @Inject
    SalesforceConfig config;

    @Inject
    Database database;

    private SalesforceAllowance replicaB;

    @BeforeEach
    void twoReplicas() {
        SalesforceAllowanceState.clear(database);
        replicaB = new SalesforceAllowance();
        replicaB.config = config;
        replicaB.database = database;
    }

    @AfterEach
    void realTime() {
        replicaA.setClock(Clock.systemUTC());
        SalesforceAllowanceState.clear(database);
    }

    @Test
    void theShareIsCountedOverEveryReplicaAndFreesUpAsTheWindowRolls() {
        at("2026-03-01T10:30:00Z");
        replicaA.observe("api-usage=40/100");
        for (int i = 0; i < 15; i++) {
            replicaA.acquire();
        }
        at("2026-03-01T11:30:00Z");
        for (int i = 0; i < 5; i++) {
            replicaB.acquire();
        }

        SalesforcePausedException paused = assertThrows(SalesforcePausedException.class, replicaA::acquire);
        assertThrows(SalesforcePausedException.class, replicaB::acquire);

        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), paused.until(), "when the 10:00 hour leaves the window");
        SalesforceAllowance.Status status = replicaB.status();
        assertEquals(20, status.calls24h(), "paused calls are not counted");
        assertEquals(20L, status.share());
        assertEquals(100L, status.org().limit());
        assertTrue(status.paused());
        assertTrue(status.reason().contains("20 calls in the last 24 hours, share 20 (20 % of 100)"), status.reason());

        at("2026-03-02T09:59:59Z");
        assertThrows(SalesforcePausedException.class, replicaB::acquire);
        at("2026-03-02T10:00:00Z");
        replicaB.acquire();
        assertEquals(6, replicaA.status().calls24h(), "the 11:30 calls and this one");
        assertFalse(replicaA.status().paused());
    }

    @Test
    void withoutAReportedAllocationNothingPauses() {
        at("2026-03-01T10:30:00Z");
        for (int i = 0; i < 30; i++) {
            replicaA.acquire();
        }
        assertEquals(30, replicaB.status().calls24h());
        assertFalse(replicaB.status().paused());
    }

    private void at(String instant) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        replicaA.setClock(clock);
        replicaB.setClock(clock);
    }
}
