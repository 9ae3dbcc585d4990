package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.contactsync.sandbox.SalesforceOrgStore.Resolution;
import io.contactsync.sandbox.SalesforceOrgStore.SaveContext;
import io.contactsync.sandbox.SalesforceOrgStore.SaveResult;
import io.contactsync.sandbox.SalesforceOrgStore.StoredRecord;

/** The simulated org saves records as Salesforce documents it: checks and their error codes, audit fields, rules. */
class SalesforceOrgStoreTest {

    private static final String API_USER = SalesforceIds.generate("005", 1);
    private static final String UI_USER = SalesforceIds.generate("005", 2);
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.750Z"));
    private final SalesforceOrgStore store = new SalesforceOrgStore(clock, SalesforceIds.generate("00D", 1), API_USER,
            UI_USER);
    private final SalesforceSObject lead = store.object("Lead").orElseThrow();
    private final SalesforceSObject contact = store.object("Contact").orElseThrow();

    @Test
    void aNewLeadGetsAnIdWithItsKeyPrefixDefaultsAndAuditFieldsInWholeSeconds() {
        SaveResult result = store.create(lead, fields(lead, Map.of("LastName", "Lovelace", "FirstName", "Ada",
                "Company", "Analytical Engines")), api());

        assertTrue(result.success());
        assertTrue(result.id().startsWith("00Q") && result.id().length() == 18, result.id());
        Map<String, Object> row = store.row(result.id()).orElseThrow();
        Instant second = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(second, row.get("CreatedDate"));
        assertEquals(second, row.get("SystemModstamp"));
        assertEquals(second, row.get("LastModifiedDate"));
        assertEquals(API_USER, row.get("LastModifiedById"));
        assertEquals(API_USER, row.get("CreatedById"));
        assertEquals(API_USER, row.get("OwnerId"));
        assertEquals("Open - Not Contacted", row.get("Status"));
        assertEquals(Boolean.FALSE, row.get("IsConverted"));
        assertEquals(Boolean.FALSE, row.get("IsDeleted"));
        assertEquals(Boolean.FALSE, row.get("HasOptedOutOfEmail"));
        assertEquals("Ada Lovelace", row.get("Name"));
        assertNull(row.get("Email"), "every field of the object is in the row, unset ones null");
        assertTrue(row.containsKey("Email"));
    }

    @Test
    void missingRequiredFieldsAreNamedInOneErrorAndAnEmptyTextCountsAsMissing() {
        SaveResult result = store.create(lead, fields(lead, Map.of("FirstName", "Ada", "Company", "")), api());

        assertFalse(result.success());
        SalesforceError error = result.errors().get(0);
        assertEquals("REQUIRED_FIELD_MISSING", error.errorCode());
        assertEquals("Required fields are missing: [LastName, Company]", error.message());
        assertEquals(List.of("LastName", "Company"), error.fields());
        assertEquals(0, store.size());
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndUnknownOnesFailTheWholeRequest() {
        Map<String, Object> values = fields(lead, Map.of("lastname", "Lovelace", "COMPANY", "AE"));
        assertEquals(Set.of("LastName", "Company"), values.keySet());

        SalesforceApiException unknown = assertThrows(SalesforceApiException.class,
                () -> fields(lead, Map.of("LastName", "L", "Foo", "x")));
        assertEquals(400, unknown.status());
        assertEquals("INVALID_FIELD", unknown.errorCode());
        assertEquals("No such column 'Foo' on sobject of type Lead", unknown.errors().get(0).message());
        assertNull(unknown.errors().get(0).fields(), "a deserialisation error has no fields member");
    }

    @Test
    void valuesAreReadAsTheFieldTypeOrFailWithAJsonParserError() {
        Map<String, Object> values = fields(lead, Map.of("NumberOfEmployees", "120", "AnnualRevenue", 1500000,
                "DoNotCall", "true"));
        assertEquals(120L, values.get("NumberOfEmployees"));
        assertEquals(1500000.0, values.get("AnnualRevenue"));
        assertEquals(Boolean.TRUE, values.get("DoNotCall"));

        SalesforceApiException e = assertThrows(SalesforceApiException.class,
                () -> fields(lead, Map.of("NumberOfEmployees", "many")));
        assertEquals("JSON_PARSER_ERROR", e.errorCode());
        assertTrue(e.errors().get(0).message().contains("Cannot deserialize instance of int from VALUE_STRING value many"));
        SalesforceApiException date = assertThrows(SalesforceApiException.class,
                () -> fields(contact, Map.of("Birthdate", "17/05/1990")));
        assertEquals("JSON_PARSER_ERROR", date.errorCode());
    }

    @Test
    void readOnlyFieldsAndAnIdOnCreateAreRefused() {
        SaveResult converted = store.create(lead, fields(lead, ordered("LastName", "L", "Company", "C",
                "IsConverted", true, "SystemModstamp", "2026-01-01T00:00:00Z")), api());
        assertEquals("INVALID_FIELD_FOR_INSERT_UPDATE", converted.errors().get(0).errorCode());
        assertEquals(List.of("IsConverted", "SystemModstamp"), converted.errors().get(0).fields());
        assertTrue(converted.errors().get(0).message().startsWith(
                "Unable to create/update fields: IsConverted, SystemModstamp."));

        SaveResult withId = store.create(lead, fields(lead, Map.of("Id", "00Q000000000001", "LastName", "L",
                "Company", "C")), api());
        assertEquals("INVALID_FIELD", withId.errors().get(0).errorCode());
        assertEquals("cannot specify Id in an insert call", withId.errors().get(0).message());
    }

    @Test
    void lengthEmailAndRestrictedPicklistErrorsNameTheirFields() {
        SaveResult result = store.create(lead, fields(lead, ordered("LastName", "L".repeat(81), "Company", "C",
                "Email", "not-an-email", "Status", "Hot")), api());

        assertFalse(result.success());
        assertEquals(List.of("STRING_TOO_LONG", "INVALID_EMAIL_ADDRESS", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
                result.errors().stream().map(SalesforceError::errorCode).toList());
        assertEquals("Last Name: data value too large: " + "L".repeat(81) + " (max length=80)",
                result.errors().get(0).message());
        assertEquals("Email: invalid email address: not-an-email", result.errors().get(1).message());
        assertEquals("Lead Status: bad value for restricted picklist field: Hot", result.errors().get(2).message());
        assertEquals(List.of("Status"), result.errors().get(2).fields());
    }

    @Test
    void lookupsMustNameALiveRecordOfTheRightObjectAndAreStoredAs18Characters() {
        String account = store.create(store.object("Account").orElseThrow(),
                fields(store.object("Account").orElseThrow(), Map.of("Name", "Acme")), api()).id();
        String aLead = newLead("x@example.org");

        assertEquals("MALFORMED_ID", contactWithAccount("nonsense").errors().get(0).errorCode());
        SalesforceError wrongType = contactWithAccount(aLead).errors().get(0);
        assertEquals("FIELD_INTEGRITY_EXCEPTION", wrongType.errorCode());
        assertEquals("Account ID: id value of incorrect type: " + aLead, wrongType.message());
        assertEquals(List.of("AccountId"), wrongType.fields());
        assertEquals("INVALID_CROSS_REFERENCE_KEY",
                contactWithAccount(SalesforceIds.generate("001", 99)).errors().get(0).errorCode());

        SaveResult ok = contactWithAccount(account.substring(0, 15));
        assertTrue(ok.success());
        assertEquals(account, store.row(ok.id()).orElseThrow().get("AccountId"));
    }

    @Test
    void anUpdateRecordsWhoChangedItAndWhenEvenWithoutAChangedValue() {
        String id = newLead("ada@example.org");
        clock.advanceMillis(61_000);

        SaveResult result = store.update(record(id), fields(lead, Map.of("Title", "Countess")), ui());

        assertTrue(result.success());
        Map<String, Object> row = store.row(id).orElseThrow();
        assertEquals("Countess", row.get("Title"));
        assertEquals(UI_USER, row.get("LastModifiedById"));
        assertEquals(API_USER, row.get("CreatedById"));
        assertEquals(Instant.parse("2026-12-01T10:01:01Z"), row.get("SystemModstamp"));
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), row.get("CreatedDate"));

        clock.advanceMillis(5_000);
        store.update(record(id), Map.of(), api());
        assertEquals(Instant.parse("2026-12-01T10:01:06Z"), store.row(id).orElseThrow().get("SystemModstamp"));
        assertEquals(API_USER, store.row(id).orElseThrow().get("LastModifiedById"));
    }

    @Test
    void clearingARequiredFieldOnUpdateFails() {
        String id = newLead("ada@example.org");
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("Company", null);

        SaveResult result = store.update(record(id), clear, api());

        assertEquals("REQUIRED_FIELD_MISSING", result.errors().get(0).errorCode());
        assertEquals("Lovelace Ltd", store.row(id).orElseThrow().get("Company"));
    }

    @Test
    void theStandardDuplicateRuleAlertsOnTheSameEmailUnlessTheCallAllowsSave() {
        String first = newLead("Ada@Example.org");

        SaveResult duplicate = store.create(lead, leadFields("ada@example.org"), api());
        assertFalse(duplicate.success());
        SalesforceError error = duplicate.errors().get(0);
        assertEquals("DUPLICATES_DETECTED", error.errorCode());
        assertEquals("Use one of these records?", error.message());
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) error.extra().get("duplicateResult");
        assertEquals(Boolean.TRUE, result.get("allowSave"));
        assertTrue(result.toString().contains(first), result.toString());

        assertTrue(store.create(lead, leadFields("ada@example.org"), allowSave()).success());

        store.setDuplicateRule("Lead", SalesforceDuplicateRule.BLOCK);
        assertFalse(store.create(lead, leadFields("ada@example.org"), allowSave()).success());
        store.setDuplicateRule("Lead", SalesforceDuplicateRule.OFF);
        assertTrue(store.create(lead, leadFields("ada@example.org"), api()).success());
    }

    @Test
    void recordsCreatedByOneCallAreNotComparedWithEachOther() {
        Set<String> sameCall = new HashSet<>();
        SaveContext batch = new SaveContext(API_USER, true, false, "v66.0", sameCall);

        assertTrue(store.create(lead, leadFields("twin@example.org"), batch).success());
        assertTrue(store.create(lead, leadFields("twin@example.org"), batch).success());
        assertFalse(store.create(lead, leadFields("twin@example.org"), api()).success(), "a later call is compared");
    }

    @Test
    void aValidationRuleFailsTheSaveWithItsMessageAtItsField() {
        store.addValidationRule(new SalesforceOrgStore.ValidationRule("Lead", "Phone_Required",
                row -> row.get("Phone") == null, "A phone number is required", "Phone"));
        store.addValidationRule(new SalesforceOrgStore.ValidationRule("Lead", "No_Test_Company",
                row -> "Test".equals(row.get("Company")), "No test companies", null));

        SaveResult result = store.create(lead, fields(lead, Map.of("LastName", "L", "Company", "Test")), api());

        assertEquals(2, result.errors().size());
        assertEquals("FIELD_CUSTOM_VALIDATION_EXCEPTION", result.errors().get(0).errorCode());
        assertEquals("A phone number is required", result.errors().get(0).message());
        assertEquals(List.of("Phone"), result.errors().get(0).fields());
        assertEquals(List.of(), result.errors().get(1).fields());
        store.clearValidationRules();
        assertTrue(store.create(lead, fields(lead, Map.of("LastName", "L", "Company", "Test")), api()).success());
    }

    @Test
    void injectedLockErrorsHitOnlyApiSaves() {
        store.failNextApiWritesWithLockError(1);

        assertTrue(store.create(lead, leadFields("ui@example.org"), ui()).success());
        SaveResult locked = store.create(lead, leadFields("api@example.org"), api());
        assertEquals("UNABLE_TO_LOCK_ROW", locked.errors().get(0).errorCode());
        assertEquals("unable to obtain exclusive access to this record", locked.errors().get(0).message());
        assertTrue(store.create(lead, leadFields("api@example.org"), api()).success());
    }

    @Test
    void aDeletedRecordGoesToTheRecycleBinWithItsAccountsContacts() {
        SalesforceSObject accountType = store.object("Account").orElseThrow();
        String account = store.create(accountType, fields(accountType, Map.of("Name", "Acme")), api()).id();
        String person = contactWithAccount(account).id();

        assertTrue(store.delete(record(account), ui()).success());

        assertEquals(Resolution.DELETED, store.resolve(contact, person).resolution());
        assertTrue(store.rows(contact, false).isEmpty());
        Map<String, Object> deleted = store.rows(contact, true).get(0);
        assertEquals(Boolean.TRUE, deleted.get("IsDeleted"));
        assertEquals(UI_USER, deleted.get("LastModifiedById"));
        assertEquals(1, store.deletedBetween(contact, Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")).size());
    }

    @Test
    void aConvertedLeadPointsAtItsNewAccountAndContactAndCanNoLongerBeUpdated() {
        String leadId = newLead("ada@example.org");
        SalesforceSObject campaignType = store.object("Campaign").orElseThrow();
        SalesforceSObject memberType = store.object("CampaignMember").orElseThrow();
        String campaign = store.create(campaignType, fields(campaignType, Map.of("Name", "Launch")), ui()).id();
        String member = store.create(memberType, fields(memberType, Map.of("CampaignId", campaign, "LeadId", leadId)),
                ui()).id();
        clock.advanceMillis(2_000);

        SalesforceConvertedLead converted = store.convertLead(leadId, null, null, UI_USER);

        Map<String, Object> row = store.row(leadId).orElseThrow();
        assertEquals(Boolean.TRUE, row.get("IsConverted"));
        assertEquals(converted.contactId(), row.get("ConvertedContactId"));
        assertEquals(converted.accountId(), row.get("ConvertedAccountId"));
        assertEquals(LocalDate.parse("2026-12-01"), row.get("ConvertedDate"));
        assertEquals("Closed - Converted", row.get("Status"));
        assertEquals(UI_USER, row.get("LastModifiedById"));
        Map<String, Object> newContact = store.row(converted.contactId()).orElseThrow();
        assertEquals("ada@example.org", newContact.get("Email"));
        assertEquals(converted.accountId(), newContact.get("AccountId"));
        assertEquals("Lovelace Ltd", store.row(converted.accountId()).orElseThrow().get("Name"));
        assertEquals(converted.contactId(), store.row(member).orElseThrow().get("ContactId"));

        SaveResult update = store.update(record(leadId), fields(lead, Map.of("Title", "x")), api());
        assertEquals("CANNOT_UPDATE_CONVERTED_LEAD", update.errors().get(0).errorCode());
        assertTrue(store.create(lead, leadFields("ada@example.org"), api()).success(),
                "a converted lead is no duplicate");
    }

    @Test
    void aCampaignMemberNamesALeadOrContactOnceAndShowsTheirEmail() {
        SalesforceSObject campaignType = store.object("Campaign").orElseThrow();
        SalesforceSObject memberType = store.object("CampaignMember").orElseThrow();
        String campaign = store.create(campaignType, fields(campaignType, Map.of("Name", "Launch")), api()).id();
        String leadId = newLead("grace@example.org");

        String member = store.create(memberType, fields(memberType, Map.of("CampaignId", campaign, "LeadId", leadId)),
                api()).id();
        assertEquals("grace@example.org", store.row(member).orElseThrow().get("Email"));
        assertEquals("Lead", store.row(member).orElseThrow().get("Type"));
        assertEquals("Sent", store.row(member).orElseThrow().get("Status"));

        SaveResult again = store.create(memberType, fields(memberType, Map.of("CampaignId", campaign, "LeadId",
                leadId)), api());
        assertEquals("DUPLICATE_VALUE", again.errors().get(0).errorCode());
        assertEquals("Already a campaign member.", again.errors().get(0).message());
        SaveResult nobody = store.create(memberType, fields(memberType, Map.of("CampaignId", campaign)), api());
        assertEquals("REQUIRED_FIELD_MISSING", nobody.errors().get(0).errorCode());
    }

    @Test
    void aSnapshotRestoresRecordsAsTheyWere() {
        String id = newLead("ada@example.org");
        SalesforceOrgStore.Snapshot snapshot = store.snapshot();
        store.update(record(id), fields(lead, Map.of("Title", "changed")), api());
        newLead("grace@example.org");

        store.restore(snapshot);

        assertEquals(1, store.size());
        assertNull(store.row(id).orElseThrow().get("Title"));
    }

    @Test
    void aCustomExternalIdFieldIsUnique() {
        store.addExternalIdField("Contact", "HubSpot_Contact_Id__c");
        SalesforceSObject type = store.object("Contact").orElseThrow();

        assertTrue(store.create(type, fields(type, Map.of("LastName", "A", "hubspot_contact_id__c", "501")), api())
                .success());
        SaveResult taken = store.create(type, fields(type, Map.of("LastName", "B", "HubSpot_Contact_Id__c", "501")),
                api());
        assertEquals("DUPLICATE_VALUE", taken.errors().get(0).errorCode());
        assertThrows(IllegalArgumentException.class, () -> store.addExternalIdField("Contact", "NoSuffix"));
        store.clear();
        assertTrue(store.object("Contact").orElseThrow().field("HubSpot_Contact_Id__c").isEmpty());
    }

    @Test
    void idsResolveIn15Or18CharactersAndAnyCaseOf18() {
        String id = newLead("ada@example.org");

        assertEquals(Resolution.FOUND, store.resolve(lead, id.substring(0, 15)).resolution());
        assertEquals(Resolution.FOUND, store.resolve(lead, id.toLowerCase()).resolution());
        assertEquals(Resolution.WRONG_TYPE, store.resolve(contact, id).resolution());
        assertEquals(Resolution.MALFORMED, store.resolve(lead, "abc").resolution());
        assertEquals(Resolution.NOT_FOUND, store.resolve(lead, SalesforceIds.generate("00Q", 999)).resolution());
        assertNotEquals(Resolution.FOUND, store.resolve(lead, id.substring(0, 14) + "x").resolution());
    }

    @Test
    void usersAreAddedInSetupQueriedLikeRecordsAndOnlyActiveOnesCanOwnRecords() {
        String ana = store.addUser("Ana.Lopez@example.com", "Ana", "Lopez", true);
        assertEquals("005", SalesforceIds.keyPrefix(ana));
        assertEquals(List.of(API_USER, UI_USER, ana), SoqlParser.parse("SELECT Id FROM User WHERE IsActive = true",
                store.schema()).run(store, false).stream().map(row -> row.get("Id")).toList());
        assertEquals("Ana Lopez", store.row(ana).orElseThrow().get("Name"));
        assertEquals("Ana.Lopez@example.com", store.row(ana).orElseThrow().get("Username"));
        assertEquals(0, store.size(), "users are not records of the org's data");
        String namesake = store.addUser("ana.lopez@example.com", "Ana", "Lopez", true);
        assertEquals("ana.lopez@example.com.2", store.row(namesake).orElseThrow().get("Username"),
                "emails may repeat, usernames may not");

        SaveResult owned = store.create(lead, fields(lead, Map.of("LastName", "Lovelace", "Company", "AE",
                "OwnerId", ana)), api());
        assertTrue(owned.success(), owned.toString());
        assertEquals(ana, record(owned.id()).get("OwnerId"));

        store.setUserActive(ana, false);
        SaveResult refused = store.update(record(owned.id()), fields(lead, Map.of("OwnerId", ana)), api());
        assertEquals("INACTIVE_OWNER_OR_USER", refused.errors().get(0).errorCode());
        assertEquals(List.of("OwnerId"), refused.errors().get(0).fields());
        assertEquals(List.of(API_USER, UI_USER, namesake), SoqlParser.parse("SELECT Id FROM User WHERE IsActive = true",
                store.schema()).run(store, false).stream().map(row -> row.get("Id")).toList());
        assertTrue(store.update(record(owned.id()), fields(lead, Map.of("City", "Paris")), api()).success(),
                "a record an inactive user already owns can still be saved");

        SalesforceSObject user = store.object("User").orElseThrow();
        assertEquals("INSUFFICIENT_ACCESS_OR_READONLY", store.create(user, Map.of(), api()).errors().get(0).errorCode());
        assertEquals("INSUFFICIENT_ACCESS_OR_READONLY", store.update(record(ana), Map.of(), api()).errors().get(0)
                .errorCode());
    }

    // ---- helpers

    private String newLead(String email) {
        SaveResult result = store.create(lead, leadFields(email), api());
        assertTrue(result.success(), result.toString());
        return result.id();
    }

    private Map<String, Object> leadFields(String email) {
        return fields(lead, Map.of("LastName", "Lovelace", "Company", "Lovelace Ltd", "Email", email));
    }

    private SaveResult contactWithAccount(String accountId) {
        return store.create(contact, fields(contact, Map.of("LastName", "Hopper", "AccountId", accountId)), api());
    }

    private StoredRecord record(String id) {
        return store.resolve(null, id).record();
    }

    private Map<String, Object> fields(SalesforceSObject type, Map<String, ?> values) {
        return store.readFields(type, JSON.valueToTree(values));
    }

    /** Fields in the order given, as a client's JSON body has them. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static SaveContext api() {
        return new SaveContext(API_USER, true, false, "v66.0", null);
    }

    private static SaveContext allowSave() {
        return new SaveContext(API_USER, true, true, "v66.0", null);
    }

    private static SaveContext ui() {
        return new SaveContext(UI_USER, false, true, "v66.0", null);
    }
}
