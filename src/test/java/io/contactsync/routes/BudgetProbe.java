package io.contactsync.routes;

import io.contactsync.client.RateBudgets;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** What a test route reads of the budgets between its steps. */
@Singleton
@Named("budgetProbe")
public class BudgetProbe {

    @Inject
    RateBudgets budgets;

    public long calls(String vendor) {
        return budgets.get(vendor).snapshot().calls();
    }

    public long now() {
        return System.nanoTime();
    }
}
