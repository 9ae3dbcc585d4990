package io.contactsync.client.salesforce;

/** A Lead's conversion fields: whether it was converted, and into which Contact and Account. */
public record LeadConversion(String leadId, boolean converted, String convertedContactId, String convertedAccountId) {
}
