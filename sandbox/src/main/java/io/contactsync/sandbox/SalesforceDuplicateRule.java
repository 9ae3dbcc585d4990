package io.contactsync.sandbox;

/**
 * How the simulated org's duplicate rule for an object (Lead or Contact, matching on email) acts on a save:
 * {@link #OFF}; {@link #ALERT}, the standard rules' action, where an API save of a duplicate fails with
 * DUPLICATES_DETECTED unless the request carries {@code Sforce-Duplicate-Rule-Header: allowSave=true}; or
 * {@link #BLOCK}, which nothing bypasses.
 */
public enum SalesforceDuplicateRule {
    OFF, ALERT, BLOCK
}
