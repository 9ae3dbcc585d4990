package io.contactsync.client.salesforce;

import io.contactsync.store.Database;
import io.quarkus.arc.Arc;
import io.contactsync.store.Jdbc;

/**
 * Tests start from an allowance with no calls counted, no usage reported and no pause (also in the app's memory: the
 * routes' pacing step trusts a status read in the last second).
 */
public final class SalesforceAllowanceState {

    private SalesforceAllowanceState() {
    }

    public static void clear(Database database) {
        Jdbc.inTransaction(database, c -> {
            Jdbc.update(c, "DELETE FROM salesforce_api_hour");
            Jdbc.update(c, "UPDATE salesforce_allowance SET org_used = NULL, org_limit = NULL, observed_at = NULL,"
                    + " paused_until = NULL, pause_reason = NULL");
            return null;
        });
        Arc.container().instance(SalesforceAllowance.class).get().status();
    }
}
