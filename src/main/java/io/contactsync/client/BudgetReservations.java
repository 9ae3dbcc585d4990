package io.contactsync.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls a route step reserved ({@link VendorBudgetStep}, the {@code vendor-budget} kamelet) for the vendor call that
 * follows it on the same thread: {@link VendorHttp} makes that call on the reservation instead of acquiring again,
 * so a call is counted once.
 */
final class BudgetReservations {

    private static final ThreadLocal<Map<String, RatePermit>> RESERVED = ThreadLocal.withInitial(HashMap::new);

    private BudgetReservations() {
    }

    static void put(RatePermit permit) {
        permit.reserved(true);
        RESERVED.get().put(permit.budget().vendor(), permit);
    }

    /** The reservation for this vendor, taken off the thread; null when there is none still usable. */
    static RatePermit take(String vendor) {
        RatePermit permit = RESERVED.get().remove(vendor);
        if (permit == null || !permit.reserved() || !permit.open()) {
            return null;
        }
        permit.reserved(false);
        return permit;
    }

    /** Takes every reservation off the thread that was not used: the caller cancels them. */
    static List<RatePermit> takeUnused() {
        List<RatePermit> unused = new ArrayList<>();
        for (RatePermit permit : RESERVED.get().values()) {
            if (permit.reserved() && permit.open()) {
                permit.reserved(false);
                unused.add(permit);
            }
        }
        RESERVED.get().clear();
        return unused;
    }
}
