package io.contactsync.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.contactsync.client.hubspot.HubSpotClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The inclusion list's members, read in bulk (250 per HubSpot call) and trusted for
 * salesforce.sync.membership-cache-ttl: a contact that joins the list syncs at most that long after.
 */
@ApplicationScoped
public class CachedInclusionListMembers implements InclusionListMembers {

    @Inject
    SalesforceSyncConfig config;

    @Inject
    HubSpotClient hubspot;

    Clock clock = Clock.systemUTC();

    private Set<String> members;
    private Instant readAt;

    @Override
    public Optional<String> listId() {
        return config.inclusionListId().filter(id -> !id.isBlank());
    }

    @Override
    public boolean contains(String hubspotContactId) {
        return listId().map(list -> current(list).contains(hubspotContactId)).orElse(true);
    }

    private synchronized Set<String> current(String listId) {
        Instant now = clock.instant();
        if (members == null || !now.isBefore(readAt.plus(config.membershipCacheTtl()))) {
            members = new HashSet<>(hubspot.listMembers(listId));
            readAt = now;
        }
        return members;
    }
}
