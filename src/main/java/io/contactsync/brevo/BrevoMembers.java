package io.contactsync.brevo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The brevo_member table: HubSpot list membership as last seen, and the link to what Brevo holds. */
@ApplicationScoped
public class BrevoMembers {

    private static final String COLUMNS = "integration, hubspot_id, in_list, brevo_id, brevo_email, brevo_sms,"
            + " in_brevo_list, fingerprint, deferred";

    @Inject
    Database database;

    public Optional<BrevoMember> find(String integration, String hubspotId) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM brevo_member WHERE integration = ? AND hubspot_id = ?", BrevoMembers::read, integration,
                hubspotId)).stream().findFirst();
    }

    /** Integrations for which this HubSpot contact is a member, or was written and may have to be removed. */
    public List<String> integrationsOf(String hubspotId) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT integration FROM brevo_member"
                + " WHERE hubspot_id = ? AND (in_list OR in_brevo_list OR deferred)", rs -> rs.getString(1),
                hubspotId));
    }

    /** Who entered and who left the HubSpot list since the last read, each sorted. */
    public record MembershipChange(List<String> entered, List<String> left) {
    }

    /** Records the list's members read just now, in the caller's transaction, and tells what changed. */
    public MembershipChange recordMembership(Connection c, String integration, Collection<String> memberIds)
            throws SQLException {
        Set<String> now = new HashSet<>(memberIds);
        Set<String> before = new HashSet<>(Jdbc.query(c, "SELECT hubspot_id FROM brevo_member WHERE integration = ?"
                + " AND in_list", rs -> rs.getString(1), integration));
        List<String> entered = now.stream().filter(id -> !before.contains(id)).sorted().toList();
        List<String> left = before.stream().filter(id -> !now.contains(id)).sorted().toList();
        setInList(c, integration, entered, true);
        setInList(c, integration, left, false);
        return new MembershipChange(entered, left);
    }

    public List<BrevoMember> all(Connection c, String integration, Collection<String> hubspotIds) throws SQLException {
        if (hubspotIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(hubspotIds.size(), "?"));
        Object[] parameters = new Object[hubspotIds.size() + 1];
        parameters[0] = integration;
        int i = 1;
        for (String id : hubspotIds) {
            parameters[i++] = id;
        }
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM brevo_member WHERE integration = ? AND hubspot_id IN ("
                + marks + ")", BrevoMembers::read, parameters);
    }

    private void setInList(Connection c, String integration, Collection<String> hubspotIds, boolean inList)
            throws SQLException {
        Instant now = Instant.now();
        for (String id : hubspotIds) {
            if (Jdbc.update(c, "UPDATE brevo_member SET in_list = ?, updated_at = ? WHERE integration = ?"
                    + " AND hubspot_id = ?", inList, now, integration, id) == 0 && inList) {
                Jdbc.update(c, "INSERT INTO brevo_member (integration, hubspot_id, in_list, in_brevo_list, deferred,"
                        + " updated_at) VALUES (?, ?, TRUE, FALSE, FALSE, ?)", integration, id, now);
            }
        }
    }

    /** After a write to Brevo: the link, the fingerprint, and that the contact is in the Brevo list. */
    public void written(Connection c, BrevoMember m) throws SQLException {
        Jdbc.update(c, "UPDATE brevo_member SET brevo_id = ?, brevo_email = ?, brevo_sms = ?, in_brevo_list = ?,"
                + " fingerprint = ?, deferred = FALSE, updated_at = ? WHERE integration = ? AND hubspot_id = ?",
                m.brevoId(), m.brevoEmail(), m.brevoSms(), m.inBrevoList(), m.fingerprint(), Instant.now(),
                m.integration(), m.hubspotId());
    }

    public void written(BrevoMember member) {
        Jdbc.inTransaction(database, c -> {
            written(c, member);
            return null;
        });
    }

    public void defer(String integration, Collection<String> hubspotIds) {
        Jdbc.inTransaction(database, c -> {
            for (String id : hubspotIds) {
                Jdbc.update(c, "UPDATE brevo_member SET deferred = TRUE, updated_at = ? WHERE integration = ?"
                        + " AND hubspot_id = ?", Instant.now(), integration, id);
            }
            return null;
        });
    }

    /** Up to {@code limit} members waiting for quota, as (integration, HubSpot id). */
    public List<String[]> deferred(Connection c, int limit) throws SQLException {
        return Jdbc.query(c, "SELECT integration, hubspot_id FROM brevo_member WHERE deferred ORDER BY updated_at"
                + " LIMIT ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, limit);
    }

    public void undefer(Connection c, String integration, String hubspotId) throws SQLException {
        Jdbc.update(c, "UPDATE brevo_member SET deferred = FALSE WHERE integration = ? AND hubspot_id = ?",
                integration, hubspotId);
    }

    public long countDeferred() {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT COUNT(*) FROM brevo_member WHERE deferred",
                rs -> rs.getLong(1))).get(0);
    }

    private static BrevoMember read(ResultSet rs) throws SQLException {
        long id = rs.getLong("brevo_id");
        Long brevoId = rs.wasNull() ? null : id;
        return new BrevoMember(rs.getString("integration"), rs.getString("hubspot_id"), rs.getBoolean("in_list"),
                brevoId, rs.getString("brevo_email"), rs.getString("brevo_sms"),
                rs.getBoolean("in_brevo_list"), rs.getString("fingerprint"), rs.getBoolean("deferred"));
    }
}
