package io.contactsync.brevo;

import java.util.ArrayList;
import java.util.List;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * R4.5: members whose write waited for quota are sent again once tasks are available (a raised limit or a new
 * month): each becomes an inbox event, in the transaction that clears its waiting mark.
 */
@ApplicationScoped
@Named("brevoQuotaBacklog")
@RegisterForReflection
public class QuotaBacklog {

    private static final int BATCH = 1000;

    @Inject
    TaskQuota quota;

    @Inject
    BrevoMembers members;

    @Inject
    InboxWriter inbox;

    @Inject
    Database database;

    /** Returns how many waiting members were queued again. */
    public int resume() {
        if (quota.usage().exhausted()) {
            return 0;
        }
        long at = System.currentTimeMillis();
        int resumed = Jdbc.inTransaction(database, c -> {
            List<InboxEvent> events = new ArrayList<>();
            for (String[] waiting : members.deferred(c, BATCH)) {
                events.add(ListEvents.of(ListEvents.RESUMED, waiting[0], waiting[1], at));
                members.undefer(c, waiting[0], waiting[1]);
            }
            InboxWriter.appendWithin(c, events);
            return events.size();
        });
        if (resumed > 0) {
            inbox.wakeDispatcher();
        }
        return resumed;
    }
}
