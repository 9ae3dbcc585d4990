package io.contactsync.salesforce;

import static io.contactsync.sync.SyncExchange.string;
import static io.contactsync.sync.SyncVariables.SOURCE_ID;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.SalesforceConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * R2.3, R2.4, R2.6: the HubSpot list whose members alone sync to Salesforce ({@code salesforce.sync.inclusion-list-id};
 * none = every contact). Only an active list (processingType DYNAMIC: HubSpot keeps its members by its criteria) is
 * accepted; a MANUAL or SNAPSHOT list is refused at start-up, by the admin check and by every run. Membership is read
 * in bulk (Lists v3 memberships, 250 per call) and trusted for {@code salesforce.sync.membership-cache-ttl}.
 */
@ApplicationScoped
@Named("inclusionList")
@RegisterForReflection
public class InclusionList {

    static final String KEY = "salesforce.sync.inclusion-list-id";
    static final String ACTIVE = "DYNAMIC";
    private static final String CONTACT_LISTS = "0-1";
    private static final Logger LOG = Logger.getLogger(InclusionList.class);

    /** The members of the list as read at {@code readAt}. */
    public record Members(String listId, Set<String> ids, Instant readAt) {
    }

    @Inject
    SalesforceSyncConfig config;

    @Inject
    SalesforceConfig salesforce;

    @Inject
    HubSpotClient hubspot;

    private volatile Members cached;

    /** The configured list id; empty when every contact syncs (R2.3). */
    public Optional<String> listId() {
        return config.inclusionListId().map(String::trim).filter(id -> !id.isEmpty());
    }

    /**
     * Route step: reads sourceId; sets inList (true without an inclusion list) and listReason. One HubSpot
     * memberships read per 250 members when the cached membership is older than the TTL.
     */
    public void check(Exchange exchange) {
        Optional<String> listId = listId();
        if (listId.isEmpty()) {
            exchange.setVariable(SalesforceVariables.IN_LIST, true);
            exchange.setVariable(SalesforceVariables.LIST_REASON, "no inclusion list: every contact syncs (R2.3)");
            return;
        }
        boolean member = members().ids().contains(string(exchange, SOURCE_ID));
        exchange.setVariable(SalesforceVariables.IN_LIST, member);
        exchange.setVariable(SalesforceVariables.LIST_REASON, member
                ? "member of the inclusion list " + listId.get()
                : "not a member of HubSpot list " + listId.get() + " (" + KEY + ", R2.3): not synced to Salesforce;"
                        + " it syncs at its next change once it is a member (R2.4)");
    }

    /** The members, read again when the cached ones are older than the TTL; refused for a list that is not active. */
    public synchronized Members members() {
        String listId = listId().orElseThrow(() -> new IllegalStateException("no " + KEY + " configured"));
        Members current = cached;
        if (current != null && current.listId().equals(listId)
                && current.readAt().plus(config.membershipCacheTtl()).isAfter(Instant.now())) {
            return current;
        }
        problem(listId).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        Members read = new Members(listId, Set.copyOf(hubspot.listMembers(listId)), Instant.now());
        cached = read;
        return read;
    }

    /** Whether the HubSpot contact is a member now (always true without an inclusion list). */
    public boolean contains(String hubspotContactId) {
        return listId().isEmpty() || members().ids().contains(hubspotContactId);
    }

    /**
     * Whether the cached membership of the configured list says the contact is not a member; false without a list or
     * a cached membership of it. Asks HubSpot nothing, so it may be out of date by up to the TTL.
     */
    public boolean cachedAsNonMember(String hubspotContactId) {
        Members current = cached;
        return current != null && listId().filter(current.listId()::equals).isPresent()
                && !current.ids().contains(hubspotContactId);
    }

    /** The cached membership (null when none was read yet). */
    public Members cached() {
        return cached;
    }

    public Duration cacheTtl() {
        return config.membershipCacheTtl();
    }

    /**
     * R2.6: why this HubSpot list cannot be the inclusion list (unknown, not a contact list, or not an active list);
     * empty when it can. One HubSpot call.
     */
    public Optional<String> problem(String listId) {
        Optional<Map<String, Object>> list = hubspot.list(listId);
        if (list.isEmpty()) {
            return Optional.of(KEY + "=" + listId + ": HubSpot has no list with this id (the ILS list id)");
        }
        Object objectType = list.get().get("objectTypeId");
        if (objectType != null && !CONTACT_LISTS.equals(objectType.toString())) {
            return Optional.of(KEY + "=" + listId + ": HubSpot list '" + list.get().get("name") + "' holds objects of"
                    + " type " + objectType + ", not contacts (0-1)");
        }
        Object type = list.get().get("processingType");
        if (!ACTIVE.equals(String.valueOf(type))) {
            return Optional.of(KEY + "=" + listId + ": HubSpot list '" + list.get().get("name") + "' is a " + type
                    + " (static) list; only an active list (processingType DYNAMIC, members kept by the list's"
                    + " criteria) can be the Salesforce inclusion list (R2.6)");
        }
        return Optional.empty();
    }

    /**
     * Start-up check with Salesforce enabled and a list configured: a list HubSpot reports as static (or not of
     * contacts) refuses the start. When HubSpot cannot be asked or does not know the list, the start goes on with a
     * warning and each run checks again (its failure names the problem; replay once fixed).
     */
    public List<String> startupProblems() {
        if (!salesforce.enabled() || listId().isEmpty()) {
            return List.of();
        }
        String listId = listId().get();
        try {
            Optional<String> problem = problem(listId);
            if (problem.isPresent() && problem.get().contains("HubSpot has no list")) {
                LOG.warnf("%s; runs of hubspot-to-salesforce fail until it exists", problem.get());
                return List.of();
            }
            return problem.stream().toList();
        } catch (RuntimeException e) {
            LOG.warnf("%s=%s could not be checked at start-up (%s); each run checks it", KEY, listId, e.getMessage());
            return List.of();
        }
    }
}
