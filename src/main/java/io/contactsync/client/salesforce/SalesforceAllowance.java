package io.contactsync.client.salesforce;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * contact-sync's part of the org's rolling 24-hour API allocation, one budget for every route, poller, import and
 * resync of every replica. Each call is counted, before it is sent, in an hourly bucket of the database
 * ({@code salesforce_api_hour}); the allocation M comes from the {@code Sforce-Limit-Info: api-usage=N/M} header of
 * every answer. When the calls of the last 24 hours reach {@code salesforce.api-share-percent} of M, calls pause
 * until enough of them have left the window; when Salesforce answers 403 REQUEST_LIMIT_EXCEEDED, they pause for
 * {@code salesforce.limit-exceeded-pause}. A paused call throws {@link SalesforcePausedException} before anything is
 * sent: its event stays pending until then (never a dead letter).
 */
@ApplicationScoped
public class SalesforceAllowance {

    private static final Logger LOG = Logger.getLogger(SalesforceAllowance.class);
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long WINDOW = Duration.ofHours(24).toMillis();
    private static final String ORG = "salesforce";
    private static final long RECENT_MILLIS = 1000;

    @Inject
    SalesforceConfig config;

    @Inject
    Database database;

    private volatile Clock clock = Clock.systemUTC();
    /** The newest Sforce-Limit-Info seen by this replica and not yet written (written with the next call). */
    private final AtomicReference<OrgUsage> unwritten = new AtomicReference<>();
    private volatile Checked lastChecked;

    private record Checked(Status status, long atMillis) {
    }

    /** What Salesforce last said of the org's allocation. */
    public record OrgUsage(long used, long limit, Instant observedAt) {
    }

    /**
     * The allowance now: our calls in the last 24 hours, our share of the allocation (null until Salesforce reported
     * it), the org's usage, and whether calls are paused, why and until when.
     */
    public record Status(long calls24h, int sharePercent, Long share, OrgUsage org, boolean paused, Instant pausedUntil,
            String reason) {
    }

    /** The clock the window and pauses are measured with (tests move it). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one call about to be sent.
     *
     * @throws SalesforcePausedException when calls are paused: nothing was counted
     */
    public void acquire() {
        OrgUsage observed = unwritten.getAndSet(null);
        Status status = Jdbc.inTransaction(database, c -> {
            writeUsage(c, observed);
            Status now = status(c, true);
            if (!now.paused()) {
                count(c);
            }
            return now;
        });
        lastChecked = new Checked(status, clock.millis());
        if (status.paused()) {
            throw new SalesforcePausedException(status.pausedUntil(), status.reason());
        }
    }

    /**
     * The status read by this replica in the last second, else read now: for the routes' pacing step, which runs
     * before every Salesforce step of every event. The count itself ({@link #acquire}) always reads the database.
     */
    public Status recentStatus() {
        Checked checked = lastChecked;
        long now = clock.millis();
        if (checked != null && now >= checked.atMillis() && now - checked.atMillis() < RECENT_MILLIS) {
            return checked.status();
        }
        return status();
    }

    /** Takes note of an answer's {@code Sforce-Limit-Info} header (null or another form is ignored). */
    public void observe(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher m = API_USAGE.matcher(limitInfo);
        if (m.find()) {
            OrgUsage usage = new OrgUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), clock.instant());
            unwritten.accumulateAndGet(usage, (a, b) -> a == null || b.observedAt().isAfter(a.observedAt()) ? b : a);
        }
    }

    /** Salesforce answered 403 REQUEST_LIMIT_EXCEEDED: every replica pauses; returns the exception to throw. */
    public SalesforcePausedException limitExceeded() {
        OrgUsage observed = unwritten.getAndSet(null);
        Instant until = clock.instant().plus(config.limitExceededPause()).truncatedTo(ChronoUnit.MILLIS);
        String reason = "Salesforce answered 403 REQUEST_LIMIT_EXCEEDED: the org's 24-hour API allocation is used up"
                + (observed == null ? "" : " (api-usage " + observed.used() + "/" + observed.limit() + ")");
        Jdbc.inTransaction(database, c -> {
            writeUsage(c, observed);
            Jdbc.update(c, "UPDATE salesforce_allowance SET paused_until = ?, pause_reason = ? WHERE org = ?"
                    + " AND (paused_until IS NULL OR paused_until < ?)", until, reason, ORG, until);
            return null;
        });
        Status status = status();
        LOG.warnf("Salesforce calls pause until %s: %s", status.pausedUntil(), status.reason());
        return new SalesforcePausedException(status.pausedUntil(), status.reason());
    }

    public Status status() {
        OrgUsage observed = unwritten.getAndSet(null);
        Status status = Jdbc.inTransaction(database, c -> {
            writeUsage(c, observed);
            return status(c, false);
        });
        lastChecked = new Checked(status, clock.millis());
        return status;
    }

    /** The row lock makes one replica's check and count atomic against the others'. */
    private Status status(Connection c, boolean lock) throws SQLException {
        long now = clock.millis();
        Object[] row = Jdbc.query(c, "SELECT org_used, org_limit, observed_at, paused_until, pause_reason"
                + " FROM salesforce_allowance WHERE org = ?" + (lock ? " FOR UPDATE" : ""), rs -> new Object[] {
                    rs.getObject(1) == null ? null : rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2),
                    rs.getTimestamp(3), rs.getTimestamp(4), rs.getString(5)}, ORG).get(0);
        OrgUsage org = row[1] == null ? null : new OrgUsage((Long) row[0], (Long) row[1], ((Timestamp) row[2])
                .toInstant());
        List<long[]> buckets = Jdbc.query(c, "SELECT hour_start, calls FROM salesforce_api_hour WHERE hour_start > ?"
                + " ORDER BY hour_start", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, now - WINDOW);
        long calls = buckets.stream().mapToLong(b -> b[1]).sum();
        Long share = org == null ? null : org.limit() * config.apiSharePercent() / 100;
        Instant pausedUntil = row[3] == null ? null : ((Timestamp) row[3]).toInstant();
        if (pausedUntil != null && pausedUntil.toEpochMilli() > now) {
            return new Status(calls, config.apiSharePercent(), share, org, true, pausedUntil, (String) row[4]);
        }
        if (share != null && calls >= share) {
            return new Status(calls, config.apiSharePercent(), share, org, true, freedAt(buckets, calls, share, now),
                    "contact-sync's share of the org's 24-hour API allocation is used: " + calls + " calls in the last"
                            + " 24 hours, share " + share + " (" + config.apiSharePercent() + " % of " + org.limit()
                            + ")");
        }
        return new Status(calls, config.apiSharePercent(), share, org, false, null, null);
    }

    /** When the oldest calls have left the window, so that fewer than {@code share} remain. */
    private static Instant freedAt(List<long[]> buckets, long calls, long share, long now) {
        long remaining = calls;
        for (long[] bucket : buckets) {
            remaining -= bucket[1];
            if (remaining < share) {
                return Instant.ofEpochMilli(bucket[0] + WINDOW);
            }
        }
        return Instant.ofEpochMilli((buckets.isEmpty() ? now : buckets.get(buckets.size() - 1)[0]) + WINDOW);
    }

    private void count(Connection c) throws SQLException {
        long hour = clock.millis() / HOUR * HOUR;
        if (Jdbc.update(c, "UPDATE salesforce_api_hour SET calls = calls + 1 WHERE hour_start = ?", hour) == 0) {
            Jdbc.update(c, "INSERT INTO salesforce_api_hour (hour_start, calls) VALUES (?, 1)", hour);
            Jdbc.update(c, "DELETE FROM salesforce_api_hour WHERE hour_start <= ?", hour - 2 * WINDOW);
        }
    }

    private static void writeUsage(Connection c, OrgUsage usage) throws SQLException {
        if (usage != null) {
            Jdbc.update(c, "UPDATE salesforce_allowance SET org_used = ?, org_limit = ?, observed_at = ? WHERE org = ?"
                    + " AND (observed_at IS NULL OR observed_at <= ?)", usage.used(), usage.limit(), usage.observedAt(),
                    ORG, usage.observedAt());
        }
    }
}
