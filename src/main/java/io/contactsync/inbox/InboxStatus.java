package io.contactsync.inbox;

public enum InboxStatus {
    PENDING,
    DONE,
    DEAD
}
