package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.contactsync.sandbox.SalesforceField.Type;

/**
 * The simulated org's objects and their fields: the standard fields of Lead, Contact, Account, Campaign,
 * CampaignMember and User the integration reads or writes (API names, labels, types, lengths, required/read-only flags and
 * picklists as in Salesforce's Object Reference), plus custom External ID fields a test adds
 * ({@link #addExternalIdField}). Object and field names are matched case-insensitively, as the API does.
 */
final class SalesforceSchema {

    static final String USER_KEY_PREFIX = "005";
    static final String ORG_KEY_PREFIX = "00D";
    static final String LEAD_OPEN_STATUS = "Open - Not Contacted";
    static final String LEAD_CONVERTED_STATUS = "Closed - Converted";

    private final Map<String, SalesforceSObject> objects = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private SalesforceSchema(Collection<SalesforceSObject> objects) {
        objects.forEach(o -> this.objects.put(o.name(), o));
    }

    /** A fresh org's schema: the standard objects, no custom fields. */
    static SalesforceSchema standard() {
        return new SalesforceSchema(List.of(lead(), contact(), account(), campaign(), campaignMember(), user()));
    }

    Optional<SalesforceSObject> object(String name) {
        return Optional.ofNullable(objects.get(name));
    }

    Optional<SalesforceSObject> objectByKeyPrefix(String keyPrefix) {
        return objects.values().stream().filter(o -> o.keyPrefix().equals(keyPrefix)).findFirst();
    }

    List<SalesforceSObject> objects() {
        return new ArrayList<>(objects.values());
    }

    /**
     * Adds a custom Text(255) field marked External ID and Unique (case-insensitive), e.g.
     * {@code HubSpot_Contact_Id__c}, as an admin would in Setup.
     */
    SalesforceField addExternalIdField(String objectName, String fieldName) {
        SalesforceSObject object = object(objectName)
                .orElseThrow(() -> new IllegalArgumentException("No such object: " + objectName));
        if (!fieldName.matches("[A-Za-z][A-Za-z0-9_]*__c") || fieldName.contains("___")) {
            throw new IllegalArgumentException("A custom field's API name ends with __c: " + fieldName);
        }
        SalesforceField field = new SalesforceField(fieldName, fieldName.substring(0, fieldName.length() - 3)
                .replace('_', ' '), Type.STRING, 255, true, true, false, null, null, false, null, null, true, true, true);
        object.add(field);
        return field;
    }

    // ---- the standard objects

    private static SalesforceSObject lead() {
        Fields f = new Fields();
        f.system();
        f.picklist("Salutation", "Salutation", false, null, "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.");
        f.text("FirstName", "First Name", Type.STRING, 40);
        f.required("LastName", "Last Name", 80);
        f.readOnly("Name", "Full Name", Type.STRING, 121);
        f.text("Title", "Title", Type.STRING, 128);
        f.required("Company", "Company", 255);
        address(f, "", "Zip/Postal Code");
        f.text("Phone", "Phone", Type.PHONE, 40);
        f.text("MobilePhone", "Mobile Phone", Type.PHONE, 40);
        f.text("Fax", "Fax", Type.PHONE, 40);
        f.email();
        f.text("Website", "Website", Type.URL, 255);
        f.text("Description", "Description", Type.TEXTAREA, 32000);
        leadSource(f);
        f.picklist("Status", "Lead Status", true, LEAD_OPEN_STATUS, LEAD_OPEN_STATUS, "Working - Contacted",
                LEAD_CONVERTED_STATUS, "Closed - Not Converted");
        industry(f);
        f.picklist("Rating", "Rating", false, null, "Hot", "Warm", "Cold");
        f.value("AnnualRevenue", "Annual Revenue", Type.CURRENCY);
        f.value("NumberOfEmployees", "Employees", Type.INT);
        optOuts(f);
        f.readOnly("IsConverted", "Converted", Type.BOOLEAN, 0);
        f.readOnly("ConvertedDate", "Converted Date", Type.DATE, 0);
        f.add(new SalesforceField("ConvertedAccountId", "Converted Account ID", Type.REFERENCE, 18, false, false,
                false, null, null, false, "Account", "ConvertedAccount", false, false, false));
        f.add(new SalesforceField("ConvertedContactId", "Converted Contact ID", Type.REFERENCE, 18, false, false,
                false, null, null, false, "Contact", "ConvertedContact", false, false, false));
        f.owner();
        return new SalesforceSObject("Lead", "Lead", "00Q", f.list);
    }

    private static SalesforceSObject contact() {
        Fields f = new Fields();
        f.system();
        f.add(new SalesforceField("AccountId", "Account ID", Type.REFERENCE, 18, true, true, false, null, null, false,
                "Account", "Account", false, false, false));
        f.picklist("Salutation", "Salutation", false, null, "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.");
        f.text("FirstName", "First Name", Type.STRING, 40);
        f.required("LastName", "Last Name", 80);
        f.readOnly("Name", "Full Name", Type.STRING, 121);
        address(f, "Other", "Other Zip/Postal Code");
        address(f, "Mailing", "Mailing Zip/Postal Code");
        f.text("Phone", "Business Phone", Type.PHONE, 40);
        f.text("Fax", "Business Fax", Type.PHONE, 40);
        f.text("MobilePhone", "Mobile Phone", Type.PHONE, 40);
        f.text("HomePhone", "Home Phone", Type.PHONE, 40);
        f.text("OtherPhone", "Other Phone", Type.PHONE, 40);
        f.email();
        f.text("Title", "Title", Type.STRING, 128);
        f.text("Department", "Department", Type.STRING, 80);
        leadSource(f);
        f.value("Birthdate", "Birthdate", Type.DATE);
        f.text("Description", "Contact Description", Type.TEXTAREA, 32000);
        optOuts(f);
        f.owner();
        return new SalesforceSObject("Contact", "Contact", "003", f.list);
    }

    private static SalesforceSObject account() {
        Fields f = new Fields();
        f.system();
        f.required("Name", "Account Name", 255);
        f.picklist("Type", "Account Type", false, null, "Prospect", "Customer - Direct", "Customer - Channel", "Other");
        address(f, "Billing", "Billing Zip/Postal Code");
        address(f, "Shipping", "Shipping Zip/Postal Code");
        f.text("Phone", "Account Phone", Type.PHONE, 40);
        f.text("Fax", "Account Fax", Type.PHONE, 40);
        f.text("AccountNumber", "Account Number", Type.STRING, 40);
        f.text("Website", "Website", Type.URL, 255);
        industry(f);
        f.value("AnnualRevenue", "Annual Revenue", Type.CURRENCY);
        f.value("NumberOfEmployees", "Employees", Type.INT);
        f.picklist("Rating", "Account Rating", false, null, "Hot", "Warm", "Cold");
        f.text("Description", "Account Description", Type.TEXTAREA, 32000);
        f.owner();
        return new SalesforceSObject("Account", "Account", "001", f.list);
    }

    private static SalesforceSObject campaign() {
        Fields f = new Fields();
        f.system();
        f.required("Name", "Campaign Name", 80);
        f.picklist("Type", "Type", false, null, "Conference", "Webinar", "Email", "Advertisement", "Other");
        f.picklist("Status", "Status", false, null, "Planned", "In Progress", "Completed", "Aborted");
        f.add(new SalesforceField("IsActive", "Active", Type.BOOLEAN, 0, true, true, false, Boolean.FALSE, null, false,
                null, null, false, false, false));
        f.value("StartDate", "Start Date", Type.DATE);
        f.value("EndDate", "End Date", Type.DATE);
        f.text("Description", "Description", Type.TEXTAREA, 32000);
        f.owner();
        return new SalesforceSObject("Campaign", "Campaign", "701", f.list);
    }

    private static SalesforceSObject campaignMember() {
        Fields f = new Fields();
        f.system();
        f.add(new SalesforceField("CampaignId", "Campaign ID", Type.REFERENCE, 18, true, false, true, null, null,
                false, "Campaign", "Campaign", false, false, false));
        f.add(new SalesforceField("LeadId", "Lead ID", Type.REFERENCE, 18, true, false, false, null, null, false,
                "Lead", "Lead", false, false, false));
        f.add(new SalesforceField("ContactId", "Contact ID", Type.REFERENCE, 18, true, false, false, null, null, false,
                "Contact", "Contact", false, false, false));
        f.picklist("Status", "Status", false, "Sent", "Sent", "Responded");
        f.readOnly("HasResponded", "Responded", Type.BOOLEAN, 0);
        f.readOnly("Type", "Type", Type.STRING, 40);
        f.readOnly("FirstName", "First Name", Type.STRING, 40);
        f.readOnly("LastName", "Last Name", Type.STRING, 80);
        f.readOnly("Email", "Email", Type.EMAIL, 80);
        return new SalesforceSObject("CampaignMember", "Campaign Member", "00v", f.list);
    }

    /** Read-only through the API here: users are managed in Setup (SalesforceOrgStore#addUser). */
    private static SalesforceSObject user() {
        Fields f = new Fields();
        f.system();
        f.readOnly("Username", "Username", Type.STRING, 80);
        f.readOnly("FirstName", "First Name", Type.STRING, 40);
        f.readOnly("LastName", "Last Name", Type.STRING, 80);
        f.readOnly("Name", "Full Name", Type.STRING, 121);
        f.readOnly("Email", "Email", Type.EMAIL, 128);
        f.readOnly("IsActive", "Active", Type.BOOLEAN, 0);
        return new SalesforceSObject("User", "User", USER_KEY_PREFIX, f.list);
    }

    private static void address(Fields f, String prefix, String postalLabel) {
        String labelPrefix = prefix.isEmpty() ? "" : prefix + " ";
        f.text(prefix + "Street", labelPrefix + "Street", Type.TEXTAREA, 255);
        f.text(prefix + "City", labelPrefix + "City", Type.STRING, 40);
        f.text(prefix + "State", labelPrefix + "State/Province", Type.STRING, 80);
        f.text(prefix + "PostalCode", postalLabel, Type.STRING, 20);
        f.text(prefix + "Country", labelPrefix + "Country", Type.STRING, 80);
    }

    private static void leadSource(Fields f) {
        f.picklist("LeadSource", "Lead Source", false, null, "Web", "Phone Inquiry", "Partner Referral",
                "Purchased List", "Other");
    }

    private static void industry(Fields f) {
        f.picklist("Industry", "Industry", false, null, "Agriculture", "Banking", "Consulting", "Education",
                "Finance", "Healthcare", "Manufacturing", "Media", "Retail", "Technology", "Other");
    }

    private static void optOuts(Fields f) {
        for (String[] optOut : new String[][] {{"HasOptedOutOfEmail", "Email Opt Out"},
                {"HasOptedOutOfFax", "Fax Opt Out"}, {"DoNotCall", "Do Not Call"}}) {
            f.add(new SalesforceField(optOut[0], optOut[1], Type.BOOLEAN, 0, true, true, false, Boolean.FALSE, null,
                    false, null, null, false, false, false));
        }
    }

    /** Collects an object's fields in describe order. */
    private static final class Fields {
        final List<SalesforceField> list = new ArrayList<>();

        void add(SalesforceField field) {
            list.add(field);
        }

        /** Id, IsDeleted and the audit fields every object has; the API never writes them. */
        void system() {
            add(new SalesforceField("Id", "Record ID", Type.ID, 18, false, false, false, null, null, false, null, null,
                    true, false, false));
            readOnly("IsDeleted", "Deleted", Type.BOOLEAN, 0);
            readOnly("CreatedDate", "Created Date", Type.DATETIME, 0);
            add(userReference("CreatedById", "Created By ID", false));
            readOnly("LastModifiedDate", "Last Modified Date", Type.DATETIME, 0);
            add(userReference("LastModifiedById", "Last Modified By ID", false));
            readOnly("SystemModstamp", "System Modstamp", Type.DATETIME, 0);
        }

        void owner() {
            add(userReference("OwnerId", "Owner ID", true));
        }

        void text(String name, String label, Type type, int length) {
            add(new SalesforceField(name, label, type, length, true, true, false, null, null, false, null, null, false,
                    false, false));
        }

        void required(String name, String label, int length) {
            add(new SalesforceField(name, label, Type.STRING, length, true, true, true, null, null, false, null, null,
                    false, false, false));
        }

        void value(String name, String label, Type type) {
            add(new SalesforceField(name, label, type, 0, true, true, false, null, null, false, null, null, false,
                    false, false));
        }

        void readOnly(String name, String label, Type type, int length) {
            add(new SalesforceField(name, label, type, length, false, false, false,
                    type == Type.BOOLEAN ? Boolean.FALSE : null, null, false, null, null, false, false, false));
        }

        void email() {
            add(new SalesforceField("Email", "Email", Type.EMAIL, 80, true, true, false, null, null, false, null, null,
                    true, false, false));
        }

        void picklist(String name, String label, boolean restricted, String defaultValue, String... values) {
            add(new SalesforceField(name, label, Type.PICKLIST, 255, true, true, false, defaultValue, List.of(values),
                    restricted, null, null, false, false, false));
        }

        private static SalesforceField userReference(String name, String label, boolean writable) {
            return new SalesforceField(name, label, Type.REFERENCE, 18, writable, writable, false, null, null, false,
                    "User", null, false, false, false);
        }
    }
}
