package io.contactsync.salesforce;

/** The two Salesforce objects a HubSpot contact can sync to (R2.1, R3). */
public enum SalesforceObject {
    LEAD("Lead"),
    CONTACT("Contact");

    private final String apiName;

    SalesforceObject(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
