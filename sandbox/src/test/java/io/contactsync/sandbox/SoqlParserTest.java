package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid SOQL gets Salesforce's error codes and its caret-and-position messages. */
class SoqlParserTest {

    private final SalesforceSchema schema = SalesforceSchema.standard();

    @Test
    void anUnknownColumnIsInvalidFieldWithTheQueryLineACaretAndThePosition() {
        SalesforceApiException e = fails("SELECT Id, Foo FROM Lead");

        assertEquals(400, e.status());
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals("\nSELECT Id, Foo FROM Lead\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on "
                + "entity 'Lead'. If you are attempting to use a custom field, be sure to append the '__c' after the "
                + "custom field name. Please reference your WSDL or the describe call for the appropriate names.",
                message(e));
    }

    @Test
    void anUnknownObjectIsInvalidType() {
        SalesforceApiException e = fails("SELECT Id FROM Opportunityy");

        assertEquals("INVALID_TYPE", e.errorCode());
        assertTrue(message(e).contains("sObject type 'Opportunityy' is not supported."), message(e));
    }

    @Test
    void anUnknownRelationshipOrAFieldOfTheRelatedObjectIsInvalidField() {
        assertTrue(message(fails("SELECT Id, Campain.Name FROM CampaignMember"))
                .contains("Didn't understand relationship 'Campain' in field path."));
        assertTrue(message(fails("SELECT Id, Campaign.Nmae FROM CampaignMember"))
                .contains("No such column 'Nmae' on entity 'Campaign'"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Id FORM Lead|unexpected token: 'FORM'",
            "SELECT Id FROM Lead WHERE|unexpected token: <EOF>",
            "SELECT FROM Lead|unexpected token: 'FROM'",
            "SELECT Id FROM Lead WHERE Email = 'a' AND Phone = 'b' OR Title = 'c'|unexpected token: 'OR'",
            "SELECT Id FROM Lead WHERE Email = 'unterminated|unterminated string literal",
            "SELECT Id FROM Lead LIMIT -1|unexpected token: '-1'",
            "SELECT Id, Email, email FROM Lead|duplicate field selected: email",
            "SELECT Id FROM Lead WHERE Email > null|invalid operator on null: >",
    })
    void malformedQueries(String soql, String reason) {
        SalesforceApiException e = fails(soql);

        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertTrue(message(e).endsWith("\n" + reason), message(e));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Id FROM Lead WHERE SystemModstamp > '2026-12-01T10:00:00Z'|value of filter criterion for field "
                    + "'SystemModstamp' must be of type dateTime and should not be enclosed in quotes",
            "SELECT Id FROM Lead WHERE Email = 42|value of filter criterion for field 'Email' must be of type string "
                    + "and should be enclosed in quotes",
            "SELECT Id FROM Lead WHERE IsConverted = 'true'|value of filter criterion for field 'IsConverted' must be "
                    + "of type boolean and should not be enclosed in quotes",
            "SELECT Id FROM Lead WHERE SystemModstamp > 2026-12-01|value of filter criterion for field "
                    + "'SystemModstamp' must be of type dateTime",
            "SELECT Id FROM Lead WHERE Id = 'not-an-id'|invalid ID field: not-an-id",
            "SELECT Id FROM Contact WHERE AccountId IN ('001000000000001', 'x')|invalid ID field: x",
    })
    void literalsMustFitTheirField(String soql, String reason) {
        SalesforceApiException e = fails(soql);

        assertEquals("INVALID_QUERY_FILTER_OPERATOR", e.errorCode());
        assertTrue(message(e).endsWith("\n" + reason), message(e));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT COUNT(Id) FROM Lead",
            "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
            "SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:7",
            "SELECT Id FROM Lead WHERE Id IN (SELECT LeadId FROM CampaignMember)",
            "SELECT LeadSource FROM Lead GROUP BY LeadSource",
            "SELECT Id, Owner.Name FROM Lead",
            "SELECT FIELDS(ALL) FROM Lead LIMIT 200",
    })
    void validSoqlTheSandboxDoesNotImplementSaysSo(String soql) {
        SalesforceApiException e = fails(soql);

        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertTrue(message(e).contains("not supported by the sandbox"), message(e));
    }

    @Test
    void aMissingQueryIsMalformed() {
        SalesforceApiException e = assertThrows(SalesforceApiException.class, () -> SoqlParser.parse(null, schema));

        assertEquals("MALFORMED_QUERY", e.errorCode());
    }

    @Test
    void anErrorOnALaterLineNamesItsRowAndColumn() {
        SalesforceApiException e = fails("SELECT Id\nFROM Lead\nWHERE Emial = 'x'");

        assertTrue(message(e).startsWith("\nWHERE Emial = 'x'\n      ^\nERROR at Row:3:Column:7\n"), message(e));
    }

    @Test
    void keywordsAndNamesAreCaseInsensitive() {
        SoqlQuery query = SoqlParser.parse("select ID, campaign.NAME from CAMPAIGNMEMBER where STATUS = 'Sent' "
                + "order by createddate desc nulls last limit 5", schema);

        assertEquals("CampaignMember", query.from().name());
        assertEquals("Name", query.select().get(1).field().name());
    }

    private SalesforceApiException fails(String soql) {
        return assertThrows(SalesforceApiException.class, () -> SoqlParser.parse(soql, schema));
    }

    private static String message(SalesforceApiException e) {
        return e.errors().get(0).message();
    }
}
