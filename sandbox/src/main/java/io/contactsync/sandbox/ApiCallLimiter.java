package io.contactsync.sandbox;

/**
 * Decides whether an API call may proceed and what the vendor's limit headers report: a fixed rate window
 * ({@link RequestRateLimiter}) or, for Salesforce, a rolling daily allocation ({@link SalesforceApiAllowance}).
 */
interface ApiCallLimiter {

    /** Counts one call; the answer says whether it is admitted and what the limit headers should report. */
    RequestRateLimiter.Decision acquire();

    /** A peek without counting a call (for answers that are not counted, e.g. 401). */
    RequestRateLimiter.Decision current();

    void reset();
}
