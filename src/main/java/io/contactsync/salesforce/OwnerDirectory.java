package io.contactsync.salesforce;

import static io.contactsync.sync.SyncExchange.child;
import static io.contactsync.sync.SyncExchange.map;
import static io.contactsync.sync.SyncVariables.SOURCE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.salesforce.SalesforceClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * R2.9 "owner id": which HubSpot owner is which Salesforce user. As HubSpot's connector needs an exact user match,
 * an owner and a user match when they have the same email (case aside) and nobody else on either side has it (two
 * users with one email match no one). With {@code salesforce.sync.owners-prefetch}, routes/salesforce-owners reads
 * each side soon after start-up and again shortly before it is {@code salesforce.sync.owners-refresh} old, so runs
 * and jobs find it read; otherwise (or when that read is late or failed) each side is read when a run first has an
 * owner to map, and again when it is older than owners-refresh: HubSpot's active owners ({@link HubSpotClient#owners()}, one
 * call per 100) and Salesforce's active users ({@link SalesforceClient#activeUsers()}, one query per 2,000), through
 * the vendor clients, so the calls count against the budgets and the allowance like any other. A side that cannot
 * be read keeps its last list (or none) and is read again after a minute at the earliest; the runs meanwhile match
 * with what there is and say that the owners were unavailable. Nothing fails a sync.
 */
@ApplicationScoped
@Named("ownerDirectory")
@RegisterForReflection
public class OwnerDirectory {

    /** The mapping envelope's {@code owners} for the run: the pair of its owner, when it has one. */
    public static final String OWNERS = "owners";
    /** Why the run's owner has no pair, or that the owners could not be read; null when it matched from fresh lists. */
    public static final String OWNER_NOTE = "ownerNote";
    static final String OWNER_PROPERTY = "hubspot_owner_id";
    static final String OWNER_FIELD = "OwnerId";
    /** The longest wait before a failed read is tried again (sooner when owners-refresh is shorter). */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    /** How long before it is due the background reads a side (routes/salesforce-owners looks every 30 seconds). */
    private static final Duration PREFETCH_AHEAD = Duration.ofMinutes(1);
    private static final int MAX_FAILURE_TEXT = 300;
    private static final Logger LOG = Logger.getLogger(OwnerDirectory.class);

    /** The pairs for one owner (none or one {@code {hubspot, salesforce}}) and the run's remark about it. */
    public record Match(List<Map<String, String>> owners, String note) {
    }

    @Inject
    SalesforceSyncSettings settings;

    @Inject
    HubSpotClient hubspot;

    @Inject
    SalesforceClient salesforce;

    private final Side hubspotOwners = new Side("HubSpot owners", "active HubSpot owners");
    private final Side salesforceUsers = new Side("Salesforce users", "active Salesforce users");

    // ---- route steps

    /** Reads source; when its owner is to be synced, refreshes HubSpot's owners if they are due. */
    public void readHubSpotOwners(Exchange exchange, SyncDirection direction) {
        if (ownerOf(map(exchange, SOURCE), direction) != null) {
            refreshHubSpotOwners();
        }
    }

    /** Reads source; when its owner is to be synced, refreshes Salesforce's users if they are due; sets owners, ownerNote. */
    public void readSalesforceUsers(Exchange exchange, SyncDirection direction) {
        if (ownerOf(map(exchange, SOURCE), direction) != null) {
            refreshSalesforceUsers();
        }
        matchSource(exchange, direction);
    }

    /** Step of routes/salesforce-owners: with owners-prefetch, reads each side that is due within a minute. */
    public void prefetch() {
        if (!settings.config().ownersPrefetch()
                || settings.fieldRules().ruleFor(OWNER_PROPERTY) == FieldRule.DONT_SYNC) {
            return;
        }
        Duration half = settings.config().ownersRefresh().dividedBy(2);
        Duration ahead = half.compareTo(PREFETCH_AHEAD) < 0 ? half : PREFETCH_AHEAD;
        hubspotOwners.refresh(this::readHubSpotOwners, ahead);
        salesforceUsers.refresh(this::readSalesforceUsers, ahead);
    }

    // ---- for the routes and the bulk jobs

    /** Reads source; sets owners and ownerNote from the lists as they are (no call). */
    public void matchSource(Exchange exchange, SyncDirection direction) {
        String owner = ownerOf(map(exchange, SOURCE), direction);
        Match match = owner == null ? new Match(List.of(), null) : match(owner, direction);
        exchange.setVariable(OWNERS, match.owners());
        exchange.setVariable(OWNER_NOTE, match.note());
    }

    /**
     * The owner a sync would map from its source (a HubSpot contact's {@code hubspot_owner_id}, a Salesforce
     * record's {@code OwnerId}); null when it has none or the owner's rule is dont-sync.
     */
    public String ownerOf(Map<String, Object> source, SyncDirection direction) {
        if (source == null || settings.fieldRules().ruleFor(OWNER_PROPERTY) == FieldRule.DONT_SYNC) {
            return null;
        }
        Object owner = direction == SyncDirection.HUBSPOT_TO_SALESFORCE ? child(source, "properties").get(OWNER_PROPERTY)
                : source.get(OWNER_FIELD);
        return owner == null || owner.toString().isBlank() ? null : owner.toString().trim();
    }

    /** Reads HubSpot's active owners when never read, or read longer than owners-refresh ago. */
    public void refreshHubSpotOwners() {
        hubspotOwners.refresh(this::readHubSpotOwners, Duration.ZERO);
    }

    /** Reads Salesforce's active users when never read, or read longer than owners-refresh ago. */
    public void refreshSalesforceUsers() {
        salesforceUsers.refresh(this::readSalesforceUsers, Duration.ZERO);
    }

    private OwnerRoster readHubSpotOwners() {
        return OwnerRoster.of(hubspot.owners(), "id", "email", Instant.now());
    }

    private OwnerRoster readSalesforceUsers() {
        return OwnerRoster.of(salesforce.activeUsers(), "Id", "Email", Instant.now());
    }

    /**
     * The pair of an owner of the source side (a HubSpot owner id going to Salesforce, a Salesforce user id going to
     * HubSpot) from the lists as they are now; without one, the note says why.
     */
    public Match match(String owner, SyncDirection direction) {
        boolean fromHubSpot = direction == SyncDirection.HUBSPOT_TO_SALESFORCE;
        Side from = fromHubSpot ? hubspotOwners : salesforceUsers;
        Side to = fromHubSpot ? salesforceUsers : hubspotOwners;
        String name = (fromHubSpot ? "HubSpot owner " : "Salesforce user ") + owner;
        OwnerRoster source = from.roster;
        OwnerRoster target = to.roster;
        String unavailable = unavailable();
        if (source == null || target == null) {
            return new Match(List.of(), unavailable != null ? unavailable : "the owners were not read");
        }
        String why;
        String email = source.emailOf(owner).orElse(null);
        if (!source.ids().contains(owner)) {
            why = name + " is not among the " + from.people + " read at " + source.readAt();
        } else if (email == null) {
            why = name + " has no email";
        } else if (source.idsWith(email).size() > 1) {
            why = source.idsWith(email).size() + " " + from.people + " share " + name + "'s email (ambiguous)";
        } else if (target.idsWith(email).isEmpty()) {
            why = "none of the " + to.people + " read at " + target.readAt() + " has " + name + "'s email";
        } else if (target.idsWith(email).size() > 1) {
            why = target.idsWith(email).size() + " " + to.people + " have " + name + "'s email (ambiguous)";
        } else {
            String other = target.idsWith(email).get(0);
            return new Match(List.of(Map.of("hubspot", fromHubSpot ? owner : other,
                    "salesforce", fromHubSpot ? other : owner)), unavailable);
        }
        return new Match(List.of(), unavailable == null ? why : why + " (" + unavailable + ")");
    }

    /** Why the lists are not current (a side that could not be read), or null. */
    private String unavailable() {
        String hubspotProblem = hubspotOwners.problem();
        String salesforceProblem = salesforceUsers.problem();
        if (hubspotProblem == null || salesforceProblem == null) {
            return hubspotProblem != null ? hubspotProblem : salesforceProblem;
        }
        return hubspotProblem + "; " + salesforceProblem;
    }

    /** One side's list, the last failure to read it, and the lock of the run that reads it. */
    private final class Side {

        final String name;
        final String people;
        final ReentrantLock reading = new ReentrantLock();
        volatile OwnerRoster roster;
        volatile Instant failedAt;
        volatile String failure;

        Side(String name, String people) {
            this.name = name;
            this.people = people;
        }

        /**
         * Reads the list when due ({@code early} before it is owners-refresh old). With a list at hand, a run that finds
         * another one reading goes on with the list it has; without one, it waits for that read.
         */
        void refresh(Supplier<OwnerRoster> read, Duration early) {
            if (!due(early)) {
                return;
            }
            if (roster == null) {
                reading.lock();
            } else if (!reading.tryLock()) {
                return;
            }
            try {
                if (!due(early)) {
                    return;
                }
                roster = read.get();
                failedAt = null;
                failure = null;
            } catch (RuntimeException e) {
                String text = String.valueOf(e.getMessage());
                failure = text.length() > MAX_FAILURE_TEXT ? text.substring(0, MAX_FAILURE_TEXT) + "..." : text;
                failedAt = Instant.now();
                LOG.warnf("%s could not be read, owners are matched with %s until the next try: %s", name,
                        roster == null ? "none" : "those read at " + roster.readAt(), failure);
            } finally {
                reading.unlock();
            }
        }

        private boolean due(Duration early) {
            Duration refresh = settings.config().ownersRefresh();
            Instant now = Instant.now();
            Instant failed = failedAt;
            if (failed != null) {
                Duration retry = refresh.compareTo(RETRY_AFTER_FAILURE) < 0 ? refresh : RETRY_AFTER_FAILURE;
                if (failed.plus(retry).isAfter(now)) {
                    return false;
                }
            }
            OwnerRoster current = roster;
            return current == null || !current.readAt().plus(refresh).minus(early).isAfter(now);
        }

        /** Null when the last read succeeded. */
        String problem() {
            if (failedAt == null) {
                return null;
            }
            OwnerRoster current = roster;
            return current == null ? name + " unavailable (" + failure + ")"
                    : name + " unavailable (" + failure + "): those read at " + current.readAt() + " were used";
        }
    }
}
