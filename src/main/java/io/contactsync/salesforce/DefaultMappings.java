package io.contactsync.salesforce;

import static io.contactsync.salesforce.MappedField.Kind.BOOLEAN;
import static io.contactsync.salesforce.MappedField.Kind.CAMPAIGNS;
import static io.contactsync.salesforce.MappedField.Kind.EMAIL;
import static io.contactsync.salesforce.MappedField.Kind.INTEGER;
import static io.contactsync.salesforce.MappedField.Kind.NUMBER;
import static io.contactsync.salesforce.MappedField.Kind.OWNER;
import static io.contactsync.salesforce.MappedField.Kind.TEXT;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The default mappings of R2.9, which the four mapping files implement and which cannot be removed, plus the
 * "Salesforce campaigns" property of R2.11. Properties named {@code salesforce_*} are not HubSpot defaults: the
 * integrator creates them (docs/salesforce.md lists them).
 */
public final class DefaultMappings {

    public static final List<String> FILES = List.of("hubspot-to-salesforce-lead.jsonata",
            "hubspot-to-salesforce-contact.jsonata", "salesforce-lead-to-hubspot.jsonata",
            "salesforce-contact-to-hubspot.jsonata");

    /** R2.11: Salesforce owns campaign membership, so HubSpot never writes it back. */
    public static final MappedField CAMPAIGNS_FIELD = new MappedField("Salesforce campaigns", "salesforce_campaigns",
            null, null, CAMPAIGNS, FieldRule.ALWAYS_SALESFORCE, Set.of(FieldRule.ALWAYS_SALESFORCE, FieldRule.DONT_SYNC));

    public static final List<MappedField> FIELDS = List.of(
            MappedField.of("account id", "salesforce_account_id", null, "AccountId", TEXT),
            MappedField.of("annual revenue", "annualrevenue", "AnnualRevenue", null, NUMBER),
            MappedField.of("city", "city", "City", "MailingCity", TEXT),
            MappedField.of("shipping city", "salesforce_shipping_city", null, "OtherCity", TEXT),
            MappedField.of("company", "company", "Company", null, TEXT),
            // HubSpot's connector maps the owner two-way only, by an exact user match
            new MappedField("owner id", "hubspot_owner_id", "OwnerId", "OwnerId", OWNER, FieldRule.TWO_WAY,
                    Set.of(FieldRule.TWO_WAY, FieldRule.DONT_SYNC)),
            MappedField.of("country", "country", "Country", "MailingCountry", TEXT),
            MappedField.of("shipping country", "salesforce_shipping_country", null, "OtherCountry", TEXT),
            MappedField.of("employees", "salesforce_number_of_employees", "NumberOfEmployees", null, INTEGER),
            MappedField.of("company fax", "fax", "Fax", "Fax", TEXT),
            MappedField.of("first name", "firstname", "FirstName", "FirstName", TEXT),
            MappedField.of("industry", "industry", "Industry", null, TEXT),
            MappedField.of("job title", "jobtitle", "Title", "Title", TEXT),
            MappedField.of("last name", "lastname", "LastName", "LastName", TEXT),
            MappedField.of("lead source", "salesforce_lead_source", "LeadSource", "LeadSource", TEXT),
            MappedField.of("contact description", "salesforce_description", "Description", "Description", TEXT),
            MappedField.of("email opt-out", "hs_email_optout", "HasOptedOutOfEmail", "HasOptedOutOfEmail", BOOLEAN),
            MappedField.of("company phone / phone", "phone", "Phone", "Phone", TEXT),
            MappedField.of("postal code", "zip", "PostalCode", "MailingPostalCode", TEXT),
            MappedField.of("shipping postal code", "salesforce_shipping_postal_code", null, "OtherPostalCode", TEXT),
            MappedField.of("rating", "salesforce_rating", "Rating", null, TEXT),
            MappedField.of("salutation", "salutation", "Salutation", "Salutation", TEXT),
            MappedField.of("shipping state/province", "salesforce_shipping_state", null, "OtherState", TEXT),
            MappedField.of("state/province", "state", "State", "MailingState", TEXT),
            MappedField.of("status", "hs_lead_status", "Status", null, TEXT),
            MappedField.of("shipping street", "salesforce_shipping_street", null, "OtherStreet", TEXT),
            MappedField.of("street", "address", "Street", "MailingStreet", TEXT),
            MappedField.of("website", "website", "Website", null, TEXT),
            // email is the dedupe key (R2.8): HubSpot's connector offers only these two rules for it
            new MappedField("email", "email", "Email", "Email", EMAIL, FieldRule.PREFER_SALESFORCE,
                    Set.of(FieldRule.PREFER_SALESFORCE, FieldRule.TWO_WAY)),
            MappedField.of("mobile phone", "mobilephone", "MobilePhone", "MobilePhone", TEXT));

    private static final Map<String, MappedField> BY_PROPERTY = Stream.concat(FIELDS.stream(), Stream.of(CAMPAIGNS_FIELD))
            .collect(Collectors.toUnmodifiableMap(MappedField::hubspotProperty, Function.identity()));

    private DefaultMappings() {
    }

    /** A default mapping (or the campaigns property) by its HubSpot property. */
    public static Optional<MappedField> byProperty(String hubspotProperty) {
        return Optional.ofNullable(BY_PROPERTY.get(hubspotProperty));
    }

    /** Every default mapping and the campaigns property. */
    public static List<MappedField> all() {
        return Stream.concat(FIELDS.stream(), Stream.of(CAMPAIGNS_FIELD)).toList();
    }

    /** The Salesforce fields the defaults write on an object: a custom mapping may not take one of them. */
    public static Set<String> salesforceFields(SalesforceObject object) {
        return FIELDS.stream().map(f -> f.fieldOn(object)).filter(f -> f != null).collect(Collectors.toSet());
    }
}
