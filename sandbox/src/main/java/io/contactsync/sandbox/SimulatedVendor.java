package io.contactsync.sandbox;

import java.util.List;

/** What tests and the control API see of every simulated vendor besides its contacts: requests, faults, calls. */
public interface SimulatedVendor {

    SimulatorInstruments instruments();

    /** The API requests received since the last reset (the newest {@link SandboxJournal#CAPACITY}), oldest first. */
    default List<RecordedRequest> requests() {
        return instruments().journal().requests();
    }

    default void clearRequests() {
        instruments().journal().clear();
    }

    default void injectFaults(SandboxFault fault) {
        instruments().faults().inject(fault);
    }

    default void clearFaults() {
        instruments().faults().clear();
    }

    /** How many API requests were answered with (or delayed by) an injected fault since the last reset. */
    default long faultsServed() {
        return instruments().faults().served();
    }

    /** How many API requests were received since the last reset. */
    default long apiCallCount() {
        return instruments().apiCalls();
    }
}
