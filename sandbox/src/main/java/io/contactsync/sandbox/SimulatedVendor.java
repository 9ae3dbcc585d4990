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

    /** Enforces a sliding window of this many calls from now on, as the vendor publishes it (0 = unthrottled). */
    default void limitRate(int perWindow) {
        instruments().limitRate(perWindow);
    }

    /**
     * Whether answers carry the vendor's rate-limit headers (the default); without them a 429 says nothing about
     * the limit or when to come back, as HubSpot's search endpoints answer.
     */
    default void sendRateHeaders(boolean send) {
        instruments().sendRateHeaders(send);
    }

    /** How many API requests were received since the last reset. */
    default long apiCallCount() {
        return instruments().apiCalls();
    }
}
