package io.contactsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactsync.sandbox.SalesforceField.Type;

/**
 * The simulated org's records (Lead, Contact, Account, Campaign, CampaignMember) and users, thread-safe, and what
 * happens when they are saved: the checks Salesforce runs on every create and update, in its order and with its error codes
 * (read-only fields, required fields, lengths, email format, restricted picklists, lookups, validation rules,
 * duplicate rules), the audit fields ({@code CreatedDate}, {@code LastModifiedDate}, {@code SystemModstamp} in whole
 * seconds, {@code LastModifiedById} = who saved), the recycle bin ({@code IsDeleted}) and lead conversion.
 *
 * <p>Where Salesforce's documents are silent the choice made is named in a comment ("not documented").
 */
final class SalesforceOrgStore implements SoqlQuery.Source {

    /** API version used in record URLs when the caller names none (the simulator's own calls). */
    static final String DEFAULT_API_VERSION = "v66.0";

    /**
     * Who saves and how.
     *
     * @param userId      the user the change is recorded for ({@code LastModifiedById})
     * @param api         an API call (injected lock failures hit only those) rather than a user in the UI
     * @param allowSave   {@code Sforce-Duplicate-Rule-Header: allowSave=true} (a UI user "saves anyway")
     * @param apiVersion  e.g. {@code v60.0}, for record URLs in answers
     * @param sameCallIds records created by the same call so far: duplicate rules do not compare records of one
     *                    call with each other (Salesforce: "duplicate rules don't run on records in the same batch")
     */
    record SaveContext(String userId, boolean api, boolean allowSave, String apiVersion, Set<String> sameCallIds) {
    }

    /** The outcome of saving one record, as the SaveResult / UpsertResult of the API. */
    record SaveResult(String id, boolean success, List<SalesforceError> errors, Boolean created) {

        static SaveResult ok(String id) {
            return new SaveResult(id, true, List.of(), null);
        }

        static SaveResult failed(List<SalesforceError> errors) {
            return new SaveResult(null, false, errors, null);
        }

        static SaveResult failed(SalesforceError error) {
            return failed(List.of(error));
        }

        SaveResult withCreated(boolean created) {
            return new SaveResult(id, success, errors, created);
        }

        /** {@code {id, success, errors:[{statusCode, message, fields}], created?}}; no {@code id} when it failed. */
        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            if (id != null) {
                json.put("id", id);
            }
            json.put("success", success);
            json.put("errors", errors.stream().map(SalesforceError::asSaveResultError).toList());
            if (created != null) {
                json.put("created", created);
            }
            return json;
        }
    }

    /**
     * A validation rule as an admin defines one: when {@code violatedWhen} holds for the record as it would be saved
     * (field API names to stored values), the save fails with FIELD_CUSTOM_VALIDATION_EXCEPTION and the message.
     *
     * @param errorField the field the error is shown at; {@code null} = top of page (the error's {@code fields} is empty)
     */
    record ValidationRule(String object, String name, Predicate<Map<String, Object>> violatedWhen, String message,
                          String errorField) {
    }

    /** How an id in a request resolves. */
    enum Resolution { MALFORMED, WRONG_TYPE, NOT_FOUND, DELETED, FOUND }

    record Resolved(Resolution resolution, String id, StoredRecord record) {
    }

    static final class StoredRecord {
        final String id;
        final SalesforceSObject type;
        final Map<String, Object> values;
        Instant deletedAt;

        StoredRecord(String id, SalesforceSObject type, Map<String, Object> values) {
            this.id = id;
            this.type = type;
            this.values = values;
        }

        StoredRecord copy() {
            StoredRecord copy = new StoredRecord(id, type, new LinkedHashMap<>(values));
            copy.deletedAt = deletedAt;
            return copy;
        }

        boolean deleted() {
            return deletedAt != null;
        }

        Object get(String field) {
            return values.get(field);
        }
    }

    /** The records as they were, to roll back an allOrNone call. */
    record Snapshot(Map<String, StoredRecord> records) {
    }

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
    private static final String DUPLICATE_MESSAGE = "Use one of these records?";
    private static final Set<String> DUPLICATE_RULE_OBJECTS = Set.of("Lead", "Contact");

    private final Clock clock;
    private final String orgId;
    private final String apiUserId;
    private final String uiUserId;
    private SalesforceSchema schema = SalesforceSchema.standard();
    private final Map<String, StoredRecord> records = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, SalesforceDuplicateRule> duplicateRules = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<ValidationRule> validationRules = new ArrayList<>();
    private int pendingLockFailures;

    SalesforceOrgStore(Clock clock, String orgId, String apiUserId, String uiUserId) {
        this.clock = clock;
        this.orgId = orgId;
        this.apiUserId = apiUserId;
        this.uiUserId = uiUserId;
        clear();
    }

    /**
     * A fresh org: no records but its two active users (the integration user and the UI user), standard schema,
     * standard duplicate rules active (alert), no validation rules.
     */
    synchronized void clear() {
        schema = SalesforceSchema.standard();
        records.clear();
        sequences.clear();
        duplicateRules.clear();
        DUPLICATE_RULE_OBJECTS.forEach(o -> duplicateRules.put(o, SalesforceDuplicateRule.ALERT));
        validationRules.clear();
        pendingLockFailures = 0;
        putUser(apiUserId, "integration.user@sandbox-org.example", "integration.user@sandbox-org.example",
                "Integration", "User", true);
        putUser(uiUserId, "ui.user@sandbox-org.example", "ui.user@sandbox-org.example", "Sandbox", "Admin", true);
    }

    // ---- users, managed in Setup (the API's integration user may read them, not save them)

    /**
     * Adds a user as an admin does in Setup. Returns its id (key prefix 005). Emails need not be unique, usernames
     * must: the Username is the email, or the email and a number when another user has that username.
     */
    synchronized String addUser(String email, String firstName, String lastName, boolean active) {
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("A user needs a valid Email: " + email);
        }
        if (lastName == null || lastName.isBlank()) {
            throw new IllegalArgumentException("A user needs a LastName");
        }
        String username = email;
        for (int n = 2; usernameTaken(username); n++) {
            username = email + "." + n;
        }
        String id;
        do {
            id = SalesforceIds.generate(SalesforceSchema.USER_KEY_PREFIX,
                    sequences.merge(SalesforceSchema.USER_KEY_PREFIX, 1L, Long::sum));
        } while (records.containsKey(id));
        putUser(id, username, email, firstName, lastName, active);
        return id;
    }

    private boolean usernameTaken(String username) {
        return records.values().stream().anyMatch(r -> r.type.name().equals("User")
                && username.equalsIgnoreCase(String.valueOf(r.get("Username"))));
    }

    /** Activates or deactivates a user, as an admin does in Setup. */
    synchronized void setUserActive(String userId, boolean active) {
        StoredRecord user = live(object("User").orElseThrow(), userId);
        user.values.put("IsActive", active);
        stamp(user.values, now(), uiUserId);
    }

    private void putUser(String id, String username, String email, String firstName, String lastName,
                         boolean active) {
        Instant now = now();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("IsDeleted", Boolean.FALSE);
        values.put("CreatedDate", now);
        values.put("CreatedById", uiUserId);
        stamp(values, now, uiUserId);
        values.put("Username", username);
        values.put("FirstName", firstName);
        values.put("LastName", lastName);
        values.put("Email", email);
        values.put("IsActive", active);
        SalesforceSObject type = object("User").orElseThrow();
        derive(type, values);
        records.put(id, new StoredRecord(id, type, values));
    }

    String orgId() {
        return orgId;
    }

    String apiUserId() {
        return apiUserId;
    }

    String uiUserId() {
        return uiUserId;
    }

    synchronized SalesforceSchema schema() {
        return schema;
    }

    Optional<SalesforceSObject> object(String name) {
        return schema().object(name);
    }

    // ---- org setup a test (an admin) changes

    synchronized void setDuplicateRule(String objectName, SalesforceDuplicateRule mode) {
        String name = object(objectName).map(SalesforceSObject::name)
                .filter(DUPLICATE_RULE_OBJECTS::contains)
                .orElseThrow(() -> new IllegalArgumentException("Duplicate rules are simulated for Lead and Contact"));
        duplicateRules.put(name, mode);
    }

    synchronized SalesforceDuplicateRule duplicateRule(String objectName) {
        return duplicateRules.getOrDefault(objectName, SalesforceDuplicateRule.OFF);
    }

    synchronized void addValidationRule(ValidationRule rule) {
        SalesforceSObject type = object(rule.object())
                .orElseThrow(() -> new IllegalArgumentException("No such object: " + rule.object()));
        if (rule.errorField() != null && type.field(rule.errorField()).isEmpty()) {
            throw new IllegalArgumentException("No such field on " + type.name() + ": " + rule.errorField());
        }
        validationRules.add(rule);
    }

    synchronized void clearValidationRules() {
        validationRules.clear();
    }

    /** The next {@code count} record saves made through the API fail with UNABLE_TO_LOCK_ROW. */
    synchronized void failNextApiWritesWithLockError(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count cannot be negative");
        }
        pendingLockFailures = count;
    }

    synchronized SalesforceField addExternalIdField(String objectName, String fieldName) {
        return schema.addExternalIdField(objectName, fieldName);
    }

    // ---- reading request bodies

    /**
     * The fields of a record in a request body, by canonical API name (names are case-insensitive, as in
     * Salesforce); {@code attributes} is skipped. An unknown field is a 400 {@code INVALID_FIELD} for the whole
     * request, a value of the wrong type a 400 {@code JSON_PARSER_ERROR}: Salesforce fails those while reading the
     * JSON, before any record is saved.
     */
    Map<String, Object> readFields(SalesforceSObject type, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SalesforceApiException.jsonParser("Cannot deserialize instance of " + type.name() + " from "
                    + (body != null && body.isArray() ? "START_ARRAY" : "VALUE_STRING")
                    + " value or request may be missing a required field");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> members = body.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getKey().equals("attributes")) {
                continue;
            }
            SalesforceField field = type.field(member.getKey()).orElseThrow(() -> SalesforceApiException.of(400,
                    "INVALID_FIELD", "No such column '" + member.getKey() + "' on sobject of type " + type.name()));
            values.put(field.name(), SalesforceValues.fromJson(field, member.getValue()));
        }
        return values;
    }

    // ---- finding records

    /** How a raw id (15 or 18 characters, or anything a client sent) resolves for an expected object (or any). */
    synchronized Resolved resolve(SalesforceSObject expected, String rawId) {
        Optional<String> id = SalesforceIds.normalize(rawId);
        if (id.isEmpty()) {
            return new Resolved(Resolution.MALFORMED, rawId, null);
        }
        if (expected != null && !SalesforceIds.keyPrefix(id.get()).equals(expected.keyPrefix())) {
            return new Resolved(Resolution.WRONG_TYPE, id.get(), null);
        }
        StoredRecord record = records.get(id.get());
        if (record == null) {
            return new Resolved(Resolution.NOT_FOUND, id.get(), null);
        }
        return new Resolved(record.deleted() ? Resolution.DELETED : Resolution.FOUND, id.get(), record);
    }

    /** The live (not deleted) record with this id, as a full row. */
    @Override
    public synchronized Optional<Map<String, Object>> row(String id18) {
        StoredRecord record = records.get(id18);
        return record == null || record.deleted() ? Optional.empty() : Optional.of(fullRow(record));
    }

    /** A record's full row (every field of its object, {@code null} when unset), deleted ones included. */
    synchronized Optional<Map<String, Object>> rowIncludingDeleted(String id18) {
        return Optional.ofNullable(records.get(id18)).map(this::fullRow);
    }

    synchronized Optional<String> typeOf(String id18) {
        return Optional.ofNullable(records.get(id18)).map(r -> r.type.name());
    }

    @Override
    public synchronized List<Map<String, Object>> rows(SalesforceSObject type, boolean includeDeleted) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredRecord record : records.values()) {
            if (record.type.name().equals(type.name()) && (includeDeleted || !record.deleted())) {
                rows.add(fullRow(record));
            }
        }
        return rows;
    }

    /** The live records of an object whose field equals the value (case-insensitive for text), oldest first. */
    synchronized List<String> idsWhere(SalesforceSObject type, SalesforceField field, String value) {
        List<String> ids = new ArrayList<>();
        for (StoredRecord record : records.values()) {
            if (record.type.name().equals(type.name()) && !record.deleted()
                    && record.get(field.name()) instanceof String stored && stored.equalsIgnoreCase(value)) {
                ids.add(record.id);
            }
        }
        return ids;
    }

    /** Deleted records of an object deleted within [start, end], as {id, deletedDate}. */
    synchronized List<Map<String, Object>> deletedBetween(SalesforceSObject type, Instant start, Instant end) {
        List<Map<String, Object>> deleted = new ArrayList<>();
        for (StoredRecord record : records.values()) {
            if (record.type.name().equals(type.name()) && record.deleted()
                    && !record.deletedAt.isBefore(start) && !record.deletedAt.isAfter(end)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", record.id);
                entry.put("deletedDate", SalesforceValues.formatDatetime(record.deletedAt));
                deleted.add(entry);
            }
        }
        return deleted;
    }

    /** Live records of an object whose SystemModstamp is within [start, end]. */
    synchronized List<String> updatedBetween(SalesforceSObject type, Instant start, Instant end) {
        List<String> ids = new ArrayList<>();
        for (StoredRecord record : records.values()) {
            Instant modstamp = (Instant) record.get("SystemModstamp");
            if (record.type.name().equals(type.name()) && !record.deleted()
                    && !modstamp.isBefore(start) && !modstamp.isAfter(end)) {
                ids.add(record.id);
            }
        }
        return ids;
    }

    /** Live records, users aside. */
    synchronized int size() {
        return (int) records.values().stream().filter(r -> !r.deleted() && !r.type.name().equals("User")).count();
    }

    // ---- saving

    /** Creates a record; the result carries the new id, or the errors Salesforce would answer. */
    synchronized SaveResult create(SalesforceSObject type, Map<String, Object> values, SaveContext ctx) {
        if (type.name().equals("User")) {
            return SaveResult.failed(usersAreManagedInSetup());
        }
        if (values.containsKey("Id")) {
            return SaveResult.failed(SalesforceError.onFields("INVALID_FIELD", "cannot specify Id in an insert call",
                    List.of("Id")));
        }
        List<String> readOnly = values.keySet().stream()
                .filter(name -> !type.field(name).orElseThrow().createable()).toList();
        if (!readOnly.isEmpty()) {
            return SaveResult.failed(notWritable(readOnly));
        }
        Optional<SalesforceError> lock = lockFailure(ctx);
        if (lock.isPresent()) {
            return SaveResult.failed(lock.get());
        }
        Map<String, Object> candidate = new LinkedHashMap<>();
        for (SalesforceField field : type.fields()) {
            if (field.defaultValue() != null) {
                candidate.put(field.name(), field.defaultValue());
            }
        }
        if (type.field("OwnerId").isPresent()) {
            candidate.put("OwnerId", ctx.userId());
        }
        values.forEach(candidate::put);
        List<SalesforceError> errors = check(type, null, candidate, Set.copyOf(candidate.keySet()), ctx);
        if (!errors.isEmpty()) {
            return SaveResult.failed(errors);
        }
        String id = SalesforceIds.generate(type.keyPrefix(), sequences.merge(type.keyPrefix(), 1L, Long::sum));
        Instant now = now();
        candidate.put("Id", id);
        candidate.put("IsDeleted", Boolean.FALSE);
        candidate.put("CreatedDate", now);
        candidate.put("CreatedById", ctx.userId());
        stamp(candidate, now, ctx.userId());
        derive(type, candidate);
        records.put(id, new StoredRecord(id, type, candidate));
        if (ctx.sameCallIds() != null) {
            ctx.sameCallIds().add(id);
        }
        return SaveResult.ok(id);
    }

    /**
     * Updates a live record of the expected object (the caller resolved the id). Every save sets LastModifiedDate
     * and SystemModstamp, even one that changes no value, as Salesforce does.
     */
    synchronized SaveResult update(StoredRecord record, Map<String, Object> values, SaveContext ctx) {
        SalesforceSObject type = record.type;
        if (type.name().equals("User")) {
            return SaveResult.failed(usersAreManagedInSetup());
        }
        if (Boolean.TRUE.equals(record.get("IsConverted"))) {
            return SaveResult.failed(SalesforceError.onFields("CANNOT_UPDATE_CONVERTED_LEAD",
                    "cannot reference converted lead", List.of()));
        }
        List<String> readOnly = values.keySet().stream()
                .filter(name -> !type.field(name).orElseThrow().updateable()).toList();
        if (!readOnly.isEmpty()) {
            return SaveResult.failed(notWritable(readOnly));
        }
        Optional<SalesforceError> lock = lockFailure(ctx);
        if (lock.isPresent()) {
            return SaveResult.failed(lock.get());
        }
        Map<String, Object> candidate = new LinkedHashMap<>(record.values);
        values.forEach(candidate::put);
        List<SalesforceError> errors = check(type, record.id, candidate, values.keySet(), ctx);
        if (!errors.isEmpty()) {
            return SaveResult.failed(errors);
        }
        stamp(candidate, now(), ctx.userId());
        derive(type, candidate);
        record.values.clear();
        record.values.putAll(candidate);
        return SaveResult.ok(record.id);
    }

    /**
     * Moves a live record to the recycle bin ({@code IsDeleted=true}, still seen by queryAll). Deleting an account
     * deletes its contacts; deleting a lead, contact or campaign deletes its campaign members.
     */
    synchronized SaveResult delete(StoredRecord record, SaveContext ctx) {
        if (record.type.name().equals("User")) {
            return SaveResult.failed(usersAreManagedInSetup());
        }
        Optional<SalesforceError> lock = lockFailure(ctx);
        if (lock.isPresent()) {
            return SaveResult.failed(lock.get());
        }
        Instant now = now();
        markDeleted(record, now, ctx.userId());
        String cascadeField = switch (record.type.name()) {
            case "Account" -> "AccountId";
            case "Lead" -> "LeadId";
            case "Contact" -> "ContactId";
            case "Campaign" -> "CampaignId";
            default -> null;
        };
        if (cascadeField != null) {
            for (StoredRecord child : new ArrayList<>(records.values())) {
                if (!child.deleted() && record.id.equals(child.get(cascadeField))
                        && (child.type.name().equals("CampaignMember") || child.type.name().equals("Contact"))) {
                    markDeleted(child, now, ctx.userId());
                    if (child.type.name().equals("Contact")) {
                        for (StoredRecord member : records.values()) {
                            if (!member.deleted() && child.id.equals(member.get("ContactId"))) {
                                markDeleted(member, now, ctx.userId());
                            }
                        }
                    }
                }
            }
        }
        return SaveResult.ok(record.id);
    }

    synchronized Snapshot snapshot() {
        Map<String, StoredRecord> copy = new LinkedHashMap<>();
        records.forEach((id, record) -> copy.put(id, record.copy()));
        return new Snapshot(copy);
    }

    synchronized void restore(Snapshot snapshot) {
        records.clear();
        snapshot.records().forEach((id, record) -> records.put(id, record.copy()));
    }

    /**
     * Converts a lead as a user in the UI does: a new account (named after the lead's company) unless one is given,
     * a new contact under it (the lead's name, email, phones, title, source, opt-outs and address) unless one is
     * given; the lead becomes {@code IsConverted=true} with {@code ConvertedDate}, {@code ConvertedAccountId},
     * {@code ConvertedContactId} and the converted status, stays queryable and can no longer be updated; the lead's
     * campaign members gain the contact.
     */
    synchronized SalesforceConvertedLead convertLead(String leadId, String accountId, String contactId, String userId) {
        SalesforceSObject leadType = object("Lead").orElseThrow();
        Resolved lead = resolve(leadType, leadId);
        if (lead.resolution() != Resolution.FOUND) {
            throw SalesforceApiException.notFound();
        }
        if (Boolean.TRUE.equals(lead.record().get("IsConverted"))) {
            throw new SalesforceApiException(400, SalesforceError.onFields("CANNOT_UPDATE_CONVERTED_LEAD",
                    "cannot reference converted lead", List.of()));
        }
        Map<String, Object> l = lead.record().values;
        SaveContext ui = new SaveContext(userId, false, true, DEFAULT_API_VERSION, null);
        StoredRecord contact = null;
        if (contactId != null) {
            contact = live(object("Contact").orElseThrow(), contactId);
            if (accountId == null) {
                accountId = (String) contact.get("AccountId");
            }
        }
        String account;
        if (accountId != null) {
            account = live(object("Account").orElseThrow(), accountId).id;
        } else {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Name", l.get("Company"));
            copy(l, fields, "Phone", "Website", "Industry", "AnnualRevenue", "NumberOfEmployees", "Description");
            copyAddress(l, fields, "Billing");
            account = orThrow(create(object("Account").orElseThrow(), fields, ui));
        }
        String contactResult;
        if (contact != null) {
            contactResult = contact.id;
        } else {
            Map<String, Object> fields = new LinkedHashMap<>();
            copy(l, fields, "Salutation", "FirstName", "LastName", "Title", "Email", "Phone", "MobilePhone", "Fax",
                    "LeadSource", "Description", "HasOptedOutOfEmail", "HasOptedOutOfFax", "DoNotCall");
            copyAddress(l, fields, "Mailing");
            fields.put("AccountId", account);
            SalesforceDuplicateRule rule = duplicateRules.get("Contact");
            duplicateRules.put("Contact", SalesforceDuplicateRule.OFF); // the converting user picks the contact
            try {
                contactResult = orThrow(create(object("Contact").orElseThrow(), fields, ui));
            } finally {
                duplicateRules.put("Contact", rule);
            }
        }
        Instant now = now();
        l.put("IsConverted", Boolean.TRUE);
        l.put("ConvertedDate", LocalDate.ofInstant(now, ZoneOffset.UTC));
        l.put("ConvertedAccountId", account);
        l.put("ConvertedContactId", contactResult);
        l.put("Status", SalesforceSchema.LEAD_CONVERTED_STATUS);
        stamp(l, now, userId);
        for (StoredRecord member : records.values()) {
            if (!member.deleted() && lead.id().equals(member.get("LeadId"))) {
                member.values.put("ContactId", contactResult);
                stamp(member.values, now, userId);
            }
        }
        return new SalesforceConvertedLead(lead.id(), account, contactResult);
    }

    // ---- checks

    /**
     * The checks of a save after read-only fields and locks, in Salesforce's order; empty = the save may go on.
     * Values are checked where they are written ({@code written}); required fields, validation and duplicate rules
     * look at the whole record as it would be saved.
     */
    private List<SalesforceError> check(SalesforceSObject type, String selfId, Map<String, Object> candidate,
                                        Set<String> written, SaveContext ctx) {
        for (SalesforceField field : type.fields()) {
            if (field.type().textual() && "".equals(candidate.get(field.name()))) {
                candidate.put(field.name(), null); // Salesforce stores an empty text as null
            }
        }
        List<String> missing = new ArrayList<>();
        for (SalesforceField field : type.fields()) {
            boolean required = field.requiredOnCreate() || (field.defaultValue() != null
                    && field.type() == Type.PICKLIST && field.restricted());
            if (required && candidate.get(field.name()) == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            return List.of(SalesforceError.onFields("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [" + String.join(", ", missing) + "]", missing));
        }
        List<SalesforceError> errors = new ArrayList<>();
        for (SalesforceField field : type.fields()) {
            Object value = candidate.get(field.name());
            if (value == null || !written.contains(field.name())) {
                continue;
            }
            if (field.length() > 0 && field.type().textual() && field.type() != Type.ID
                    && field.type() != Type.REFERENCE && value.toString().length() > field.length()) {
                errors.add(SalesforceError.onFields("STRING_TOO_LONG", field.label() + ": data value too large: "
                        + value + " (max length=" + field.length() + ")", List.of(field.name())));
            } else if (field.type() == Type.EMAIL && !EMAIL.matcher(value.toString()).matches()) {
                errors.add(SalesforceError.onFields("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: "
                        + value, List.of(field.name())));
            } else if (field.type() == Type.PICKLIST && field.restricted()
                    && !field.picklistValues().contains(value.toString())) {
                errors.add(SalesforceError.onFields("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                        + ": bad value for restricted picklist field: " + value, List.of(field.name())));
            } else if (field.type() == Type.REFERENCE && field.writable()) {
                checkReference(field, value.toString()).ifPresentOrElse(errors::add,
                        () -> candidate.put(field.name(), SalesforceIds.normalize(value.toString()).orElseThrow()));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        if (type.name().equals("CampaignMember")) {
            Optional<SalesforceError> member = checkCampaignMember(selfId, candidate);
            if (member.isPresent()) {
                return List.of(member.get());
            }
        }
        for (SalesforceField field : type.fields()) {
            if (field.externalId() && candidate.get(field.name()) != null && written.contains(field.name())) {
                boolean taken = records.values().stream().anyMatch(r -> !r.deleted() && !r.id.equals(selfId)
                        && r.type.name().equals(type.name())
                        && candidate.get(field.name()).toString().equalsIgnoreCase(String.valueOf(r.get(field.name()))));
                if (taken) {
                    errors.add(SalesforceError.onFields("DUPLICATE_VALUE", "duplicate value found: " + field.name()
                            + " duplicates value on record with id: " + ownerOf(type, field, candidate, selfId),
                            List.of(field.name())));
                }
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        Map<String, Object> view = new LinkedHashMap<>(candidate);
        derive(type, view);
        for (ValidationRule rule : validationRules) {
            if (rule.object().equalsIgnoreCase(type.name()) && rule.violatedWhen().test(view)) {
                errors.add(SalesforceError.onFields("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.message(),
                        rule.errorField() == null ? List.of()
                                : List.of(type.field(rule.errorField()).orElseThrow().name())));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        return duplicates(type, selfId, candidate, ctx).map(List::of).orElse(List.of());
    }

    private String ownerOf(SalesforceSObject type, SalesforceField field, Map<String, Object> candidate, String selfId) {
        return records.values().stream().filter(r -> !r.deleted() && !r.id.equals(selfId)
                        && r.type.name().equals(type.name())
                        && candidate.get(field.name()).toString().equalsIgnoreCase(String.valueOf(r.get(field.name()))))
                .map(r -> r.id).findFirst().orElse("");
    }

    /**
     * A lookup's value: a malformed id is MALFORMED_ID, an id of another object FIELD_INTEGRITY_EXCEPTION, an unknown
     * one INVALID_CROSS_REFERENCE_KEY, a deleted one ENTITY_IS_DELETED (all with the field in {@code fields}).
     */
    private Optional<SalesforceError> checkReference(SalesforceField field, String value) {
        List<String> fields = List.of(field.name());
        Optional<String> id = SalesforceIds.normalize(value);
        if (id.isEmpty()) {
            return Optional.of(SalesforceError.onFields("MALFORMED_ID", field.label() + ": id value of incorrect type: "
                    + value, fields));
        }
        String expectedPrefix = object(field.referenceTo()).orElseThrow().keyPrefix();
        if (!SalesforceIds.keyPrefix(id.get()).equals(expectedPrefix)) {
            return Optional.of(SalesforceError.onFields("FIELD_INTEGRITY_EXCEPTION", field.label()
                    + ": id value of incorrect type: " + value, fields));
        }
        StoredRecord target = records.get(id.get());
        if (target != null && field.referenceTo().equals("User") && !Boolean.TRUE.equals(target.get("IsActive"))) {
            // without the org permission "Update Records with Inactive Owners", the default
            return Optional.of(SalesforceError.onFields("INACTIVE_OWNER_OR_USER", "operation performed with inactive"
                    + " user", fields));
        }
        if (target == null) {
            return Optional.of(SalesforceError.onFields("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    fields));
        }
        if (target.deleted()) {
            return Optional.of(SalesforceError.onFields("ENTITY_IS_DELETED", "entity is deleted", fields));
        }
        return Optional.empty();
    }

    /**
     * A campaign member names a lead or a contact (Salesforce's field for either is {@code LeadOrContactId}; not
     * documented which error a member naming neither gets, the sandbox answers REQUIRED_FIELD_MISSING for it) and
     * is in a campaign once: a second one is DUPLICATE_VALUE "Already a campaign member.".
     */
    private Optional<SalesforceError> checkCampaignMember(String selfId, Map<String, Object> candidate) {
        Object leadId = candidate.get("LeadId");
        Object contactId = candidate.get("ContactId");
        if (leadId == null && contactId == null) {
            return Optional.of(SalesforceError.onFields("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [LeadOrContactId]", List.of("LeadOrContactId")));
        }
        for (StoredRecord other : records.values()) {
            if (!other.deleted() && other.type.name().equals("CampaignMember") && !other.id.equals(selfId)
                    && Objects.equals(other.get("CampaignId"), candidate.get("CampaignId"))
                    && ((leadId != null && leadId.equals(other.get("LeadId")))
                    || (contactId != null && contactId.equals(other.get("ContactId"))))) {
                return Optional.of(SalesforceError.onFields("DUPLICATE_VALUE", "Already a campaign member.",
                        List.of()));
            }
        }
        return Optional.empty();
    }

    /**
     * The standard duplicate rules, reduced to what the integration meets: a lead (contact) whose email equals, case
     * aside, that of another live, unconverted lead (contact) is a duplicate. In ALERT mode the API header
     * {@code allowSave=true} saves it anyway; in BLOCK mode nothing does. Records created by the same call are not
     * compared with each other.
     */
    private Optional<SalesforceError> duplicates(SalesforceSObject type, String selfId, Map<String, Object> candidate,
                                                 SaveContext ctx) {
        SalesforceDuplicateRule mode = duplicateRules.getOrDefault(type.name(), SalesforceDuplicateRule.OFF);
        Object email = candidate.get("Email");
        if (mode == SalesforceDuplicateRule.OFF || email == null || (mode == SalesforceDuplicateRule.ALERT && ctx.allowSave())) {
            return Optional.empty();
        }
        List<String> matches = new ArrayList<>();
        for (StoredRecord other : records.values()) {
            if (other.type.name().equals(type.name()) && !other.deleted() && !other.id.equals(selfId)
                    && !Boolean.TRUE.equals(other.get("IsConverted"))
                    && (ctx.sameCallIds() == null || !ctx.sameCallIds().contains(other.id))
                    && email.toString().equalsIgnoreCase(String.valueOf(other.get("Email")))) {
                matches.add(other.id);
            }
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> matchRecords = new ArrayList<>();
        for (String id : matches) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("attributes", attributes(type.name(), id, ctx.apiVersion()));
            record.put("Id", id);
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("additionalInformation", List.of());
            match.put("fieldDiffs", List.of());
            match.put("matchConfidence", 100.0);
            match.put("record", record);
            matchRecords.add(match);
        }
        Map<String, Object> matchResult = new LinkedHashMap<>();
        matchResult.put("entityType", type.name());
        matchResult.put("errors", List.of());
        matchResult.put("matchEngine", "ExactMatchEngine");
        matchResult.put("matchRecords", matchRecords);
        matchResult.put("rule", "Standard_" + type.name() + "_Match_Rule_v1_0");
        matchResult.put("size", matches.size());
        matchResult.put("success", true);
        Map<String, Object> duplicateResult = new LinkedHashMap<>();
        duplicateResult.put("allowSave", mode == SalesforceDuplicateRule.ALERT);
        duplicateResult.put("duplicateRule", "Standard_" + type.name() + "_Duplicate_Rule");
        duplicateResult.put("duplicateRuleEntityType", type.name());
        duplicateResult.put("errorMessage", DUPLICATE_MESSAGE);
        duplicateResult.put("matchResults", List.of(matchResult));
        return Optional.of(new SalesforceError("DUPLICATES_DETECTED", DUPLICATE_MESSAGE, List.of(),
                Map.of("duplicateResult", duplicateResult)));
    }

    private Optional<SalesforceError> lockFailure(SaveContext ctx) {
        if (!ctx.api() || pendingLockFailures == 0) {
            return Optional.empty();
        }
        pendingLockFailures--;
        return Optional.of(SalesforceError.onFields("UNABLE_TO_LOCK_ROW",
                "unable to obtain exclusive access to this record", List.of()));
    }

    /**
     * The integration user has no "Manage Users" permission: users are added in Setup (the sandbox's control
     * endpoint), not saved through the API. Which error Salesforce answers then is not documented.
     */
    private static SalesforceError usersAreManagedInSetup() {
        return SalesforceError.onFields("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id",
                List.of());
    }

    private static SalesforceError notWritable(List<String> fields) {
        return SalesforceError.onFields("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                + String.join(", ", fields) + ". Please check the security settings of this field and verify that it is "
                + "read/write for your profile or permission set.", fields);
    }

    // ---- helpers

    /** The record's row: every field of its object in describe order, derived fields filled in. */
    private Map<String, Object> fullRow(StoredRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (SalesforceField field : record.type.fields()) {
            row.put(field.name(), record.values.get(field.name()));
        }
        derive(record.type, row);
        return row;
    }

    /** Fields Salesforce computes: Name of leads, contacts and users, the lead/contact fields of a campaign member. */
    private void derive(SalesforceSObject type, Map<String, Object> row) {
        if (type.name().equals("Lead") || type.name().equals("Contact") || type.name().equals("User")) {
            List<String> parts = new ArrayList<>();
            for (String part : new String[] {"FirstName", "LastName"}) {
                if (row.get(part) != null) {
                    parts.add(row.get(part).toString());
                }
            }
            row.put("Name", parts.isEmpty() ? null : String.join(" ", parts));
        } else if (type.name().equals("CampaignMember")) {
            Object contactId = row.get("ContactId");
            Object personId = contactId != null ? contactId : row.get("LeadId");
            StoredRecord person = personId == null ? null : records.get(personId.toString());
            row.put("Type", contactId != null ? "Contact" : "Lead");
            row.put("FirstName", person == null ? null : person.get("FirstName"));
            row.put("LastName", person == null ? null : person.get("LastName"));
            row.put("Email", person == null ? null : person.get("Email"));
            row.put("HasResponded", "Responded".equals(row.get("Status")));
        }
    }

    private void markDeleted(StoredRecord record, Instant now, String userId) {
        record.deletedAt = now;
        record.values.put("IsDeleted", Boolean.TRUE);
        stamp(record.values, now, userId);
    }

    private static void stamp(Map<String, Object> values, Instant now, String userId) {
        values.put("LastModifiedDate", now);
        values.put("LastModifiedById", userId);
        values.put("SystemModstamp", now);
    }

    private StoredRecord live(SalesforceSObject type, String rawId) {
        Resolved resolved = resolve(type, rawId);
        if (resolved.resolution() != Resolution.FOUND) {
            throw SalesforceApiException.notFound();
        }
        return resolved.record();
    }

    private static String orThrow(SaveResult result) {
        if (!result.success()) {
            throw new SalesforceApiException(400, result.errors());
        }
        return result.id();
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... fields) {
        for (String field : fields) {
            if (from.get(field) != null) {
                to.put(field, from.get(field));
            }
        }
    }

    private static void copyAddress(Map<String, Object> lead, Map<String, Object> to, String prefix) {
        for (String part : new String[] {"Street", "City", "State", "PostalCode", "Country"}) {
            if (lead.get(part) != null) {
                to.put(prefix + part, lead.get(part));
            }
        }
    }

    static Map<String, Object> attributes(String type, String id, String apiVersion) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", type);
        attributes.put("url", "/services/data/" + apiVersion + "/sobjects/" + type + "/" + id);
        return attributes;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** All records of an object as JSON-ready maps (attributes first), deleted ones only when asked. */
    synchronized List<Map<String, Object>> views(SalesforceSObject type, boolean includeDeleted, String apiVersion) {
        return rows(type, includeDeleted).stream().map(row -> view(type, row, apiVersion)).toList();
    }

    static Map<String, Object> view(SalesforceSObject type, Map<String, Object> row, String apiVersion) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("attributes", attributes(type.name(), (String) row.get("Id"), apiVersion));
        row.forEach((name, value) -> view.put(name, SalesforceValues.toJson(value)));
        return view;
    }
}
