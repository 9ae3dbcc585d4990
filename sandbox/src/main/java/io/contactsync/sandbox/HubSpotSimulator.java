package io.contactsync.sandbox;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;



import io.contactsync.sandbox.HubSpotWebhookPublisher.ChangeSource;

/**
 * The simulated HubSpot account: its contacts, contact lists and owners, the requests it received, injected faults,
 * and the webhooks it sends.
 * Served over HTTP by {@link HubSpotSimulatorRoutes}; tests steer it through this class directly.
 */
public class HubSpotSimulator implements SimulatedVendor {

    private static final long RATE_LIMIT_WINDOW_MILLIS = 10_000;

    private final HubSpotContactStore store = new HubSpotContactStore(Clock.systemUTC());
    private final HubSpotListStore lists =
            new HubSpotListStore(Clock.systemUTC(), id -> store.resolve(id, HubSpotContactStore.OBJECT_ID).isPresent());
    private final HubSpotOwnerStore owners = new HubSpotOwnerStore(Clock.systemUTC());
    private final SimulatorInstruments instruments;
    private final HubSpotWebhookPublisher webhooks;
    private final AtomicBoolean webhooksEnabled;

    HubSpotSimulator(HubSpotWebhookPublisher webhooks, int maxPer10Seconds, boolean webhooksEnabled) {
        this.webhooks = webhooks;
        this.instruments = new SimulatorInstruments(maxPer10Seconds, RATE_LIMIT_WINDOW_MILLIS);
        this.webhooksEnabled = new AtomicBoolean(webhooksEnabled);
    }

    /** Forgets all contacts, lists, owners, recorded requests, faults and counters. */
    public void reset() {
        store.clear();
        lists.clear();
        owners.clear();
        instruments.reset();
    }

    /** Creates a contact as a user in the HubSpot UI would (webhook changeSource CRM_UI); returns its id. */
    public String createContactAsUser(Map<String, String> properties) {
        HubSpotContactChange change = store.create(properties);
        announce(change, ChangeSource.CRM_UI);
        return change.contactId();
    }

    /** Updates a contact as a user in the HubSpot UI would; "" clears a property. */
    public void updateContactAsUser(String id, Map<String, String> properties) {
        announce(store.update(id, properties), ChangeSource.CRM_UI);
    }

    /** The account gets a property validation rule: writes of non-matching values are refused (400). */
    public void addPropertyValidationRule(String property, String pattern) {
        store.addValidationRule(property, pattern);
    }

    /** The contact unsubscribes from all email: HubSpot sets hs_email_optout, which the API cannot write. */
    public void unsubscribeFromEmail(String id) {
        announce(store.setByHubSpot(id, "hs_email_optout", "true"), ChangeSource.CRM_UI);
    }

    /** The contact as a SimplePublicObject map with all its properties. */
    public Optional<Map<String, Object>> contact(String id) {
        return store.find(id, null);
    }

    public Optional<Map<String, Object>> contactByEmail(String email) {
        return store.resolve(email, HubSpotContactStore.EMAIL).flatMap(this::contact);
    }

    /** All contacts as SimplePublicObject maps, oldest first. */
    public List<Map<String, Object>> contacts() {
        return store.all();
    }

    public int contactCount() {
        return store.size();
    }

    /** Creates an empty MANUAL contact list as a user in the HubSpot UI would; a null listId takes the next free id. */
    public String createList(String listId, String name) {
        return lists.create(listId, name, HubSpotListStore.CONTACT_OBJECT_TYPE, HubSpotListStore.MANUAL);
    }

    /**
     * Creates an empty contact list of a processing type (MANUAL, SNAPSHOT, or DYNAMIC: an active list, whose members
     * HubSpot keeps by its criteria; here tests add them with {@link #addToList}) as a user in the HubSpot UI would.
     */
    public String createList(String listId, String name, String processingType) {
        return lists.create(listId, name, HubSpotListStore.CONTACT_OBJECT_TYPE, processingType);
    }

    /** Adds contacts to any list, DYNAMIC ones included (standing in for their filters); ids that are no contact are missing. */
    public HubSpotMembershipsUpdate addToList(String listId, Collection<String> contactIds) {
        return lists.add(listId, contactIds);
    }

    /** Removes contacts from any list, DYNAMIC ones included. */
    public HubSpotMembershipsUpdate removeFromList(String listId, Collection<String> contactIds) {
        return lists.remove(listId, contactIds);
    }

    /** The list's member contact ids, ascending. */
    public List<String> listMembers(String listId) {
        return lists.memberIds(listId);
    }

    /** Every list as {@code {listId, name, size, recordIds}}, oldest first. */
    public List<Map<String, Object>> lists() {
        return lists.all();
    }

    /** A user joins the account: it becomes an owner a contact can have ({@code hubspot_owner_id}); returns its id. */
    public String addOwner(String email, String firstName, String lastName) {
        return owners.add(email, firstName, lastName);
    }

    /** The owner's user leaves the account: the owner is archived (listed only with {@code archived=true}). */
    public void archiveOwner(String ownerId) {
        owners.archive(ownerId);
    }

    /** Every owner, archived ones included, oldest first. */
    public List<Map<String, Object>> owners() {
        return owners.all();
    }

    public void setWebhooksEnabled(boolean enabled) {
        webhooksEnabled.set(enabled);
    }

    HubSpotContactStore store() {
        return store;
    }

    HubSpotListStore listStore() {
        return lists;
    }

    HubSpotOwnerStore ownerStore() {
        return owners;
    }

    @Override
    public SimulatorInstruments instruments() {
        return instruments;
    }

    /** Sends the webhooks for a change, when webhooks are on and the change changed anything. */
    void announce(HubSpotContactChange change, ChangeSource source) {
        if (webhooksEnabled.get() && !change.isNoOp()) {
            webhooks.publish(change, source);
        }
    }
}
