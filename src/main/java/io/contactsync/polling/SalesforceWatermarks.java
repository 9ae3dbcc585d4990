package io.contactsync.polling;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.salesforce.SalesforceObject;
import io.contactsync.salesforce.SalesforcePollingConfig;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The Salesforce poll's state in {@code poll_watermark}: when Salesforce was connected ({@code salesforce-connected},
 * R2.2: the polls start there, never at the beginning of time), and per object the newest SystemModstamp stored in
 * the inbox ({@code salesforce-Lead}, {@code salesforce-Contact}). Values are ISO-8601 instants.
 */
@ApplicationScoped
public class SalesforceWatermarks {

    static final String CONNECTED = "salesforce-connected";

    @Inject
    Database database;

    @Inject
    SalesforceConfig config;

    @Inject
    SalesforcePollingConfig polling;

    Clock clock = Clock.systemUTC();

    /** R2.2: the connection time is recorded when the app starts with Salesforce enabled, not at the first poll. */
    void recordConnection(@Observes StartupEvent event) {
        if (config.enabled()) {
            if (polling.interval() < 1) {
                throw new IllegalStateException("salesforce.polling.interval=" + polling.interval()
                        + ": must be at least 1 (seconds)");
            }
            connectedAt();
        }
    }

    /** When Salesforce was first enabled here: recorded once, on the first call; the same for every replica after. */
    public Instant connectedAt() {
        return Jdbc.inTransaction(database, c -> {
            Optional<Instant> known = read(c, CONNECTED);
            if (known.isPresent()) {
                return known.get();
            }
            Jdbc.update(c, "INSERT INTO poll_watermark (name, watermark, updated_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", CONNECTED, clock.instant().toString(), clock.instant());
            return read(c, CONNECTED).orElseThrow();
        });
    }

    /** The SystemModstamp the next poll of {@code object} starts at (inclusive); the connection time at first. */
    public Instant watermark(SalesforceObject object) {
        Optional<Instant> stored = Jdbc.inTransaction(database, c -> read(c, name(object)));
        return stored.orElseGet(this::connectedAt);
    }

    /** Moves the watermark forward to {@code newest} in the caller's transaction (never back). */
    public void advance(Connection c, SalesforceObject object, Instant newest) throws SQLException {
        Optional<Instant> current = read(c, name(object));
        if (current.isPresent() && !newest.isAfter(current.get())) {
            return;
        }
        if (current.isPresent()) {
            Jdbc.update(c, "UPDATE poll_watermark SET watermark = ?, updated_at = ? WHERE name = ?", newest.toString(),
                    clock.instant(), name(object));
        } else {
            Jdbc.update(c, "INSERT INTO poll_watermark (name, watermark, updated_at) VALUES (?, ?, ?)", name(object),
                    newest.toString(), clock.instant());
        }
    }

    static String name(SalesforceObject object) {
        return "salesforce-" + object.apiName();
    }

    private static Optional<Instant> read(Connection c, String name) throws SQLException {
        List<String> values = Jdbc.query(c, "SELECT watermark FROM poll_watermark WHERE name = ?", rs -> rs.getString(1),
                name);
        return values.stream().findFirst().map(Instant::parse);
    }
}
