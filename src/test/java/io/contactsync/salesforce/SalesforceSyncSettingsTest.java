package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class SalesforceSyncSettingsTest {

    @Test
    void theDefaultsAreValid() {
        SalesforceSyncSettings settings = settings(Map.of());

        assertEquals(List.of(), settings.problems());
        assertEquals(SalesforceObject.LEAD, settings.routing().objectFor("marketingqualifiedlead").object());
        assertEquals(SalesforceObject.CONTACT, settings.routing().objectFor("salesqualifiedlead").object());
        assertEquals(FieldRule.TWO_WAY, settings.fieldRules().ruleFor("hubspot_owner_id"));
        assertEquals(Map.of(), settings.customFields());
        assertEquals(Map.of(), settings.fallbacks(), "no fallback unless configured");
        assertEquals(Duration.ofMinutes(5), settings.config().membershipCacheTtl());
        assertEquals(Duration.ofMinutes(15), settings.config().ownersRefresh());
        assertEquals(false, settings.config().newSalesforceRecordsCreateHubspotContacts());
    }

    @Test
    void customFieldsFallbacksAndRulesAreWhatTheRoutesAndMappingsGet() {
        SalesforceSyncSettings settings = settings(Map.of(
                "salesforce.sync.custom-fields", "favourite_colour:Favourite_Colour__c,t_shirt_size:T_Shirt_Size__c",
                "salesforce.sync.field-rules.favourite_colour", "two-way",
                "salesforce.sync.field-rules.jobtitle", "always-salesforce",
                "salesforce.sync.new-lead.last-name", "[not provided]",
                "salesforce.sync.new-lead.company", "[not provided]",
                "salesforce.sync.lead-stages", "lead",
                "salesforce.sync.contact-stages", "customer"));

        assertEquals(List.of(), settings.problems());
        assertEquals(Map.of("favourite_colour", "Favourite_Colour__c", "t_shirt_size", "T_Shirt_Size__c"),
                settings.customFields());
        assertEquals(FieldRule.TWO_WAY, settings.fieldRules().ruleFor("favourite_colour"));
        assertEquals(FieldRule.PREFER_SALESFORCE, settings.fieldRules().ruleFor("t_shirt_size"));
        assertEquals(FieldRule.ALWAYS_SALESFORCE, settings.fieldRules().ruleFor("jobtitle"));
        assertEquals(Map.of("lastName", "[not provided]", "company", "[not provided]"), settings.fallbacks());
        assertEquals(true, settings.routing().objectFor("subscriber").skipped());
    }

    @Test
    void everyWrongKeyIsReportedAtOnceAndNothingIsServed() {
        SalesforceSyncSettings settings = settings(Map.of(
                "salesforce.sync.custom-fields", "city:City__c",
                "salesforce.sync.field-rules.favourite_colour", "two-way",
                "salesforce.sync.lead-stages", "lead,customer",
                "salesforce.sync.membership-cache-ttl", "-1s",
                "salesforce.sync.owners-refresh", "-2s"));

        assertEquals(List.of("salesforce.sync.custom-fields: 'city:City__c' remaps city, which a default mapping syncs",
                "salesforce.sync.field-rules.favourite_colour=two-way: 'favourite_colour' is not a mapped HubSpot"
                        + " property (a default mapping or one of salesforce.sync.custom-fields)",
                "lifecycle stage 'customer' is in both salesforce.sync.lead-stages and salesforce.sync.contact-stages:"
                        + " a stage syncs either as a Lead or as a Contact (R3.2)",
                "salesforce.sync.membership-cache-ttl=PT-1S: must not be negative",
                "salesforce.sync.owners-refresh=PT-2S: must not be negative"), settings.problems());
        IllegalStateException refused = assertThrows(IllegalStateException.class, settings::routing);
        assertEquals("salesforce.sync is invalid: " + String.join("; ", settings.problems()), refused.getMessage());
    }

    static SalesforceSyncSettings settings(Map<String, String> properties) {
        return new SalesforceSyncSettings(config(properties).getConfigMapping(SalesforceSyncConfig.class));
    }

    static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(SalesforceSyncConfig.class)
                .withMapping(io.contactsync.pipeline.SyncConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 300)).build();
    }
}
