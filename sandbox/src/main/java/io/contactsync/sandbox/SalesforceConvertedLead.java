package io.contactsync.sandbox;

/** What a lead conversion made: the lead's id and the ids of the account and contact it was converted into. */
public record SalesforceConvertedLead(String leadId, String accountId, String contactId) {
}
