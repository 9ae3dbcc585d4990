package io.contactsync.inbox;

/** The inbox cannot accept events right now; the sender should retry (HTTP 503). */
public class InboxUnavailableException extends RuntimeException {

    public InboxUnavailableException(String message) {
        super(message);
    }
}
