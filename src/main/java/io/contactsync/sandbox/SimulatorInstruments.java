package io.contactsync.sandbox;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** What a simulator watches and steers besides its contacts: journal, faults, rate limit and call counter. */
final class SimulatorInstruments {

    private final SandboxJournal journal = new SandboxJournal();
    private final FaultInjector faults = new FaultInjector();
    private final RequestRateLimiter rateLimiter;
    private final AtomicLong apiCalls = new AtomicLong();

    SimulatorInstruments(int rateLimitPerWindow, long windowMillis) {
        this.rateLimiter = new RequestRateLimiter(rateLimitPerWindow, windowMillis, Clock.systemUTC());
    }

    SandboxJournal journal() {
        return journal;
    }

    FaultInjector faults() {
        return faults;
    }

    RequestRateLimiter rateLimiter() {
        return rateLimiter;
    }

    void countApiCall() {
        apiCalls.incrementAndGet();
    }

    long apiCalls() {
        return apiCalls.get();
    }

    void reset() {
        journal.clear();
        faults.reset();
        rateLimiter.reset();
        apiCalls.set(0);
    }
}
