package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleRoutingTest {

    private final LifecycleRouting defaults = LifecycleRouting.of(List.of("subscriber", "lead", "marketingqualifiedlead"),
            List.of("salesqualifiedlead", "opportunity", "customer", "evangelist"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "subscriber, LEAD", "lead, LEAD", "marketingqualifiedlead, LEAD", "salesqualifiedlead, CONTACT",
            "opportunity, CONTACT", "customer, CONTACT", "evangelist, CONTACT", "' Customer ', CONTACT" })
    void aStageInOneSetSyncsAsThatObject(String stage, SalesforceObject expected) {
        ObjectChoice choice = defaults.objectFor(stage);
        assertEquals(expected, choice.object());
        String key = expected == SalesforceObject.LEAD ? "lead-stages" : "contact-stages";
        assertEquals("lifecycle stage '" + stage.trim().toLowerCase() + "' is in salesforce.sync." + key, choice.reason());
    }

    @Test
    void aStageInNeitherSetIsSkippedWithTheReason() {
        LifecycleRouting leadsOnly = LifecycleRouting.of(List.of("lead"), List.of("opportunity"));

        ObjectChoice choice = leadsOnly.objectFor("customer");

        assertTrue(choice.skipped());
        assertNull(choice.object());
        assertEquals("lifecycle stage 'customer' is in neither salesforce.sync.lead-stages nor"
                + " salesforce.sync.contact-stages", choice.reason());
        assertEquals("lifecycle stage 'other' is in neither salesforce.sync.lead-stages nor"
                + " salesforce.sync.contact-stages", defaults.objectFor("other").reason(), "'other' is in no default set");
    }

    @Test
    void aContactWithoutAStageIsSkipped() {
        for (String none : new String[] { null, "", "  " }) {
            ObjectChoice choice = defaults.objectFor(none);
            assertTrue(choice.skipped());
            assertEquals("the contact has no lifecycle stage, so it is in neither salesforce.sync.lead-stages nor"
                    + " salesforce.sync.contact-stages", choice.reason());
        }
    }

    @Test
    void aCustomStageIsItsNumericInternalId() {
        LifecycleRouting routing = LifecycleRouting.of(List.of("lead", "1034567"), List.of("customer"));
        assertEquals(SalesforceObject.LEAD, routing.objectFor("1034567").object());
    }

    @Test
    void aStageInBothSetsIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LifecycleRouting.of(List.of("lead", "Opportunity", "customer"), List.of("opportunity", "customer")));

        assertEquals("lifecycle stage 'opportunity' is in both salesforce.sync.lead-stages and"
                + " salesforce.sync.contact-stages: a stage syncs either as a Lead or as a Contact (R3.2); lifecycle"
                + " stage 'customer' is in both salesforce.sync.lead-stages and salesforce.sync.contact-stages: a"
                + " stage syncs either as a Lead or as a Contact (R3.2)", refused.getMessage());
    }

    @Test
    void aLabelInsteadOfTheInternalValueIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LifecycleRouting.of(List.of("Marketing Qualified Lead"), List.of("customer")));

        assertEquals("salesforce.sync.lead-stages: 'Marketing Qualified Lead' is not a lifecycle stage's internal value"
                + " (e.g. marketingqualifiedlead, or a custom stage's numeric id; not its label)", refused.getMessage());
    }

    @Test
    void blankEntriesAreIgnored() {
        LifecycleRouting routing = LifecycleRouting.of(List.of("lead", " "), List.of());
        assertEquals(java.util.Set.of("lead"), routing.leadStages());
        assertTrue(routing.contactStages().isEmpty());
    }
}
