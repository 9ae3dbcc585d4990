package io.contactsync.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;



/**
 * The simulated respond.io workspace: its contacts, the requests it received, injected faults, and the webhooks it
 * sends. Served over HTTP by {@link RespondioSimulatorRoutes}; tests steer it through this class directly.
 */
public class RespondioSimulator implements SimulatedVendor {

    private static final long RATE_LIMIT_WINDOW_MILLIS = 1_000;

    private final RespondioContactStore store = new RespondioContactStore(Clock.systemUTC());
    private final SimulatorInstruments instruments;
    private final RespondioWebhookPublisher webhooks;
    private final AtomicBoolean webhooksEnabled;

    RespondioSimulator(RespondioWebhookPublisher webhooks, int maxPerSecond, boolean webhooksEnabled) {
        this.webhooks = webhooks;
        this.instruments = new SimulatorInstruments(maxPerSecond, RATE_LIMIT_WINDOW_MILLIS);
        this.webhooksEnabled = new AtomicBoolean(webhooksEnabled);
    }

    /** Forgets all contacts, recorded requests, faults and counters. */
    public void reset() {
        store.clear();
        instruments.reset();
    }

    /**
     * Creates a contact as a user in the respond.io UI would; returns its id.
     *
     * @param fields like a Contact: firstName (required), lastName, email, phone, language, countryCode,
     *               custom_fields (list of {name, value})
     */
    public long createContactAsUser(Map<String, Object> fields) {
        RespondioContactChange change = store.create(null, fields);
        announce(change);
        return change.contactId();
    }

    /** Updates the given fields of a contact as a user would; custom_fields merge by name. */
    public void updateContactAsUser(long id, Map<String, Object> fields) {
        announce(store.update(RespondioIdentifier.id(id), fields));
    }

    /** Deletes a contact as a user would (respond.io sends no webhook for it). */
    public void deleteContactAsUser(long id) {
        store.delete(RespondioIdentifier.id(id));
    }

    /** The contact as the API shows it. */
    public Optional<Map<String, Object>> contact(long id) {
        return store.find(RespondioIdentifier.id(id));
    }

    public Optional<Map<String, Object>> contactByEmail(String email) {
        return store.find(new RespondioIdentifier(RespondioIdentifier.Type.EMAIL, email));
    }

    /** All contacts, oldest first. */
    public List<Map<String, Object>> contacts() {
        return store.all();
    }

    public int contactCount() {
        return store.size();
    }

    public void setWebhooksEnabled(boolean enabled) {
        webhooksEnabled.set(enabled);
    }

    RespondioContactStore store() {
        return store;
    }

    @Override
    public SimulatorInstruments instruments() {
        return instruments;
    }

    /** Sends the webhook for a change, when webhooks are on. */
    void announce(RespondioContactChange change) {
        if (webhooksEnabled.get()) {
            webhooks.publish(change);
        }
    }
}
