package io.contactsync.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.sandbox.SalesforceOrgStore.SaveContext;
import io.contactsync.sandbox.SalesforceOrgStore.SaveResult;

/**
 * The simulated Salesforce org: its records (leads, contacts, accounts, campaigns, campaign members), its users, its
 * connected app and sessions, its daily API allocation, its duplicate and validation rules, the requests it received and
 * injected faults. Served over HTTP by {@link SalesforceSimulatorRoutes}; tests act through this class "as a user in
 * the UI" (changes recorded with {@link #uiUserId()} as {@code LastModifiedById}, while API changes carry
 * {@link #apiUserId()}, the integration user).
 */
public class SalesforceSimulator implements SimulatedVendor {

    private final ObjectMapper json;
    private final SalesforceOrgStore store;
    private final SalesforceOAuth oauth;
    private final SalesforceApiAllowance allowance;
    private final SalesforceQueryCursors cursors = new SalesforceQueryCursors();
    private final SimulatorInstruments instruments;
    private final String username;
    private final Set<String> apiVersions = new ConcurrentSkipListSet<>();

    SalesforceSimulator(ObjectMapper json, Clock clock, String clientId, String clientSecret, String username,
                        Optional<String> jwtPublicKeyPem, long dailyApiRequests) {
        this.json = json;
        String orgId = SalesforceIds.generate(SalesforceSchema.ORG_KEY_PREFIX, 1);
        String apiUser = SalesforceIds.generate(SalesforceSchema.USER_KEY_PREFIX, 1);
        String uiUser = SalesforceIds.generate(SalesforceSchema.USER_KEY_PREFIX, 2);
        this.username = username;
        this.store = new SalesforceOrgStore(clock, orgId, apiUser, uiUser);
        this.oauth = new SalesforceOAuth(clock, json, clientId, clientSecret, username, jwtPublicKeyPem, orgId, apiUser);
        this.allowance = new SalesforceApiAllowance(clock, dailyApiRequests);
        this.instruments = new SimulatorInstruments(allowance);
    }

    /**
     * Back to a fresh org: no records, no custom fields, standard duplicate rules (alert), no validation rules, no
     * sessions, the configured allocation with no usage, no cursors, requests, faults or counters.
     */
    public void reset() {
        store.clear();
        oauth.reset();
        cursors.clear();
        apiVersions.clear();
        instruments.reset();
    }

    // ---- who is who

    public String orgId() {
        return store.orgId();
    }

    /** The integration user the connected app runs as: {@code LastModifiedById} of changes made through the API. */
    public String apiUserId() {
        return store.apiUserId();
    }

    /** The user working in the Salesforce UI: {@code LastModifiedById} of changes made by the "as user" methods. */
    public String uiUserId() {
        return store.uiUserId();
    }

    public String username() {
        return username;
    }

    /**
     * Adds an active user as an admin does in Setup (Username = email); returns its id. Records can then be owned by
     * it ({@code OwnerId}), and {@code SELECT ... FROM User} finds it.
     */
    public String addUser(String email, String firstName, String lastName) {
        return store.addUser(email, firstName, lastName, true);
    }

    /** Deactivates a user: it no longer counts as active and cannot be given records (INACTIVE_OWNER_OR_USER). */
    public void deactivateUser(String userId) {
        store.setUserActive(userId, false);
    }

    /** Every user, the integration user and the UI user first, as the API shows them. */
    public List<Map<String, Object>> users() {
        return records("User");
    }

    // ---- acting as a user in the UI

    /** Creates a record of any simulated object as a UI user; fails like a save in Salesforce would. */
    public String createAsUser(String objectName, Map<String, ?> fields) {
        SalesforceSObject type = type(objectName);
        return orThrow(store.create(type, store.readFields(type, tree(fields)), uiContext()));
    }

    public String createLeadAsUser(Map<String, ?> fields) {
        return createAsUser("Lead", fields);
    }

    public String createContactAsUser(Map<String, ?> fields) {
        return createAsUser("Contact", fields);
    }

    public String createAccountAsUser(Map<String, ?> fields) {
        return createAsUser("Account", fields);
    }

    public String createCampaignAsUser(String name) {
        return createAsUser("Campaign", Map.of("Name", name, "IsActive", true));
    }

    /** Adds a lead or contact (by id) to a campaign as a UI user; returns the campaign member's id. */
    public String addToCampaignAsUser(String campaignId, String leadOrContactId) {
        String field = leadOrContactId.startsWith("00Q") ? "LeadId" : "ContactId";
        return createAsUser("CampaignMember", Map.of("CampaignId", campaignId, field, leadOrContactId));
    }

    /** Updates a record as a UI user; a {@code null} value clears the field. */
    public void updateAsUser(String id, Map<String, ?> fields) {
        SalesforceOrgStore.StoredRecord record = live(id);
        orThrow(store.update(record, store.readFields(record.type, tree(fields)), uiContext()));
    }

    /** Deletes a record as a UI user: it goes to the recycle bin ({@code IsDeleted=true}, seen by queryAll). */
    public void deleteAsUser(String id) {
        orThrow(store.delete(live(id), uiContext()));
    }

    /** Converts a lead into a new account (named after its company) and a new contact, as a UI user. */
    public SalesforceConvertedLead convertLeadAsUser(String leadId) {
        return store.convertLead(leadId, null, null, uiUserId());
    }

    /** Converts a lead into an existing account and/or contact ({@code null} = create one), as a UI user. */
    public SalesforceConvertedLead convertLeadAsUser(String leadId, String accountId, String contactId) {
        return store.convertLead(leadId, accountId, contactId, uiUserId());
    }

    // ---- reading the org

    /** A record by id (15 or 18 characters) as the API shows it, deleted ones included. */
    public Optional<Map<String, Object>> record(String id) {
        return SalesforceIds.normalize(id).flatMap(store::rowIncludingDeleted).map(row -> SalesforceOrgStore.view(
                store.object(store.typeOf((String) row.get("Id")).orElseThrow()).orElseThrow(), row,
                SalesforceOrgStore.DEFAULT_API_VERSION));
    }

    /** The live records of an object, oldest first, as the API shows them. */
    public List<Map<String, Object>> records(String objectName) {
        return store.views(type(objectName), false, SalesforceOrgStore.DEFAULT_API_VERSION);
    }

    public List<Map<String, Object>> leads() {
        return records("Lead");
    }

    public List<Map<String, Object>> contacts() {
        return records("Contact");
    }

    public List<Map<String, Object>> accounts() {
        return records("Account");
    }

    public List<Map<String, Object>> campaigns() {
        return records("Campaign");
    }

    public List<Map<String, Object>> campaignMembers() {
        return records("CampaignMember");
    }

    /** Live leads with this email (case aside); Salesforce does not keep emails unique. */
    public List<Map<String, Object>> leadsByEmail(String email) {
        return byEmail("Lead", email);
    }

    public List<Map<String, Object>> contactsByEmail(String email) {
        return byEmail("Contact", email);
    }

    /** How many live records the org holds, all objects together, users aside. */
    public int recordCount() {
        return store.size();
    }

    // ---- sessions, limits, org setup

    /** Ends every session: calls with their tokens now get {@code 401 INVALID_SESSION_ID}. */
    public void expireSessions() {
        oauth.expireAll();
    }

    public int activeSessions() {
        return oauth.activeSessions();
    }

    /** Trusts another certificate / RSA public key (PEM) for JWT bearer assertions. */
    public void trustJwtCertificate(String pem) {
        oauth.trust(pem);
    }

    public long dailyApiLimit() {
        return allowance.limit();
    }

    /** API calls counted in the last 24 hours. */
    public long apiUsage() {
        return allowance.used();
    }

    public void setDailyApiLimit(long limit) {
        allowance.setLimit(limit);
    }

    /** Sets the usage of the last 24 hours, e.g. to one below the allocation. */
    public void setApiUsage(long calls) {
        allowance.setUsed(calls);
    }

    public void setDuplicateRule(String objectName, SalesforceDuplicateRule mode) {
        store.setDuplicateRule(objectName, mode);
    }

    /**
     * Adds a validation rule: a save whose record (field API name to value: {@code String}, {@code Boolean},
     * {@code Long}, {@code Double}, {@code LocalDate}, {@code Instant}) makes {@code violatedWhen} true fails with
     * FIELD_CUSTOM_VALIDATION_EXCEPTION and the message, shown at {@code errorField} ({@code null} = top of page).
     */
    public void addValidationRule(String objectName, String ruleName, Predicate<Map<String, Object>> violatedWhen,
                                  String message, String errorField) {
        store.addValidationRule(new SalesforceOrgStore.ValidationRule(type(objectName).name(), ruleName, violatedWhen,
                message, errorField));
    }

    public void clearValidationRules() {
        store.clearValidationRules();
    }

    /** The next {@code count} record saves made through the API fail with UNABLE_TO_LOCK_ROW. */
    public void failNextApiWritesWithLockError(int count) {
        store.failNextApiWritesWithLockError(count);
    }

    /** Adds a custom Text(255) External ID, Unique field (e.g. {@code HubSpot_Contact_Id__c}) to an object. */
    public void addExternalIdField(String objectName, String fieldName) {
        store.addExternalIdField(objectName, fieldName);
    }

    /** The API versions ({@code v60.0}, ...) clients used since the last reset. */
    public Set<String> apiVersionsUsed() {
        return Set.copyOf(apiVersions);
    }

    @Override
    public SimulatorInstruments instruments() {
        return instruments;
    }

    // ---- for the routes

    SalesforceOrgStore store() {
        return store;
    }

    SalesforceOAuth oauth() {
        return oauth;
    }

    SalesforceApiAllowance allowance() {
        return allowance;
    }

    SalesforceQueryCursors cursors() {
        return cursors;
    }

    void recordApiVersion(String version) {
        apiVersions.add(version);
    }

    SaveContext uiContext() {
        return new SaveContext(uiUserId(), false, true, SalesforceOrgStore.DEFAULT_API_VERSION, null);
    }

    private List<Map<String, Object>> byEmail(String objectName, String email) {
        SalesforceSObject type = type(objectName);
        List<Map<String, Object>> found = new ArrayList<>();
        for (String id : store.idsWhere(type, type.field("Email").orElseThrow(), email)) {
            record(id).ifPresent(found::add);
        }
        return found;
    }

    private SalesforceSObject type(String objectName) {
        return store.object(objectName).orElseThrow(() -> new IllegalArgumentException("No such object: " + objectName));
    }

    private SalesforceOrgStore.StoredRecord live(String id) {
        SalesforceOrgStore.Resolved resolved = store.resolve(null, id);
        if (resolved.resolution() != SalesforceOrgStore.Resolution.FOUND) {
            throw SalesforceApiException.notFound();
        }
        return resolved.record();
    }

    private JsonNode tree(Map<String, ?> fields) {
        return json.valueToTree(fields);
    }

    private static String orThrow(SaveResult result) {
        if (!result.success()) {
            throw new SalesforceApiException(400, result.errors());
        }
        return result.id();
    }
}
