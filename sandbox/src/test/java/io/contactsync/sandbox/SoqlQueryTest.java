package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.contactsync.sandbox.SalesforceOrgStore.SaveContext;

/** The SOQL subset selects, filters, sorts and renders records as Salesforce's query resource does. */
class SoqlQueryTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String USER = SalesforceIds.generate("005", 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SalesforceOrgStore store = new SalesforceOrgStore(clock, SalesforceIds.generate("00D", 1), USER,
            SalesforceIds.generate("005", 2));
    private String ada;
    private String grace;
    private String edsger;

    @BeforeEach
    void seed() {
        store.setDuplicateRule("Lead", SalesforceDuplicateRule.OFF);
        ada = create("Lead", Map.of("FirstName", "Ada", "LastName", "Lovelace", "Company", "AE",
                "Email", "Ada@Example.org", "NumberOfEmployees", 10));
        clock.advanceMillis(60_000);
        grace = create("Lead", Map.of("FirstName", "Grace", "LastName", "Hopper", "Company", "Navy",
                "Email", "grace@example.org", "NumberOfEmployees", 5000, "HasOptedOutOfEmail", true));
        clock.advanceMillis(60_000);
        edsger = create("Lead", Map.of("LastName", "Dijkstra", "Company", "TU/e", "NumberOfEmployees", 300));
    }

    @Test
    void equalityOnTextIgnoresCase() {
        assertEquals(List.of(ada), ids("SELECT Id FROM Lead WHERE Email = 'ada@EXAMPLE.org'"));
        assertEquals(List.of(ada), ids("select id from lead where email = 'ada@example.org'"));
    }

    @Test
    void notEqualsAlsoMatchesNullsAndComparesWithNullNeedEqualsOrNotEquals() {
        assertEquals(List.of(grace, edsger), ids("SELECT Id FROM Lead WHERE Email != 'ada@example.org'"));
        assertEquals(List.of(grace, edsger), ids("SELECT Id FROM Lead WHERE Email <> 'ada@example.org'"));
        assertEquals(List.of(edsger), ids("SELECT Id FROM Lead WHERE Email = null"));
        assertEquals(List.of(ada, grace), ids("SELECT Id FROM Lead WHERE Email != null"));
    }

    @Test
    void inNotInAndNumberComparisons() {
        assertEquals(List.of(ada, grace), ids("SELECT Id FROM Lead WHERE Email IN ('grace@example.org', 'ADA@example.org')"));
        assertEquals(List.of(edsger), ids("SELECT Id FROM Lead WHERE Email NOT IN ('grace@example.org', 'ada@example.org')"));
        assertEquals(List.of(grace, edsger), ids("SELECT Id FROM Lead WHERE NumberOfEmployees > 10"));
        assertEquals(List.of(ada, grace, edsger), ids("SELECT Id FROM Lead WHERE NumberOfEmployees >= 10"));
        assertEquals(List.of(ada), ids("SELECT Id FROM Lead WHERE NumberOfEmployees < 300"));
        assertEquals(List.of(ada, edsger), ids("SELECT Id FROM Lead WHERE NumberOfEmployees <= 300"));
    }

    @Test
    void andOrNotAndParentheses() {
        assertEquals(List.of(grace), ids("SELECT Id FROM Lead WHERE NumberOfEmployees > 10 AND HasOptedOutOfEmail = true"));
        assertEquals(List.of(ada, edsger), ids("SELECT Id FROM Lead WHERE Email = 'ada@example.org' OR Email = null"));
        assertEquals(List.of(ada, edsger), ids(
                "SELECT Id FROM Lead WHERE (Email = 'ada@example.org' OR Email = null) AND NumberOfEmployees < 1000"));
        assertEquals(List.of(grace, edsger), ids("SELECT Id FROM Lead WHERE NOT Email = 'ada@example.org'"));
        assertEquals(List.of(ada, grace), ids("SELECT Id FROM Lead WHERE Email LIKE '%@example.ORG'"));
    }

    @Test
    void datetimeLiteralsInBothFormsCompareWithSystemModstamp() {
        assertEquals(List.of(grace, edsger), ids("SELECT Id FROM Lead WHERE SystemModstamp > 2026-12-01T10:00:00Z"));
        assertEquals(List.of(edsger), ids("SELECT Id FROM Lead WHERE SystemModstamp >= 2026-12-01T10:02:00.000+0000"));
        assertEquals(List.of(edsger), ids("SELECT Id FROM Lead WHERE SystemModstamp > 2026-12-01T11:01:30+01:00"));
        assertEquals(List.of(ada), ids("SELECT Id FROM Lead WHERE CreatedDate < 2026-12-01T10:01:00.000Z"));
    }

    @Test
    void orderByLimitAndOffset() {
        assertEquals(List.of(grace, edsger, ada), ids("SELECT Id FROM Lead ORDER BY NumberOfEmployees DESC"));
        assertEquals(List.of(edsger, ada, grace), ids("SELECT Id FROM Lead ORDER BY Email"), "nulls first ascending");
        assertEquals(List.of(grace, ada, edsger), ids("SELECT Id FROM Lead ORDER BY Email DESC"), "nulls last descending");
        assertEquals(List.of(ada, grace, edsger), ids("SELECT Id FROM Lead ORDER BY Email ASC NULLS LAST"));
        assertEquals(List.of(edsger), ids("SELECT Id FROM Lead ORDER BY LastName LIMIT 1"));
        assertEquals(List.of(grace), ids("SELECT Id FROM Lead ORDER BY LastName LIMIT 1 OFFSET 1"));
    }

    @Test
    void aRecordIsRenderedWithAttributesThenTheSelectedFieldsInTheirApiSpelling() {
        SoqlQuery query = SoqlParser.parse("SELECT email, lastname, SystemModstamp, NumberOfEmployees, IsConverted "
                + "FROM lead WHERE Id = '" + ada.substring(0, 15) + "'", store.schema());
        Map<String, Object> record = query.render(query.run(store, false).get(0), store, "v61.0");

        assertEquals(List.of("attributes", "Email", "LastName", "SystemModstamp", "NumberOfEmployees", "IsConverted"),
                List.copyOf(record.keySet()));
        assertEquals(Map.of("type", "Lead", "url", "/services/data/v61.0/sobjects/Lead/" + ada), record.get("attributes"));
        assertEquals("2026-12-01T10:00:00.000+0000", record.get("SystemModstamp"));
        assertEquals(10L, record.get("NumberOfEmployees"));
        assertEquals(Boolean.FALSE, record.get("IsConverted"));
    }

    @Test
    void campaignNameIsANestedObjectOnCampaignMembers() {
        String campaign = create("Campaign", Map.of("Name", "Spring launch"));
        String member = create("CampaignMember", Map.of("CampaignId", campaign, "LeadId", grace));

        SoqlQuery query = SoqlParser.parse("SELECT Id, LeadId, Campaign.Name, Campaign.IsActive FROM CampaignMember "
                + "WHERE Campaign.Name = 'spring launch'", store.schema());
        List<Map<String, Object>> rows = query.run(store, false);
        Map<String, Object> record = query.render(rows.get(0), store, "v66.0");

        assertEquals(member, record.get("Id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) record.get("Campaign");
        assertEquals("Spring launch", nested.get("Name"));
        assertEquals(Boolean.FALSE, nested.get("IsActive"));
        assertEquals(Map.of("type", "Campaign", "url", "/services/data/v66.0/sobjects/Campaign/" + campaign),
                nested.get("attributes"));
    }

    @Test
    void aLookupThatIsNotSetRendersTheRelationshipAsNull() {
        String orphan = create("Contact", Map.of("LastName", "Alone"));
        SoqlQuery query = SoqlParser.parse("SELECT Id, Account.Name FROM Contact", store.schema());

        Map<String, Object> record = query.render(query.run(store, false).get(0), store, "v66.0");

        assertEquals(orphan, record.get("Id"));
        assertTrue(record.containsKey("Account"));
        assertNull(record.get("Account"));
    }

    @Test
    void queryAllAlsoSeesDeletedRecordsAndIsDeletedFilters() {
        store.delete(store.resolve(null, ada).record(), new SaveContext(USER, true, false, "v66.0", null));

        assertEquals(List.of(grace, edsger), ids("SELECT Id FROM Lead"));
        SoqlQuery all = SoqlParser.parse("SELECT Id FROM Lead WHERE IsDeleted = true", store.schema());
        assertEquals(List.of(ada), all.run(store, true).stream().map(r -> r.get("Id")).toList());
    }

    @Test
    void countOnlyCountsTheMatches() {
        SoqlQuery count = SoqlParser.parse("SELECT COUNT() FROM Lead WHERE Email != null", store.schema());

        assertTrue(count.countOnly());
        assertEquals(2, count.run(store, false).size());
        assertFalse(SoqlParser.parse("SELECT Id FROM Lead", store.schema()).countOnly());
    }

    @Test
    void idsInFiltersMayHave15Or18Characters() {
        assertEquals(List.of(grace), ids("SELECT Id FROM Lead WHERE Id IN ('" + grace.substring(0, 15) + "')"));
        assertEquals(List.of(grace), ids("SELECT Id FROM Lead WHERE Id = '" + grace.toLowerCase() + "'"));
    }

    private List<Object> ids(String soql) {
        SoqlQuery query = SoqlParser.parse(soql, store.schema());
        return query.run(store, false).stream().map(row -> row.get("Id")).toList();
    }

    private String create(String object, Map<String, ?> fields) {
        SalesforceSObject type = store.object(object).orElseThrow();
        SalesforceOrgStore.SaveResult result = store.create(type, store.readFields(type, JSON.valueToTree(fields)),
                new SaveContext(USER, true, false, "v66.0", null));
        assertTrue(result.success(), result.toString());
        return result.id();
    }
}
