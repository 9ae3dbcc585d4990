package io.contactsync.client;

import io.contactsync.client.salesforce.SalesforceAllowance;
import io.contactsync.client.salesforce.SalesforcePausedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The {@code vendor-budget} kamelet's step (kamelets/vendor-budget.kamelet.yaml): waits until the named vendor
 * budget grants a call and reserves it for the vendor call the route makes next on this thread, so the exchange
 * waits here, in the route, not inside the Java client. The client makes its first call to that vendor on the
 * reservation; any further call of the same step (a second page, a retry after a 429) acquires as usual. A
 * reservation the step ends up not using (data already prefetched) goes back to the budget at the next reservation
 * on the thread, or when the run ends ({@link #releaseUnused()}, called by the scenario runner), whichever is first.
 * <p>
 * The {@code salesforce} budget is the org's daily allowance ({@link SalesforceAllowance}): nothing to wait for within
 * a second, so the step reserves nothing and only stops the run when the allowance is paused (the event then waits,
 * pending, until the pause ends); the connector counts each call as it sends it.
 */
@ApplicationScoped
@Named("vendorBudget")
public class VendorBudgetStep {

    public static final String SALESFORCE = "salesforce";

    @Inject
    RateBudgets budgets;

    @Inject
    SalesforceAllowance salesforce;

    /** {@code batched}: the next call is shared with other contacts and draws from the budget when it is sent. */
    public void reserve(String budget, boolean batched) throws InterruptedException {
        if (SALESFORCE.equals(budget)) {
            SalesforceAllowance.Status allowance = salesforce.recentStatus();
            if (allowance.paused()) {
                throw new SalesforcePausedException(allowance.pausedUntil(), allowance.reason());
            }
            return;
        }
        RateBudget vendor = budgets.get(budget);
        releaseUnused();
        if (batched) {
            return;
        }
        BudgetReservations.put(budgets.acquire(vendor));
    }

    /** Gives back the reservations of this thread that no call used. */
    public void releaseUnused() {
        for (RatePermit unused : BudgetReservations.takeUnused()) {
            budgets.cancel(unused);
        }
    }
}
