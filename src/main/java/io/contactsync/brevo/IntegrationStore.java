package io.contactsync.brevo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The brevo_integration table: each integration's state, problems and resolved Brevo list. */
@ApplicationScoped
public class IntegrationStore {

    /**
     * @param adminState the state last asked for through the admin API (it outlives restarts); null = as configured
     */
    public record Stored(String name, IntegrationState state, String adminState, boolean optInConfirmed,
            Long brevoListId, List<String> problems) {
    }

    @Inject
    Database database;

    public Optional<Stored> find(String name) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT name, state, admin_state, opt_in_confirmed,"
                + " brevo_list_id, problems FROM brevo_integration WHERE name = ?", rs -> {
                    long listId = rs.getLong("brevo_list_id");
                    Long brevoListId = rs.wasNull() ? null : listId;
                    String problems = rs.getString("problems");
                    return new Stored(rs.getString("name"), IntegrationState.parse(rs.getString("state")),
                            rs.getString("admin_state"), rs.getBoolean("opt_in_confirmed"), brevoListId,
                            problems == null || problems.isEmpty() ? List.of() : List.of(problems.split("\n")));
                }, name)).stream().findFirst();
    }

    public void save(Stored s) {
        String problems = truncate(String.join("\n", s.problems()));
        Jdbc.inTransaction(database, c -> {
            Instant now = Instant.now();
            if (Jdbc.update(c, "UPDATE brevo_integration SET state = ?, admin_state = ?, opt_in_confirmed = ?,"
                    + " brevo_list_id = ?, problems = ?, updated_at = ? WHERE name = ?", s.state().label(),
                    s.adminState(), s.optInConfirmed(), s.brevoListId(), problems, now, s.name()) == 0) {
                Jdbc.update(c, "INSERT INTO brevo_integration (name, state, admin_state, opt_in_confirmed,"
                        + " brevo_list_id, problems, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", s.name(),
                        s.state().label(), s.adminState(), s.optInConfirmed(), s.brevoListId(), problems, now);
            }
            return null;
        });
    }

    private static String truncate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000);
    }
}
