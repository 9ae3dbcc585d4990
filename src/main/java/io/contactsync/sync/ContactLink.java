package io.contactsync.sync;

import java.util.Map;

/**
 * The same person's record id in each system, each side's projection after the last sync, and the inbox id of the
 * last respond.io event applied (null: none yet).
 */
public record ContactLink(long id, String email, String hubspotId, String respondioId,
        Map<String, String> hubspotSnapshot, Map<String, String> respondioSnapshot, Long respondioEvent) {
}
