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
 * takes a token from each of the vendor's window buckets in the database, under row locks (rows {@code hubspot},
 * {@code brevo} and {@code brevo/1h}: one per window of the {@link RateBudget}). A bucket holds a tenth of the
 * window's calls and refills the rest evenly over the window, so no rolling window ever sees more than its limit
 * from all replicas together; the limit is the one in force (configured, lowered by what the vendor's headers said);
 * the daily cap is counted in the first window's row. On the embedded database (one process) the in-memory
 * {@link RateBudget} alone is exact, and this does nothing.
 */
@ApplicationScoped
public class SharedRateBudgets {

    /** A call is counted by the vendor when it arrives, a little after its token was taken: keep 5 % spare. */
    private static final double HEADROOM = 0.95;

    @Inject
    Database database;

    private final Clock clock = Clock.systemUTC();

    /** Blocks until the vendor's shared buckets grant one call. */
    public void acquire(RateBudget budget) throws InterruptedException {
        if (database.embedded()) {
            return;
        }
        long wait;
        while ((wait = take(budget)) > 0) {
            Thread.sleep(Math.min(wait, 1000));
        }
    }

    /** Gives back the tokens of a call that was granted but not made (an unused reservation of a route step). */
    public void giveBack(RateBudget budget) {
        if (database.embedded()) {
            return;
        }
        List<RateBudget.Limit> limits = budget.limits();
        Jdbc.inTransaction(database, c -> {
            for (int i = 0; i < limits.size(); i++) {
                Jdbc.update(c, "UPDATE rate_bucket SET tokens = LEAST(?, tokens + 1),"
                        + " calls_today = GREATEST(0, calls_today - ?) WHERE vendor = ?",
                        capacity(limits.get(i)), i == 0 ? 1 : 0, row(budget, limits.get(i), i));
            }
            return null;
        });
    }

    /** 0 when a call was granted, else how long to wait before asking again. */
    long take(RateBudget budget) {
        List<RateBudget.Limit> limits = budget.limits();
        long dailyCap = budget.dailyCap();
        return Jdbc.inTransaction(database, c -> {
            Object[][] buckets = new Object[limits.size()][];
            for (int i = 0; i < limits.size(); i++) {
                buckets[i] = lockedBucket(c, row(budget, limits.get(i), i));
            }
            // read the clock only once the rows are locked: a time read before waiting for a lock would be older
            // than the last holder's, and refill the same moment twice
            long now = clock.millis();
            for (Object[] bucket : buckets) {
                now = Math.max(now, (long) bucket[1]);
            }
            String today = today();
            long callsToday = today.equals(buckets[0][2]) ? (long) buckets[0][3] : 0;
            if (callsToday >= dailyCap) {
                return LocalDate.parse(today).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - now;
            }
            double[] tokens = new double[limits.size()];
            long wait = 0;
            for (int i = 0; i < limits.size(); i++) {
                RateBudget.Limit limit = limits.get(i);
                double perMilli = perMilli(limit);
                tokens[i] = Math.min(capacity(limit), (double) buckets[i][0] + (now - (long) buckets[i][1]) * perMilli);
                if (tokens[i] < 1) {
                    wait = Math.max(wait, Math.max(1, (long) Math.ceil((1 - tokens[i]) / perMilli)));
                }
            }
            boolean granted = wait == 0;
            for (int i = 0; i < limits.size(); i++) {
                Jdbc.update(c, "UPDATE rate_bucket SET tokens = ?, refilled_at = ?, calls_day = ?, calls_today = ?"
                        + " WHERE vendor = ?", granted ? tokens[i] - 1 : tokens[i], now, today,
                        i == 0 && granted ? callsToday + 1 : i == 0 ? callsToday : 0, row(budget, limits.get(i), i));
            }
            return wait;
        });
    }

    private static String row(RateBudget budget, RateBudget.Limit limit, int index) {
        return index == 0 ? budget.vendor() : budget.vendor() + "/" + limit.name();
    }

    private static double capacity(RateBudget.Limit limit) {
        return Math.max(1, limit.calls() / 10);
    }

    private static double perMilli(RateBudget.Limit limit) {
        return Math.max(limit.calls() * HEADROOM - capacity(limit), limit.calls() * 0.5) / limit.millis();
    }

    /** The bucket, locked until the transaction ends; inserted (empty) the first time the vendor is called. */
    private Object[] lockedBucket(Connection c, String name) throws SQLException {
        List<Object[]> rows = select(c, name);
        if (rows.isEmpty()) {
            Jdbc.update(c, "INSERT INTO rate_bucket (vendor, tokens, refilled_at, calls_day, calls_today)"
                    + " VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING", name, 0.0, clock.millis(), today());
            rows = select(c, name);
        }
        return rows.get(0);
    }

    private static List<Object[]> select(Connection c, String name) throws SQLException {
        return Jdbc.query(c, "SELECT tokens, refilled_at, calls_day, calls_today FROM rate_bucket WHERE vendor = ?"
                + " FOR UPDATE", rs -> new Object[] {rs.getDouble(1), rs.getLong(2), rs.getString(3), rs.getLong(4)},
                name);
    }

    private String today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }
}
