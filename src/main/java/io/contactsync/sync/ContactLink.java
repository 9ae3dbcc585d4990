package io.contactsync.sync;

import java.util.Map;

/** The same person's record id in each system, and each side's projection after the last sync. */
public record ContactLink(long id, String email, String hubspotId, String respondioId,
        Map<String, String> hubspotSnapshot, Map<String, String> respondioSnapshot) {
}
