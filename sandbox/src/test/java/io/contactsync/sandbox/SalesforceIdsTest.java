package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Record ids have Salesforce's key prefixes and 18-character case suffix. */
class SalesforceIdsTest {

    @Test
    void theSuffixEncodesTheUpperCaseLettersOfEachFiveCharacters() {
        assertEquals("001A0000006Vm9rIAC", SalesforceIds.to18("001A0000006Vm9r"));
        assertEquals("00Q8d0000000001EAA", SalesforceIds.to18("00Q8d0000000001"), "Q is the 3rd character: bit 4");
    }

    @Test
    void generatedIdsStartWithTheKeyPrefixAndAreDistinct() {
        String first = SalesforceIds.generate("003", 1);
        String second = SalesforceIds.generate("003", 62);

        assertEquals(18, first.length());
        assertTrue(first.startsWith("003") && second.startsWith("003"));
        assertEquals(Optional.of(first), SalesforceIds.normalize(first));
        assertTrue(!first.equals(second));
    }

    @Test
    void normalizeAccepts15CharactersOr18InAnyCase() {
        assertEquals(Optional.of("001A0000006Vm9rIAC"), SalesforceIds.normalize("001A0000006Vm9r"));
        assertEquals(Optional.of("001A0000006Vm9rIAC"), SalesforceIds.normalize("001a0000006vm9riac"));
        assertEquals(Optional.of("001A0000006Vm9rIAC"), SalesforceIds.normalize("001A0000006VM9RIAC"));
        assertEquals(Optional.empty(), SalesforceIds.normalize("001A0000006Vm9"));
        assertEquals(Optional.empty(), SalesforceIds.normalize("001A0000006Vm9r-AC"));
        assertEquals(Optional.empty(), SalesforceIds.normalize(null));
    }
}
