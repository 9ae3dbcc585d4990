package io.contactsync.client;

/** The vendor kept failing (5xx, timeouts, connection errors) after every retry. */
public class VendorUnavailableException extends RuntimeException {

    public VendorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
