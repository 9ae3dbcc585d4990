package io.contactsync.salesforce;

import static io.contactsync.salesforce.SyncDirection.HUBSPOT_TO_SALESFORCE;
import static io.contactsync.salesforce.SyncDirection.SALESFORCE_TO_HUBSPOT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSyncRulesTest {

    private static final Instant EARLIER = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-01T10:05:00Z");

    /**
     * Every rule, both directions, blank and non-blank values, both time orders, ties and unknown times.
     * Values: '' is blank. Times: E earlier, L later, - unknown. Result: SET:value, CLEAR or KEEP.
     */
    @ParameterizedTest(name = "{0} {1}: HubSpot ''{2}''@{3}, Salesforce ''{4}''@{5} -> {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # prefer Salesforce unless blank: HubSpot fills only a blank Salesforce field, never clears it
            prefer-salesforce | HUBSPOT_TO_SALESFORCE | Ada   | L | ''    | E | SET:Ada
            prefer-salesforce | HUBSPOT_TO_SALESFORCE | Ada   | E | ''    | L | SET:Ada
            prefer-salesforce | HUBSPOT_TO_SALESFORCE | Ada   | L | Grace | E | KEEP
            prefer-salesforce | HUBSPOT_TO_SALESFORCE | ''    | L | Grace | E | KEEP
            prefer-salesforce | HUBSPOT_TO_SALESFORCE | ''    | L | ''    | E | KEEP
            prefer-salesforce | HUBSPOT_TO_SALESFORCE | Ada   | L | Ada   | E | KEEP
            # ... and a Salesforce value overwrites HubSpot whatever the times; a blank one does not clear HubSpot
            prefer-salesforce | SALESFORCE_TO_HUBSPOT | Ada   | L | Grace | E | SET:Grace
            prefer-salesforce | SALESFORCE_TO_HUBSPOT | ''    | E | Grace | L | SET:Grace
            prefer-salesforce | SALESFORCE_TO_HUBSPOT | Ada   | E | ''    | L | KEEP
            prefer-salesforce | SALESFORCE_TO_HUBSPOT | ''    | E | ''    | L | KEEP
            prefer-salesforce | SALESFORCE_TO_HUBSPOT | Grace | E | Grace | L | KEEP
            # always use Salesforce: HubSpot never writes; Salesforce overwrites and clears HubSpot
            always-salesforce | HUBSPOT_TO_SALESFORCE | Ada   | L | ''    | E | KEEP
            always-salesforce | HUBSPOT_TO_SALESFORCE | Ada   | L | Grace | E | KEEP
            always-salesforce | HUBSPOT_TO_SALESFORCE | ''    | L | Grace | E | KEEP
            always-salesforce | SALESFORCE_TO_HUBSPOT | Ada   | L | Grace | E | SET:Grace
            always-salesforce | SALESFORCE_TO_HUBSPOT | ''    | E | Grace | L | SET:Grace
            always-salesforce | SALESFORCE_TO_HUBSPOT | Ada   | L | ''    | E | CLEAR
            always-salesforce | SALESFORCE_TO_HUBSPOT | ''    | L | ''    | E | KEEP
            always-salesforce | SALESFORCE_TO_HUBSPOT | Grace | L | Grace | E | KEEP
            # two-way: the more recent side wins, clearing included; a tie goes to the side that triggered the sync
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | L | Grace | E | SET:Ada
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | E | Grace | L | KEEP
            two-way           | HUBSPOT_TO_SALESFORCE | ''    | L | Grace | E | CLEAR
            two-way           | HUBSPOT_TO_SALESFORCE | ''    | E | Grace | L | KEEP
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | L | ''    | E | SET:Ada
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | E | ''    | L | KEEP
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | E | Grace | E | SET:Ada
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | - | Grace | E | KEEP
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | E | Grace | - | SET:Ada
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | - | Grace | - | SET:Ada
            two-way           | HUBSPOT_TO_SALESFORCE | Ada   | L | Ada   | E | KEEP
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | E | Grace | L | SET:Grace
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | L | Grace | E | KEEP
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | E | ''    | L | CLEAR
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | L | ''    | E | KEEP
            two-way           | SALESFORCE_TO_HUBSPOT | ''    | E | Grace | L | SET:Grace
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | L | Grace | L | SET:Grace
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | E | Grace | - | KEEP
            two-way           | SALESFORCE_TO_HUBSPOT | Ada   | - | Grace | E | SET:Grace
            # don't sync: nothing, ever
            dont-sync         | HUBSPOT_TO_SALESFORCE | Ada   | L | ''    | E | KEEP
            dont-sync         | HUBSPOT_TO_SALESFORCE | Ada   | L | Grace | E | KEEP
            dont-sync         | SALESFORCE_TO_HUBSPOT | Ada   | E | Grace | L | KEEP
            dont-sync         | SALESFORCE_TO_HUBSPOT | Ada   | E | ''    | L | KEEP
            """)
    void decides(String rule, SyncDirection direction, String hubspot, String hubspotTime, String salesforce,
            String salesforceTime, String expected) {
        FieldDecision decision = FieldSyncRules.decide(FieldRule.fromConfig(rule).orElseThrow(),
                FieldValue.of(hubspot, time(hubspotTime)), FieldValue.of(salesforce, time(salesforceTime)), direction);

        String actual = decision.write() == FieldDecision.Write.SET ? "SET:" + decision.value() : decision.write().name();
        assertAll(() -> assertEquals(expected, actual, decision.reason()),
                () -> assertEquals(direction.target(), decision.side(), "only the direction's target is written"),
                () -> assertTrue(decision.reason().startsWith(rule) || decision.reason().equals("already the same"),
                        decision.reason()));
    }

    @ParameterizedTest(name = "''{0}'' and ''{1}'' are the same value")
    @CsvSource(delimiter = '|', textBlock = """
            120000     | 120000.0
            1.5E3      | 1500
            TRUE       | true
            ' Ada '    | Ada
            ''         | '   '
            """)
    void equalValuesWriteNothing(String hubspot, String salesforce) {
        FieldDecision decision = FieldSyncRules.decide(FieldRule.ALWAYS_SALESFORCE, FieldValue.of(hubspot, EARLIER),
                FieldValue.of(salesforce, LATER), SALESFORCE_TO_HUBSPOT);
        assertEquals(FieldDecision.Write.KEEP, decision.write(), decision.reason());
    }

    @Test
    void textComparesCaseSensitivelyAndNullIsBlank() {
        assertEquals("SET:ada", describe(FieldSyncRules.decide(FieldRule.ALWAYS_SALESFORCE, FieldValue.of("Ada", EARLIER),
                FieldValue.of("ada", LATER), SALESFORCE_TO_HUBSPOT)));
        assertEquals("CLEAR", describe(FieldSyncRules.decide(FieldRule.ALWAYS_SALESFORCE, FieldValue.of("Ada", EARLIER),
                FieldValue.of(null, null), SALESFORCE_TO_HUBSPOT)));
        assertEquals("SET:Ada", describe(FieldSyncRules.decide(FieldRule.PREFER_SALESFORCE, FieldValue.of(" Ada ", null),
                FieldValue.of(null, null), HUBSPOT_TO_SALESFORCE)), "a value is written trimmed");
    }

    @Test
    void defaultsAreHubSpotsConnectorsOwnerTwoWayCampaignsFromSalesforceTheRestPreferSalesforce() {
        FieldSyncRules rules = FieldSyncRules.of(Map.of(), List.of("favourite_colour"));

        assertEquals(FieldRule.TWO_WAY, rules.ruleFor("hubspot_owner_id"));
        assertEquals(FieldRule.ALWAYS_SALESFORCE, rules.ruleFor("salesforce_campaigns"));
        assertEquals(FieldRule.PREFER_SALESFORCE, rules.ruleFor("favourite_colour"), "a custom mapping");
        DefaultMappings.FIELDS.stream().filter(f -> !f.hubspotProperty().equals("hubspot_owner_id"))
                .forEach(f -> assertEquals(FieldRule.PREFER_SALESFORCE, rules.ruleFor(f.hubspotProperty()), f.label()));
        assertEquals(DefaultMappings.FIELDS.size() + 2, rules.rules().size());
    }

    @Test
    void aConfiguredRuleReplacesTheDefaultAndDecidesForItsProperty() {
        FieldSyncRules rules = FieldSyncRules.of(
                Map.of("jobtitle", "two-way", "hubspot_owner_id", "dont-sync", "favourite_colour", "always-salesforce"),
                List.of("favourite_colour"));

        assertEquals(FieldRule.TWO_WAY, rules.ruleFor("jobtitle"));
        assertEquals(FieldRule.DONT_SYNC, rules.ruleFor("hubspot_owner_id"));
        assertEquals("SET:CTO", describe(rules.decide("jobtitle", FieldValue.of("CTO", LATER),
                FieldValue.of("Engineer", EARLIER), HUBSPOT_TO_SALESFORCE)));
        assertEquals("KEEP", describe(rules.decide("favourite_colour", FieldValue.of("blue", LATER),
                FieldValue.of("", EARLIER), HUBSPOT_TO_SALESFORCE)));
    }

    @Test
    void anUnknownPropertyOrRuleIsRefusedNamingTheKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FieldSyncRules.of(
                Map.of("favourite_color", "two-way", "city", "sometimes"), List.of("favourite_colour")));

        assertEquals("salesforce.sync.field-rules.city=sometimes: unknown rule, expected one of prefer-salesforce,"
                + " always-salesforce, two-way, dont-sync; salesforce.sync.field-rules.favourite_color=two-way:"
                + " 'favourite_color' is not a mapped HubSpot property (a default mapping or one of"
                + " salesforce.sync.custom-fields)", refused.getMessage());
    }

    @Test
    void fieldsThatHubSpotRestrictsRefuseOtherRules() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FieldSyncRules.of(
                Map.of("hubspot_owner_id", "prefer-salesforce", "email", "dont-sync", "salesforce_campaigns", "two-way"),
                List.of()));

        assertEquals("salesforce.sync.field-rules.email=dont-sync: email can only be prefer-salesforce or two-way;"
                + " salesforce.sync.field-rules.hubspot_owner_id=prefer-salesforce: owner id can only be dont-sync or"
                + " two-way; salesforce.sync.field-rules.salesforce_campaigns=two-way: Salesforce campaigns can only"
                + " be always-salesforce or dont-sync", refused.getMessage());
    }

    @Test
    void anUnmappedPropertyHasNoRule() {
        FieldSyncRules rules = FieldSyncRules.of(Map.of(), List.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> rules.decide("favourite_colour", FieldValue.of("a", null), FieldValue.of("b", null),
                        HUBSPOT_TO_SALESFORCE));
        assertEquals("'favourite_colour' is not a mapped HubSpot property", refused.getMessage());
    }

    @Test
    void ruleNamesRoundTrip() {
        for (FieldRule rule : FieldRule.values()) {
            assertEquals(rule, FieldRule.fromConfig(" " + rule.configName() + " ").orElseThrow());
        }
        assertTrue(FieldRule.fromConfig("PREFER_SALESFORCE").isEmpty(), "only the documented names");
        assertTrue(FieldRule.fromConfig(null).isEmpty());
    }

    private static String describe(FieldDecision decision) {
        return decision.write() == FieldDecision.Write.SET ? "SET:" + decision.value() : decision.write().name();
    }

    private static Instant time(String code) {
        return switch (code) {
            case "E" -> EARLIER;
            case "L" -> LATER;
            default -> null;
        };
    }
}
