package io.contactsync.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.contactsync.sandbox.HubSpotWebhookPublisher.ChangeSource;

/**
 * The simulated HubSpot account: its contacts, the requests it received, injected faults, and the webhooks it sends.
 * Served over HTTP by {@link HubSpotSimulatorRoutes}; tests steer it through this class directly.
 */
@ApplicationScoped
public class HubSpotSimulator {

    private static final long RATE_LIMIT_WINDOW_MILLIS = 10_000;

    private final HubSpotContactStore store = new HubSpotContactStore(Clock.systemUTC());
    private final SimulatorInstruments instruments;
    private final HubSpotWebhookPublisher webhooks;
    private final AtomicBoolean webhooksEnabled;

    HubSpotSimulator(HubSpotWebhookPublisher webhooks,
                     @ConfigProperty(name = "sandbox.hubspot.max-per-10s", defaultValue = "0") int maxPer10Seconds,
                     @ConfigProperty(name = "sandbox.webhooks.enabled", defaultValue = "true") boolean webhooksEnabled) {
        this.webhooks = webhooks;
        this.instruments = new SimulatorInstruments(maxPer10Seconds, RATE_LIMIT_WINDOW_MILLIS);
        this.webhooksEnabled = new AtomicBoolean(webhooksEnabled);
    }

    /** Forgets all contacts, recorded requests, faults and counters. */
    public void reset() {
        store.clear();
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

    public List<RecordedRequest> requests() {
        return instruments.journal().requests();
    }

    public void clearRequests() {
        instruments.journal().clear();
    }

    public void injectFaults(SandboxFault fault) {
        instruments.faults().inject(fault);
    }

    public void clearFaults() {
        instruments.faults().clear();
    }

    /** How many API requests were answered with (or delayed by) an injected fault since the last reset. */
    public long faultsServed() {
        return instruments.faults().served();
    }

    /** How many API requests were received since the last reset. */
    public long apiCallCount() {
        return instruments.apiCalls();
    }

    public void setWebhooksEnabled(boolean enabled) {
        webhooksEnabled.set(enabled);
    }

    HubSpotContactStore store() {
        return store;
    }

    SimulatorInstruments instruments() {
        return instruments;
    }

    /** Sends the webhooks for a change, when webhooks are on and the change changed anything. */
    void announce(HubSpotContactChange change, ChangeSource source) {
        if (webhooksEnabled.get() && !change.isNoOp()) {
            webhooks.publish(change, source);
        }
    }
}
