package io.contactsync.brevo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One slice of an initial sync: up to one batch read of HubSpot members and one Brevo import. */
public final class InitialSyncChunk {

    final String integration;
    final List<String> hubspotIds;
    Map<String, Map<String, Object>> contacts = Map.of();
    final List<BrevoMember> toImport = new ArrayList<>();
    final List<Map<String, Object>> importRows = new ArrayList<>();

    InitialSyncChunk(String integration, List<String> hubspotIds) {
        this.integration = integration;
        this.hubspotIds = hubspotIds;
    }
}
