package io.contactsync.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;

/**
 * With several replicas (PostgreSQL), a vendor's allowance is shared by all of them: before each call the replica
 * takes a token from the vendor's bucket in the database, under a row lock. The bucket holds a tenth of the window's
 * calls and refills the rest evenly over the window, so no rolling window ever sees more than {@code maxPerWindow}
 * calls from all replicas together; the daily cap is counted there too. On the embedded database (one process) the
 * in-memory {@link RateBudget} alone is exact, and this does nothing.
 */
@ApplicationScoped
public class SharedRateBudgets {

    /** A call is counted by the vendor when it arrives, a little after its token was taken: keep 5 % spare. */
    private static final double HEADROOM = 0.95;

    @Inject
    Database database;

    private final Clock clock = Clock.systemUTC();

    /** Blocks until the vendor's shared bucket grants one call. */
    public void acquire(RateBudget budget) throws InterruptedException {
        if (database.embedded()) {
            return;
        }
        long wait;
        while ((wait = take(budget)) > 0) {
            Thread.sleep(Math.min(wait, 1000));
        }
    }

    /** 0 when a call was granted, else how long to wait before asking again. */
    long take(RateBudget budget) {
        double capacity = Math.max(1, budget.maxPerWindow() / 10);
        double perMilli = (budget.maxPerWindow() * HEADROOM - capacity) / budget.windowMillis();
        return Jdbc.inTransaction(database, c -> {
            List<Object[]> rows = lockedBucket(c, budget.vendor());
            if (rows.isEmpty()) {
                Jdbc.update(c, "INSERT INTO rate_bucket (vendor, tokens, refilled_at, calls_day, calls_today)"
                        + " VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING", budget.vendor(), 0.0, clock.millis(), today());
                rows = lockedBucket(c, budget.vendor());
            }
            // read the clock only once the row is locked: a time read before waiting for the lock would be older
            // than the last holder's, and refill the same moment twice
            long now = Math.max(clock.millis(), (long) rows.get(0)[1]);
            String today = today();
            double tokens = Math.min(capacity, (double) rows.get(0)[0] + (now - (long) rows.get(0)[1]) * perMilli);
            long callsToday = today.equals(rows.get(0)[2]) ? (long) rows.get(0)[3] : 0;
            if (callsToday >= budget.dailyCap()) {
                return LocalDate.parse(today).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - now;
            }
            boolean granted = tokens >= 1;
            Jdbc.update(c, "UPDATE rate_bucket SET tokens = ?, refilled_at = ?, calls_day = ?, calls_today = ?"
                    + " WHERE vendor = ?", granted ? tokens - 1 : tokens, now, today, granted ? callsToday + 1 : callsToday,
                    budget.vendor());
            return granted ? 0L : Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
        });
    }

    /** The vendor's bucket, locked until the transaction ends; empty the first time the vendor is called. */
    private static List<Object[]> lockedBucket(Connection c, String vendor) throws SQLException {
        return Jdbc.query(c, "SELECT tokens, refilled_at, calls_day, calls_today FROM rate_bucket WHERE vendor = ?"
                + " FOR UPDATE", rs -> new Object[] {rs.getDouble(1), rs.getLong(2), rs.getString(3), rs.getLong(4)},
                vendor);
    }

    private String today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }
}
