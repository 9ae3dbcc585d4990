package io.contactsync.brevo;

import java.util.ArrayList;
import java.util.List;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.client.hubspot.HubSpotClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

/**
 * HubSpot sends no webhook when a contact enters or leaves a list, so each active integration's list members are
 * read (250 per call) and compared with the last members seen: newcomers and leavers become inbox events, stored in
 * the same transaction as the new membership, so none is lost or doubled.
 */
@ApplicationScoped
@Named("brevoMembershipPoller")
@RegisterForReflection
public class MembershipPoller {

    private static final Logger LOG = Logger.getLogger(MembershipPoller.class);

    @Inject
    BrevoIntegrations integrations;

    @Inject
    InitialSync initialSync;

    @Inject
    HubSpotClient hubspot;

    @Inject
    BrevoMembers members;

    @Inject
    InboxWriter inbox;

    @Inject
    Database database;

    public record Changes(int entered, int left) {
    }

    /** Polls every active integration whose initial sync is not running; returns the number of changes found. */
    public int pollAll() {
        int changes = 0;
        for (Integration integration : List.copyOf(integrations.activeIntegrations())) {
            if (initialSync.running(integration.name())) {
                continue;
            }
            try {
                Changes c = poll(integration);
                changes += c.entered() + c.left();
            } catch (RuntimeException e) {
                LOG.warnf("Brevo integration %s: reading HubSpot list %s failed: %s", integration.name(),
                        integration.hubspotListId(), e.getMessage());
            }
        }
        return changes;
    }

    public Changes poll(Integration integration) {
        List<String> now = hubspot.listMembers(integration.hubspotListId());
        long at = System.currentTimeMillis();
        Changes changes = Jdbc.inTransaction(database, c -> {
            BrevoMembers.MembershipChange change = members.recordMembership(c, integration.name(), now);
            List<InboxEvent> events = new ArrayList<>();
            change.entered().forEach(id -> events.add(ListEvents.of(ListEvents.ENTERED, integration.name(), id, at)));
            change.left().forEach(id -> events.add(ListEvents.of(ListEvents.LEFT, integration.name(), id, at)));
            InboxWriter.appendWithin(c, events);
            return new Changes(change.entered().size(), change.left().size());
        });
        if (changes.entered() + changes.left() > 0) {
            inbox.wakeDispatcher();
            LOG.infof("Brevo integration %s: %d contacts entered and %d left HubSpot list %s", integration.name(),
                    changes.entered(), changes.left(), integration.hubspotListId());
        }
        return changes;
    }
}
