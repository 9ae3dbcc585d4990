package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Faults waiting to be served to a simulator's API requests, in the order they were injected. */
public final class FaultInjector {

    private final List<PendingFault> pending = new ArrayList<>();
    private long served;

    public synchronized void inject(SandboxFault fault) {
        pending.add(new PendingFault(fault, fault.count()));
    }

    /** Takes one use of the first pending fault that applies to the path, if any. */
    public synchronized Optional<SandboxFault> take(String path) {
        return take(path, false);
    }

    /**
     * Like {@link #take(String)}, but only faults whose {@code pathContains} is set and matches: for endpoints a
     * fault meant for "any request" should not hit, e.g. an OAuth token endpoint.
     */
    public synchronized Optional<SandboxFault> takeNamingPath(String path) {
        return take(path, true);
    }

    private Optional<SandboxFault> take(String path, boolean onlyNamingPath) {
        for (int i = 0; i < pending.size(); i++) {
            PendingFault candidate = pending.get(i);
            if (candidate.fault().appliesTo(path)
                    && (!onlyNamingPath || candidate.fault().pathContains() != null)) {
                if (candidate.remaining() == 1) {
                    pending.remove(i);
                } else {
                    pending.set(i, new PendingFault(candidate.fault(), candidate.remaining() - 1));
                }
                served++;
                return Optional.of(candidate.fault());
            }
        }
        return Optional.empty();
    }

    /** Drops the pending faults; the served count is kept. */
    public synchronized void clear() {
        pending.clear();
    }

    /** Drops the pending faults and zeroes the served count. */
    public synchronized void reset() {
        pending.clear();
        served = 0;
    }

    public synchronized long served() {
        return served;
    }

    private record PendingFault(SandboxFault fault, int remaining) {
    }
}
