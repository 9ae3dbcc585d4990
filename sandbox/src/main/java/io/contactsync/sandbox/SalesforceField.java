package io.contactsync.sandbox;

import java.util.List;

/**
 * One field of a simulated sObject, with the describe properties the simulator enforces.
 *
 * @param name             API name, e.g. {@code LastName}
 * @param label            label used in error messages, e.g. {@code Last Name}
 * @param type             data type
 * @param length           maximum length of text fields (0 = not a text field)
 * @param createable       the API may set it on create
 * @param updateable       the API may set it on update
 * @param requiredOnCreate not nillable and not defaulted: a create without it fails with REQUIRED_FIELD_MISSING
 * @param defaultValue     value given on create when the field is not set; {@code null} = none
 * @param picklistValues   the picklist's values (picklist fields)
 * @param restricted       restricted picklist: other values fail with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST
 * @param referenceTo      object a reference field points to, e.g. {@code Account}
 * @param relationshipName name for relationship paths in SOQL, e.g. {@code Account} for {@code AccountId}
 * @param idLookup         usable to find records in the URL (sObject Rows by External ID), like Email
 * @param externalId       an External ID field (custom fields only)
 * @param custom           a custom field ({@code __c})
 */
record SalesforceField(String name, String label, Type type, int length, boolean createable, boolean updateable,
                       boolean requiredOnCreate, Object defaultValue, List<String> picklistValues, boolean restricted,
                       String referenceTo, String relationshipName, boolean idLookup, boolean externalId,
                       boolean custom) {

    /** Field data types, with the names describe uses and the type SOQL error messages name. */
    enum Type {
        ID("id", "id"), REFERENCE("reference", "id"), STRING("string", "string"), TEXTAREA("textarea", "string"),
        EMAIL("email", "string"), PHONE("phone", "string"), URL("url", "string"), PICKLIST("picklist", "string"),
        BOOLEAN("boolean", "boolean"), INT("int", "int"), DOUBLE("double", "double"),
        CURRENCY("currency", "currency"), DATE("date", "date"), DATETIME("datetime", "dateTime");

        final String describeName;
        final String soqlName;

        Type(String describeName, String soqlName) {
            this.describeName = describeName;
            this.soqlName = soqlName;
        }

        boolean textual() {
            return switch (this) {
                case ID, REFERENCE, STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST -> true;
                default -> false;
            };
        }

        boolean numeric() {
            return this == INT || this == DOUBLE || this == CURRENCY;
        }
    }

    SalesforceField {
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }

    /** Whether an API client may set the field at all (create or update). */
    boolean writable() {
        return createable || updateable;
    }
}
