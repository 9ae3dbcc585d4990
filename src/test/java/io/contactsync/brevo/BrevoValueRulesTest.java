package io.contactsync.brevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R4.9 SMS digits, R4.11 typed attribute values, and what a mapping file reads and fills (R4.3). */
class BrevoValueRulesTest {

    private static final Map<String, BrevoAttribute> ACCOUNT = Map.of(
            "NEWSLETTER", new BrevoAttribute("NEWSLETTER", "normal", "boolean", Map.of()),
            "PLAN", new BrevoAttribute("PLAN", "category", "", new LinkedHashMap<>(Map.of("Free", 1, "Pro", 2))),
            "SCORE", new BrevoAttribute("SCORE", "normal", "float", Map.of()),
            "BIRTHDAY", new BrevoAttribute("BIRTHDAY", "normal", "date", Map.of()),
            "FIRSTNAME", new BrevoAttribute("FIRSTNAME", "normal", "text", Map.of()));

    @ParameterizedTest
    @CsvSource({"+12345,", "+123456,+123456", "+1234567890123456,+1234567890123456", "+12345678901234567,",
            "0044 20 7946 0958,+442079460958", "(555) 010-4477,+5550104477"})
    void r4_9_smsNeedsSixToSixteenDigits(String raw, String expected) {
        assertEquals(Optional.ofNullable(expected), SmsNumber.international(raw));
    }

    @Test
    void r4_11_valuesAreConvertedToTheAttributeTypes() {
        AttributeValues.Converted c = AttributeValues.convert(Map.of("NEWSLETTER", "Yes", "PLAN", "pro", "SCORE", "4.5",
                "BIRTHDAY", "1815-12-10T00:00:00Z", "FIRSTNAME", "Ada"), ACCOUNT);
        assertEquals(Boolean.TRUE, c.attributes().get("NEWSLETTER"));
        assertEquals(2, c.attributes().get("PLAN"));
        assertEquals(4.5, c.attributes().get("SCORE"));
        assertEquals("1815-12-10", c.attributes().get("BIRTHDAY"));
        assertEquals("Ada", c.attributes().get("FIRSTNAME"));
        assertTrue(c.notes().isEmpty());
    }

    @Test
    void r4_11_valuesThatCannotBeConvertedAreLeftOutWithANote() {
        AttributeValues.Converted c = AttributeValues.convert(Map.of("NEWSLETTER", "maybe", "PLAN", "Gold",
                "BIRTHDAY", "yesterday"), ACCOUNT);
        assertTrue(c.attributes().isEmpty());
        assertEquals(3, c.notes().size());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("PLAN 'Gold'") && n.contains("Free, Pro")
                || n.contains("PLAN 'Gold'") && n.contains("Pro, Free")), c.notes().toString());
    }

    @Test
    void theShippedMappingReadsItsHubSpotPropertiesAndFillsEmailAndSms() {
        BrevoMapping mapping = BrevoMapping.load(Path.of("mappings"), "hubspot-to-brevo.jsonata");
        assertTrue(mapping.mapsEmail());
        assertTrue(mapping.attributes().containsAll(List.of("FIRSTNAME", "LASTNAME", "SMS", "NEWSLETTER", "PLAN")));
        assertTrue(mapping.hubspotProperties().containsAll(List.of("email", "firstname", "phone", "plan_tier")));
    }

    @Test
    void aMappingWithoutEmailOrSmsIsRecognised() {
        BrevoMapping mapping = BrevoMapping.load(Path.of("src/test/resources/brevo-mappings"),
                "no-email-no-sms.jsonata");
        assertFalse(mapping.mapsEmail());
        assertFalse(mapping.attributes().contains("SMS"));
    }

    @Test
    void aMissingMappingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrevoMapping.load(Path.of("mappings"), "nope.jsonata"));
        assertTrue(e.getMessage().contains("nope.jsonata"));
    }
}
