package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/** Links between HubSpot contacts and Salesforce Leads/Contacts: found by either id or email, saved, moved on conversion. */
@QuarkusTest
class SalesforceLinkRepositoryTest {

    @Inject
    SalesforceLinkRepository links;

    @Test
    void aLinkIsFoundByEitherIdAndByEmailWithItsSnapshots() {
        String hubspotId = hubspotId();
        String leadId = salesforceId("00Q");
        Instant modstamp = Instant.parse("2026-03-01T10:00:00Z");

        SalesforceLink saved = links.save(SalesforceLink.of(hubspotId, leadId, SalesforceLink.LEAD, "Ada@Example.org",
                Map.of("email", "ada@example.org", "firstname", "Ada"),
                Map.of("Email", "ada@example.org", "HasOptedOutOfEmail", false, "NumberOfEmployees", 12), modstamp));

        assertEquals(saved, links.byHubSpotId(hubspotId).orElseThrow());
        assertEquals(saved, links.bySalesforceId(leadId).orElseThrow());
        assertTrue(links.byEmail("ADA@example.org").contains(saved));
        assertEquals("ada@example.org", saved.email());
        assertEquals(Map.of("Email", "ada@example.org", "HasOptedOutOfEmail", false, "NumberOfEmployees", 12),
                saved.salesforceSnapshot());
        assertEquals(modstamp, saved.salesforceModstamp());
        assertEquals(saved, links.byHubSpotIds(List.of(hubspotId, "nope")).get(hubspotId));
        assertEquals(saved, links.bySalesforceIds(List.of(leadId)).get(leadId));
    }

    @Test
    void savingAgainUpdatesTheLinkAndEachSideLinksOnce() {
        String hubspotId = hubspotId();
        String contactId = salesforceId("003");
        SalesforceLink first = links.save(SalesforceLink.of(hubspotId, contactId, SalesforceLink.CONTACT, "a@example.org",
                Map.of("firstname", "A"), Map.of("FirstName", "A"), null));

        SalesforceLink second = links.save(SalesforceLink.of(hubspotId, contactId, SalesforceLink.CONTACT,
                "a@example.org", Map.of("firstname", "B"), Map.of("FirstName", "B"), null));
        String otherHubSpot = hubspotId();
        SalesforceLink moved = links.save(SalesforceLink.of(otherHubSpot, contactId, SalesforceLink.CONTACT,
                "a@example.org", null, null, null));

        assertEquals(first.id(), second.id());
        assertEquals(Map.of("firstname", "B"), second.hubspotSnapshot());
        assertEquals(first.id(), moved.id(), "the Salesforce record's link now names the other HubSpot contact");
        assertTrue(links.byHubSpotId(hubspotId).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> SalesforceLink.of(hubspotId, contactId, "Account", null,
                null, null, null));
    }

    @Test
    void aConvertedLeadsLinkMovesToItsContact() {
        String hubspotId = hubspotId();
        String leadId = salesforceId("00Q");
        String contactId = salesforceId("003");
        links.save(SalesforceLink.of(hubspotId, leadId, SalesforceLink.LEAD, "c@example.org", Map.of("firstname", "C"),
                Map.of("FirstName", "C"), Instant.parse("2026-03-01T10:00:00Z")));

        SalesforceLink moved = links.moveToContact(leadId, contactId).orElseThrow();

        assertEquals(hubspotId, moved.hubspotId());
        assertEquals(contactId, moved.salesforceId());
        assertEquals(SalesforceLink.CONTACT, moved.salesforceType());
        assertNull(moved.salesforceSnapshot(), "the contact was never written by us");
        assertNull(moved.salesforceModstamp());
        assertEquals(Map.of("firstname", "C"), moved.hubspotSnapshot());
        assertTrue(links.bySalesforceId(leadId).isEmpty());
        assertTrue(links.moveToContact(salesforceId("00Q"), contactId).isEmpty(), "a lead without a link: nothing");
    }

    @Test
    void whenTheContactIsAlreadyLinkedTheLeadsLinkGoes() {
        String leadId = salesforceId("00Q");
        String contactId = salesforceId("003");
        String contactsHubSpot = hubspotId();
        links.save(SalesforceLink.of(hubspotId(), leadId, SalesforceLink.LEAD, "d@example.org", null, null, null));
        links.save(SalesforceLink.of(contactsHubSpot, contactId, SalesforceLink.CONTACT, "d@example.org", null, null,
                null));

        SalesforceLink kept = links.moveToContact(leadId, contactId).orElseThrow();

        assertEquals(contactsHubSpot, kept.hubspotId());
        assertTrue(links.bySalesforceId(leadId).isEmpty());
    }

    private static String hubspotId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }

    private static String salesforceId(String prefix) {
        return (prefix + UUID.randomUUID().toString().replace("-", "")).substring(0, 18);
    }
}
