package io.contactsync.client.salesforce;

import java.time.Instant;

import io.contactsync.client.VendorPausedException;

/** contact-sync's share of the org's API allocation is used up, or Salesforce answered REQUEST_LIMIT_EXCEEDED. */
public class SalesforcePausedException extends VendorPausedException {

    public SalesforcePausedException(Instant until, String reason) {
        super("salesforce", until, reason);
    }
}
