package io.contactsync.brevo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * R4.5: tasks (contacts written to Brevo) per calendar month (UTC), persisted. A task is taken before each write
 * and given back if the write fails. At 80 % of the limit the owner is notified once; at 100 % the integrations
 * pause (writes are deferred, not dropped) and the owner is notified again. A raised limit or a new month resumes.
 */
@ApplicationScoped
public class TaskQuota {

    static final String WARNING = "warning-80";
    static final String REACHED = "reached-100";

    @Inject
    BrevoConfig config;

    @Inject
    Database database;

    @Inject
    QuotaNotices notices;

    @Inject
    MeterRegistry metrics;

    private volatile Clock clock = Clock.systemUTC();

    public record Usage(String month, long tasks, long limit, Instant warnedAt, Instant reachedAt) {

        public boolean exhausted() {
            return tasks >= limit;
        }
    }

    /** What one take got, and the month's usage right after it. */
    private record Taken(int granted, Usage after) {
    }

    /** The clock whose month the quota counts in (tests move it to a month of their own). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    void registerMetrics(@Observes StartupEvent event) {
        Gauge.builder("contactsync.brevo.quota.tasks", this, q -> q.usage().tasks()).register(metrics);
        Gauge.builder("contactsync.brevo.quota.limit", this, q -> q.usage().limit()).register(metrics);
    }

    /** Takes up to {@code wanted} tasks of this month's quota and returns how many it got (0 when exhausted). */
    public int take(int wanted) {
        String month = month();
        Taken taken = Jdbc.inTransaction(database, c -> {
            ensureMonth(c, month);
            while (true) {
                Usage u = usage(c, month);
                int grant = (int) Math.min(wanted, Math.max(0, u.limit() - u.tasks()));
                if (grant == 0 || Jdbc.update(c, "UPDATE brevo_quota SET tasks = tasks + ? WHERE quota_month = ?"
                        + " AND tasks = ?", grant, month, u.tasks()) == 1) {
                    return new Taken(grant, new Usage(month, u.tasks() + grant, u.limit(), u.warnedAt(),
                            u.reachedAt()));
                }
            }
        });
        notifyCrossings(taken.after());
        return taken.granted();
    }

    public boolean takeOne() {
        return take(1) == 1;
    }

    /** A write that took a task failed: the task was not used. */
    public void giveBack(int tasks) {
        String month = month();
        Jdbc.inTransaction(database, c -> Jdbc.update(c,
                "UPDATE brevo_quota SET tasks = GREATEST(tasks - ?, 0) WHERE quota_month = ?", tasks, month));
    }

    public Usage usage() {
        String month = month();
        return Jdbc.inTransaction(database, c -> {
            ensureMonth(c, month);
            return usage(c, month);
        });
    }

    /** Sets this month's limit; notices are sent again if the new limit is reached again. */
    public Usage setLimit(long limit) {
        String month = month();
        Jdbc.inTransaction(database, c -> {
            ensureMonth(c, month);
            Jdbc.update(c, "UPDATE brevo_quota SET task_limit = ? WHERE quota_month = ?", limit, month);
            Jdbc.update(c, "UPDATE brevo_quota SET reached_at = NULL WHERE quota_month = ? AND tasks < ?", month, limit);
            Jdbc.update(c, "UPDATE brevo_quota SET warned_at = NULL WHERE quota_month = ? AND tasks * 5 < ? * 4", month,
                    limit);
            return null;
        });
        Usage u = usage();
        notifyCrossings(u);
        return u;
    }

    private void notifyCrossings(Usage u) {
        String month = u.month();
        if (u.tasks() * 5 >= u.limit() * 4 && claim(month, "warned_at")) {
            notices.send(WARNING, month, "80 % of the monthly Brevo task quota used: " + u.tasks() + " of "
                    + u.limit() + " tasks in " + month);
        }
        if (u.exhausted() && claim(month, "reached_at")) {
            notices.send(REACHED, month, "monthly Brevo task quota reached: " + u.tasks() + " of " + u.limit()
                    + " tasks in " + month + "; HubSpot -> Brevo integrations are paused, their changes are kept"
                    + " and sent when the limit is raised or the month ends");
        }
    }

    /** True for exactly one caller per month and notice, whatever the number of threads or replicas. */
    private boolean claim(String month, String column) {
        return Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE brevo_quota SET " + column + " = ?"
                + " WHERE quota_month = ? AND " + column + " IS NULL", Instant.now(clock), month)) == 1;
    }

    private Usage usage(Connection c, String month) throws SQLException {
        List<Usage> rows = Jdbc.query(c, "SELECT tasks, task_limit, warned_at, reached_at FROM brevo_quota"
                + " WHERE quota_month = ?", rs -> {
                    long limit = rs.getLong("task_limit");
                    if (rs.wasNull()) {
                        limit = config.quota().monthlyTasks();
                    }
                    return new Usage(month, rs.getLong("tasks"), limit, instant(rs.getTimestamp("warned_at")),
                            instant(rs.getTimestamp("reached_at")));
                }, month);
        return rows.get(0);
    }

    private static void ensureMonth(Connection c, String month) throws SQLException {
        Jdbc.update(c, "INSERT INTO brevo_quota (quota_month, tasks) VALUES (?, 0) ON CONFLICT DO NOTHING", month);
    }

    private String month() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
