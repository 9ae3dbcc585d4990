package io.contactsync.sync;

import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncVariables.*;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

/**
 * Remembers, after a sync, which records are the same person and what both sides look like now. The next
 * event from either side is compared with that: an echo of this platform's own write shows no change.
 */
@ApplicationScoped
@Named("syncState")
@RegisterForReflection
public class SyncState {

    @Inject
    ContactLinkRepository links;

    @Inject
    SyncedFields fields;

    @Inject
    HubSpotSide hubspot;

    @Inject
    RespondioSide respondio;

    public void rememberRespondioToHubSpot(Exchange exchange) {
        links.save(string(exchange, EMAIL), string(exchange, TARGET_ID), string(exchange, SOURCE_ID),
                hubspot.projectionAfterSync(exchange), fields.respondioProjection(map(exchange, SOURCE)),
                exchange.getVariable(INBOX_ID, Long.class));
    }

    public void rememberHubSpotToRespondio(Exchange exchange) {
        links.save(string(exchange, EMAIL), string(exchange, SOURCE_ID), string(exchange, TARGET_ID),
                fields.hubspotProjection(map(exchange, SOURCE)), respondio.projectionAfterSync(exchange), null);
    }
}
