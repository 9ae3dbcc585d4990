package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void servesEachFaultCountTimesToMatchingPathsOnly() {
        FaultInjector faults = new FaultInjector();
        faults.inject(new SandboxFault(429, 2, 1, 0, "/batch/"));

        assertTrue(faults.take("/crm/v3/objects/contacts/1001").isEmpty());
        assertEquals(429, faults.take("/crm/v3/objects/contacts/batch/read").orElseThrow().status());
        assertEquals(429, faults.take("/crm/v3/objects/contacts/batch/upsert").orElseThrow().status());
        assertTrue(faults.take("/crm/v3/objects/contacts/batch/read").isEmpty());
        assertEquals(2, faults.served());
    }

    @Test
    void clearDropsPendingFaultsButResetAlsoZeroesTheCount() {
        FaultInjector faults = new FaultInjector();
        faults.inject(new SandboxFault(503, 5, 0, 0, null));
        faults.take("/contact/id:1");

        faults.clear();
        assertTrue(faults.take("/contact/id:1").isEmpty());
        assertEquals(1, faults.served());
        faults.reset();
        assertEquals(0, faults.served());
    }

    @Test
    void slowAnswerFaultsNeedADelay() {
        assertFalse(new SandboxFault(0, 1, 0, 200, null).replacesAnswer());
        assertThrows(IllegalArgumentException.class, () -> new SandboxFault(0, 1, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new SandboxFault(429, 0, 1, 0, null));
    }
}
