package io.contactsync.client.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.ClientConfig;
import io.contactsync.client.VendorJson;
import io.contactsync.client.salesforce.SalesforceConnector.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Salesforce Leads and Contacts for the routes, pollers, import and resync (docs/salesforce.md, "Connector"). Records
 * are plain maps of API field names to JSON values ({@code attributes} left out). Every call goes through
 * {@link SalesforceConnector}: counted, retried, paused with the shared allowance ({@link SalesforcePausedException}),
 * refusals as {@link SalesforceRejectedException} naming error codes and fields.
 */
@ApplicationScoped
public class SalesforceClient {

    /** sObject Collections take at most 200 records per call. */
    public static final int COLLECTION_SIZE = 200;
    /**
     * The longest IN list of one lookup query, in characters: SOQL allows 100,000, but the query travels in the URL
     * of a GET, which Salesforce and proxies cap at about 16 KB once encoded.
     */
    public static final int MAX_IN_LIST_CHARS = 8_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final String LEAD_KEY_PREFIX = "00Q";
    private static final List<String> MATCH_FIELDS = List.of("Id", "Email", "CreatedDate", "SystemModstamp");

    @Inject
    SalesforceConnector connector;

    @Inject
    ClientConfig clientConfig;

    @Inject
    ObjectMapper mapper;

    /** Whether Salesforce is configured on ({@code salesforce.enabled}); every other method needs it. */
    public boolean enabled() {
        return connector.enabled();
    }

    // ---- queries

    /** Every record the SOQL query selects, following each {@code nextRecordsUrl}. */
    public List<Map<String, Object>> query(String soql) {
        List<Map<String, Object>> all = new ArrayList<>();
        query(soql, all::addAll);
        return all;
    }

    /** Hands each batch (up to 2,000 records) to {@code page} as it arrives; returns how many records there were. */
    public long query(String soql, Consumer<List<Map<String, Object>>> page) {
        QueryPage batch = queryPage(soql);
        long count = 0;
        while (true) {
            page.accept(batch.records());
            count += batch.records().size();
            if (batch.done()) {
                return count;
            }
            batch = queryMore(batch.nextRecordsUrl());
        }
    }

    /** The first batch of a SOQL query; continue with {@link #queryMore} while it is not done. */
    public QueryPage queryPage(String soql) {
        return page(connector.send("query", null, Operation.QUERY, soql, Map.of()));
    }

    /** The batch at a {@code nextRecordsUrl} of an earlier batch. */
    public QueryPage queryMore(String nextRecordsUrl) {
        return page(connector.send("query-more", null, Operation.QUERY_MORE, nextRecordsUrl, Map.of()));
    }

    /**
     * R2.8: the live Contacts and the unconverted Leads (IsConverted = false) with these emails, one query per object
     * per chunk of emails (SOQL {@code IN}); by lowercase email, only emails that matched. Each record has Id, Email,
     * CreatedDate, SystemModstamp and the given fields. {@link EmailMatch#winner()} picks the record to write to.
     */
    public Map<String, EmailMatch> findByEmails(Collection<String> emails, Collection<String> leadFields,
            Collection<String> contactFields) {
        Set<String> wanted = emails.stream().filter(e -> e != null && !e.isBlank())
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, List<Map<String, Object>>> contacts = new HashMap<>();
        Map<String, List<Map<String, Object>>> leads = new HashMap<>();
        for (String in : inLists(wanted)) {
            byEmail(query("SELECT " + fields(contactFields) + " FROM Contact WHERE Email IN (" + in + ")"), contacts);
            byEmail(query("SELECT " + fields(leadFields) + " FROM Lead WHERE IsConverted = false AND Email IN (" + in
                    + ")"), leads);
        }
        Map<String, EmailMatch> matches = new LinkedHashMap<>();
        for (String email : wanted) {
            if (contacts.containsKey(email) || leads.containsKey(email)) {
                matches.put(email, new EmailMatch(email, contacts.getOrDefault(email, List.of()),
                        leads.getOrDefault(email, List.of())));
            }
        }
        return matches;
    }

    public Map<String, EmailMatch> findByEmails(Collection<String> emails) {
        return findByEmails(emails, List.of(), List.of());
    }

    /**
     * Several SOQL queries in ONE call, Salesforce's {@code /composite} resource with a query subrequest each (one API
     * call against the allocation; at most 5 queries): by reference id (letters, digits, underscores), the records of
     * each query, {@code attributes} left out; a query with more than one batch (2,000 records) is followed with
     * {@link #queryMore}, one call per further batch. Meant for lookups, such as people's Leads and Contacts by email.
     *
     * @throws SalesforceRejectedException naming the subrequest when Salesforce refused one (its error array)
     */
    public Map<String, List<Map<String, Object>>> compositeQuery(Map<String, String> soqlByReference) {
        List<Map<String, Object>> subrequests = new ArrayList<>();
        soqlByReference.forEach((reference, soql) -> subrequests.add(Map.of("method", "GET", "referenceId", reference,
                "url", connector.dataPath() + "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8))));
        String answer = connector.send("composite-query", null, Operation.RAW,
                json(Map.of("allOrNone", false, "compositeRequest", subrequests)),
                Map.of("rawPath", connector.dataPath() + "/composite", "rawMethod", "POST"));
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        for (Map<String, Object> response : VendorJson.objects(read(answer, MAP).get("compositeResponse"))) {
            String reference = String.valueOf(response.get("referenceId"));
            int status = response.get("httpStatusCode") instanceof Number n ? n.intValue() : 0;
            if (status >= 300) {
                List<SalesforceError> errors = response.get("body") instanceof List<?> list
                        ? VendorJson.objects(list).stream().map(SalesforceError::of).toList() : List.of();
                throw new SalesforceRejectedException("composite query " + reference, status, errors,
                        String.valueOf(response.get("body")));
            }
            Map<String, Object> body = response.get("body") instanceof Map<?, ?> ? VendorJson.objects(
                    List.of(response.get("body"))).get(0) : Map.of();
            List<Map<String, Object>> records = new ArrayList<>(VendorJson.objects(body.get("records")));
            records.forEach(SalesforceClient::withoutAttributes);
            String next = Boolean.FALSE.equals(body.get("done")) ? text(body.get("nextRecordsUrl")) : null;
            while (next != null) {
                QueryPage more = queryMore(next);
                records.addAll(more.records());
                next = more.nextRecordsUrl();
            }
            results.put(reference, records);
        }
        return results;
    }

    /**
     * R2.11: the names of the campaigns each Lead or Contact (by id) is a member of, sorted; ids in no campaign are
     * absent. One CampaignMember query per chunk of ids.
     */
    public Map<String, List<String>> campaignNames(Collection<String> leadOrContactIds) {
        Map<String, Set<String>> names = new HashMap<>();
        for (List<String> chunk : chunks(new LinkedHashSet<>(leadOrContactIds))) {
            List<String> filters = new ArrayList<>();
            Map<Boolean, List<String>> leadOrNot = chunk.stream().collect(Collectors.partitioningBy(
                    id -> id.startsWith(LEAD_KEY_PREFIX)));
            if (!leadOrNot.get(true).isEmpty()) {
                filters.add("LeadId IN (" + inList(leadOrNot.get(true)) + ")");
            }
            if (!leadOrNot.get(false).isEmpty()) {
                filters.add("ContactId IN (" + inList(leadOrNot.get(false)) + ")");
            }
            for (Map<String, Object> member : query("SELECT LeadId, ContactId, Campaign.Name FROM CampaignMember"
                    + " WHERE " + String.join(" OR ", filters))) {
                Object campaign = member.get("Campaign") instanceof Map<?, ?> c ? c.get("Name") : null;
                if (campaign == null) {
                    continue;
                }
                for (String key : new String[] {"LeadId", "ContactId"}) {
                    Object id = member.get(key);
                    if (id != null && leadOrContactIds.contains(id.toString())) {
                        names.computeIfAbsent(id.toString(), k -> new TreeSet<>()).add(campaign.toString());
                    }
                }
            }
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        names.forEach((id, set) -> sorted.put(id, List.copyOf(set)));
        return sorted;
    }

    /** The org's active users (Id, Email), every batch of 2,000 followed: the owners a record can get. */
    public List<Map<String, Object>> activeUsers() {
        return query("SELECT Id, Email FROM User WHERE IsActive = true");
    }

    /** Whether each Lead (by id) was converted, and into which Contact; leads Salesforce no longer has are absent. */
    public Map<String, LeadConversion> leadConversions(Collection<String> leadIds) {
        Map<String, LeadConversion> conversions = new LinkedHashMap<>();
        for (String in : inLists(new LinkedHashSet<>(leadIds))) {
            for (Map<String, Object> lead : query("SELECT Id, IsConverted, ConvertedContactId, ConvertedAccountId"
                    + " FROM Lead WHERE Id IN (" + in + ")")) {
                String id = lead.get("Id").toString();
                conversions.put(id, new LeadConversion(id, Boolean.TRUE.equals(lead.get("IsConverted")),
                        text(lead.get("ConvertedContactId")), text(lead.get("ConvertedAccountId"))));
            }
        }
        return conversions;
    }

    // ---- writes

    /**
     * Creates the records with sObject Collections, 200 per call, {@code allOrNone=false}: one result per record, in
     * the order given. Records that failed with UNABLE_TO_LOCK_ROW are sent again (vendor.retry.max-attempts).
     */
    public List<SaveResult> createAll(String object, List<Map<String, Object>> records) {
        return collections("collections-create", "POST", object, records);
    }

    /** Updates the records (each map holds its {@code Id}) as {@link #createAll} creates them. */
    public List<SaveResult> updateAll(String object, List<Map<String, Object>> records) {
        for (Map<String, Object> record : records) {
            if (record.get("Id") == null) {
                throw new IllegalArgumentException("updateAll: every record needs its Id");
            }
        }
        return collections("collections-update", "PATCH", object, records);
    }

    private List<SaveResult> collections(String label, String method, String object,
            List<Map<String, Object>> records) {
        SaveResult[] results = new SaveResult[records.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Integer> locked = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += COLLECTION_SIZE) {
                List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + COLLECTION_SIZE));
                List<Map<String, Object>> body = new ArrayList<>();
                for (int index : chunk) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("attributes", Map.of("type", object));
                    record.putAll(records.get(index));
                    body.add(record);
                }
                String answer = connector.send(label, object, Operation.RAW,
                        json(Map.of("allOrNone", false, "records", body)),
                        Map.of("rawPath", connector.dataPath() + "/composite/sobjects", "rawMethod", method));
                List<Map<String, Object>> saved = read(answer, LIST);
                for (int i = 0; i < chunk.size(); i++) {
                    SaveResult result = SaveResult.of(saved.get(i));
                    results[chunk.get(i)] = result;
                    if (result.locked()) {
                        locked.add(chunk.get(i));
                    }
                }
            }
            pending = attempt < clientConfig.retry().maxAttempts() ? locked : List.of();
        }
        return List.of(results);
    }

    // ---- SOQL text

    /** A SOQL string literal: quoted, with backslashes and quotes escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The values as SOQL IN lists ({@code 'a','b'}) of at most {@link #MAX_IN_LIST_CHARS} characters each. */
    static List<String> inLists(Collection<String> values) {
        return chunks(values).stream().map(SalesforceClient::inList).toList();
    }

    /** The values in chunks whose IN list stays within {@link #MAX_IN_LIST_CHARS} characters. */
    static List<List<String>> chunks(Collection<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String value : values) {
            int more = literal(value).length() + 1;
            if (!current.isEmpty() && length + more > MAX_IN_LIST_CHARS) {
                chunks.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(value);
            length += more;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static String inList(List<String> values) {
        return values.stream().map(SalesforceClient::literal).collect(Collectors.joining(","));
    }

    private static String fields(Collection<String> extra) {
        Set<String> fields = new LinkedHashSet<>(MATCH_FIELDS);
        fields.addAll(extra);
        return String.join(", ", fields);
    }

    private static void byEmail(List<Map<String, Object>> records, Map<String, List<Map<String, Object>>> into) {
        for (Map<String, Object> record : records) {
            Object email = record.get("Email");
            if (email != null) {
                into.computeIfAbsent(email.toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(record);
            }
        }
    }

    private QueryPage page(String answer) {
        Map<String, Object> body = read(answer, MAP);
        List<Map<String, Object>> records = VendorJson.objects(body.get("records"));
        records.forEach(SalesforceClient::withoutAttributes);
        Object next = body.get("nextRecordsUrl");
        boolean done = !Boolean.FALSE.equals(body.get("done"));
        return new QueryPage(records, body.get("totalSize") instanceof Number n ? n.longValue() : records.size(),
                done || next == null ? null : next.toString());
    }

    /** Drops {@code attributes}, of the record and of the related records it holds (Campaign.Name). */
    private static void withoutAttributes(Map<String, Object> record) {
        record.remove("attributes");
        for (Object value : record.values()) {
            if (value instanceof Map<?, ?> related) {
                related.remove("attributes");
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String answer, TypeReference<T> type) {
        try {
            return mapper.readValue(answer, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SalesforceRejectedException("read answer", 200, List.of(), "unreadable JSON: " + e.getMessage());
        }
    }
}
