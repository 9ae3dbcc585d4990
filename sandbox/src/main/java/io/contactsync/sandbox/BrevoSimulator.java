package io.contactsync.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;



/**
 * The simulated Brevo account: contacts, lists, folders, attributes (read-only ones included), the requests it
 * received and injected faults. Served over HTTP by {@link BrevoSimulatorRoutes}; tests steer it through this class.
 */
public class BrevoSimulator implements SimulatedVendor {

    private static final long RATE_LIMIT_WINDOW_MILLIS = 1_000;

    private final BrevoAttributeCatalogue attributes = new BrevoAttributeCatalogue();
    private final BrevoContactStore store = new BrevoContactStore(Clock.systemUTC(), attributes);
    private final SimulatorInstruments instruments;

    BrevoSimulator(int maxPerSecond) {
        this.instruments = new SimulatorInstruments(maxPerSecond, RATE_LIMIT_WINDOW_MILLIS);
    }

    /** Back to the seeded account (folder 1, the standard attributes), no requests, faults or counters. */
    public void reset() {
        store.clear();
        attributes.reset();
        instruments.reset();
    }

    /** All contacts as {id, email, attributes, listIds, emailBlacklisted, smsBlacklisted, ...}, oldest first. */
    public List<Map<String, Object>> contacts() {
        return store.all();
    }

    public Optional<Map<String, Object>> contactByEmail(String email) {
        return store.findByEmail(email);
    }

    /** Every list as {id, name, folderId, totalSubscribers, contactIds}. */
    public List<Map<String, Object>> lists() {
        return store.listsWithMembers();
    }

    /** The emails of a list's contacts, in the order they joined it. */
    public List<String> listMembers(long listId) {
        return store.listEmails(listId);
    }

    public long createList(String name) {
        return store.createList(name, BrevoContactStore.DEFAULT_FOLDER);
    }

    BrevoContactStore store() {
        return store;
    }

    BrevoAttributeCatalogue attributes() {
        return attributes;
    }

    @Override
    public SimulatorInstruments instruments() {
        return instruments;
    }
}
