package io.contactsync.inbox;

/**
 * One accepted vendor event waiting in (or processed from) the durable inbox.
 *
 * @param contactKey the per-contact ordering key: events with the same key are applied one after another
 */
public record InboxEvent(long id, String source, String eventId, String eventType, String contactKey, String payload,
        int attempts) {

    public static InboxEvent accepted(String source, String eventId, String eventType, String contactKey,
            String payload) {
        return new InboxEvent(0, source, eventId, eventType, contactKey, payload, 0);
    }
}
