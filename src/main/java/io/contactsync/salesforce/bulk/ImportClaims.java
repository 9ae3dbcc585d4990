package io.contactsync.salesforce.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The emails an import gave out so far, each to the record that took it first ("Contact 003...", "Lead 00Q..."): one
 * HubSpot contact per email. Kept in salesforce_job_claim, saved with each chunk's progress, so a resumed import
 * knows them; dropped when the job ends.
 */
@ApplicationScoped
public class ImportClaims {

    @Inject
    Database database;

    /** The records that took any of {@code emails} in the job, by email. */
    Map<String, String> of(String job, Collection<String> emails) {
        if (emails.isEmpty()) {
            return new HashMap<>();
        }
        List<Object> parameters = new ArrayList<>(List.of(job));
        parameters.addAll(emails);
        String in = String.join(", ", emails.stream().map(e -> "?").toList());
        Map<String, String> taken = new HashMap<>();
        Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT email, record_ref FROM salesforce_job_claim"
                + " WHERE job_id = ? AND email IN (" + in + ")", rs -> taken.put(rs.getString(1), rs.getString(2)),
                parameters.toArray()));
        return taken;
    }

    /** Saves the emails a chunk gave out, in the transaction that records its progress. */
    void save(Connection c, String job, Map<String, String> claims) throws SQLException {
        for (Map.Entry<String, String> claim : claims.entrySet()) {
            Jdbc.update(c, "INSERT INTO salesforce_job_claim (job_id, email, record_ref) VALUES (?, ?, ?)", job,
                    claim.getKey(), claim.getValue());
        }
    }
}
