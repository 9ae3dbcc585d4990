package io.contactsync.salesforce;

/** Where a HubSpot contact goes in Salesforce (R3): a Lead, a Contact, or nowhere ({@code object} null), and why. */
public record ObjectChoice(SalesforceObject object, String reason) {

    public boolean skipped() {
        return object == null;
    }
}
