package io.contactsync.salesforce;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stores {@link SalesforceLink}s ({@code salesforce_link}): one per HubSpot contact and one per Salesforce record.
 * Reads and writes go to the database at once (no cache), so every replica sees the same links.
 */
@ApplicationScoped
public class SalesforceLinkRepository {

    private static final String COLUMNS = "id, hubspot_id, salesforce_id, salesforce_type, email, hubspot_snapshot,"
            + " salesforce_snapshot, salesforce_modstamp, updated_at";
    private static final int IN_CHUNK = 500;
    private static final TypeReference<TreeMap<String, Object>> SNAPSHOT = new TypeReference<>() {
    };

    @Inject
    Database database;

    @Inject
    ObjectMapper mapper;

    public Optional<SalesforceLink> byHubSpotId(String hubspotId) {
        return Jdbc.inTransaction(database, c -> one(c, "hubspot_id", hubspotId));
    }

    /** By the Salesforce record's id (18 characters, as the API answers it). */
    public Optional<SalesforceLink> bySalesforceId(String salesforceId) {
        return Jdbc.inTransaction(database, c -> one(c, "salesforce_id", salesforceId));
    }

    /** The links recorded for an email (any case). */
    public List<SalesforceLink> byEmail(String email) {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM salesforce_link"
                + " WHERE email = ? ORDER BY id", this::read, normalized(email)));
    }

    /** The links of these HubSpot contacts, by HubSpot id (one query per 500 ids): for imports and resyncs. */
    public Map<String, SalesforceLink> byHubSpotIds(Collection<String> hubspotIds) {
        return many("hubspot_id", hubspotIds, SalesforceLink::hubspotId);
    }

    /** The links of these Salesforce records, by Salesforce id (one query per 500 ids): for the poller. */
    public Map<String, SalesforceLink> bySalesforceIds(Collection<String> salesforceIds) {
        return many("salesforce_id", salesforceIds, SalesforceLink::salesforceId);
    }

    /**
     * Records the link after a sync: updates the link of the HubSpot contact (or else of the Salesforce record), or
     * adds one. A link the Salesforce record had with another HubSpot contact is replaced: each side links once.
     */
    public SalesforceLink save(SalesforceLink link) {
        return Jdbc.inTransaction(database, c -> {
            Optional<SalesforceLink> byHubSpot = one(c, "hubspot_id", link.hubspotId());
            Optional<SalesforceLink> bySalesforce = one(c, "salesforce_id", link.salesforceId());
            if (byHubSpot.isPresent() && bySalesforce.isPresent() && byHubSpot.get().id() != bySalesforce.get().id()) {
                Jdbc.update(c, "DELETE FROM salesforce_link WHERE id = ?", bySalesforce.get().id());
            }
            Optional<SalesforceLink> existing = byHubSpot.or(() -> bySalesforce);
            Object[] values = {link.hubspotId(), link.salesforceId(), link.salesforceType(), normalized(link.email()),
                write(link.hubspotSnapshot()), write(link.salesforceSnapshot()), link.salesforceModstamp(),
                Instant.now()};
            if (existing.isPresent()) {
                Object[] withId = java.util.Arrays.copyOf(values, values.length + 1);
                withId[values.length] = existing.get().id();
                Jdbc.update(c, "UPDATE salesforce_link SET hubspot_id = ?, salesforce_id = ?, salesforce_type = ?,"
                        + " email = ?, hubspot_snapshot = ?, salesforce_snapshot = ?, salesforce_modstamp = ?,"
                        + " updated_at = ? WHERE id = ?", withId);
            } else {
                Jdbc.update(c, "INSERT INTO salesforce_link (hubspot_id, salesforce_id, salesforce_type, email,"
                        + " hubspot_snapshot, salesforce_snapshot, salesforce_modstamp, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            return one(c, "hubspot_id", link.hubspotId()).orElseThrow();
        });
    }

    /**
     * A Lead was converted: its link now points at the Contact it became, so the HubSpot contact stays the same one.
     * The Salesforce snapshot and SystemModstamp are cleared (the Contact was never written by us: the next sync
     * compares with it). If the Contact already has a link of its own, that one is kept and the Lead's is removed.
     * Returns the Contact's link; empty when the Lead had none.
     */
    public Optional<SalesforceLink> moveToContact(String leadId, String contactId) {
        return Jdbc.inTransaction(database, c -> {
            Optional<SalesforceLink> lead = one(c, "salesforce_id", leadId);
            if (lead.isEmpty()) {
                return Optional.empty();
            }
            Optional<SalesforceLink> contact = one(c, "salesforce_id", contactId);
            if (contact.isPresent()) {
                Jdbc.update(c, "DELETE FROM salesforce_link WHERE id = ?", lead.get().id());
                return contact;
            }
            Jdbc.update(c, "UPDATE salesforce_link SET salesforce_id = ?, salesforce_type = ?, salesforce_snapshot = NULL,"
                    + " salesforce_modstamp = NULL, updated_at = ? WHERE id = ?", contactId, SalesforceLink.CONTACT,
                    Instant.now(), lead.get().id());
            return one(c, "salesforce_id", contactId);
        });
    }

    private Optional<SalesforceLink> one(Connection c, String column, String value) throws SQLException {
        if (value == null) {
            return Optional.empty();
        }
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM salesforce_link WHERE " + column + " = ?", this::read, value)
                .stream().findFirst();
    }

    private Map<String, SalesforceLink> many(String column, Collection<String> ids,
            java.util.function.Function<SalesforceLink, String> key) {
        List<String> all = ids.stream().filter(id -> id != null).distinct().toList();
        Map<String, SalesforceLink> found = new LinkedHashMap<>();
        Jdbc.inTransaction(database, c -> {
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                String marks = chunk.stream().map(id -> "?").collect(Collectors.joining(","));
                for (SalesforceLink link : Jdbc.query(c, "SELECT " + COLUMNS + " FROM salesforce_link WHERE " + column
                        + " IN (" + marks + ")", this::read, chunk.toArray())) {
                    found.put(key.apply(link), link);
                }
            }
            return null;
        });
        return found;
    }

    private SalesforceLink read(ResultSet rs) throws SQLException {
        return new SalesforceLink(rs.getLong("id"), rs.getString("hubspot_id"), rs.getString("salesforce_id"),
                rs.getString("salesforce_type"), rs.getString("email"), read(rs.getString("hubspot_snapshot")),
                read(rs.getString("salesforce_snapshot")), instant(rs.getTimestamp("salesforce_modstamp")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static String normalized(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private String write(Map<String, Object> snapshot) {
        try {
            return snapshot == null ? null : mapper.writeValueAsString(new TreeMap<>(snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> read(String json) {
        try {
            return json == null ? null : mapper.readValue(json, SNAPSHOT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
