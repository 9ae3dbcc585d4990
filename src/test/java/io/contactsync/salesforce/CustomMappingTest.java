package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CustomMappingTest {

    @Test
    void entriesAreHubSpotPropertyColonSalesforceField() {
        assertEquals(List.of(new CustomMapping("favourite_colour", "Favourite_Colour__c"),
                new CustomMapping("t_shirt_size", "T_Shirt_Size__c")),
                CustomMapping.parse(List.of(" favourite_colour : Favourite_Colour__c", "", "t_shirt_size:T_Shirt_Size__c")));
    }

    @Test
    void malformedEntriesAndRemappedDefaultsAreRefusedTogether() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CustomMapping.parse(List.of(
                "favourite_colour", "Favourite Colour:Colour__c", "city:City__c", "home_town:MailingCity",
                "size:Size__c", "size:Other_Size__c", "shoe:Size__c")));

        assertEquals("salesforce.sync.custom-fields: 'favourite_colour' is not hubspotProperty:SalesforceField (e.g."
                + " favourite_colour:Favourite_Colour__c); salesforce.sync.custom-fields: 'Favourite Colour:Colour__c'"
                + " is not hubspotProperty:SalesforceField (e.g. favourite_colour:Favourite_Colour__c);"
                + " salesforce.sync.custom-fields: 'city:City__c' remaps city, which a default mapping syncs;"
                + " salesforce.sync.custom-fields: 'home_town:MailingCity' maps to MailingCity, which a default mapping"
                + " syncs; salesforce.sync.custom-fields: 'size:Other_Size__c' maps size a second time;"
                + " salesforce.sync.custom-fields: 'shoe:Size__c' maps to Size__c a second time", refused.getMessage());
    }
}
