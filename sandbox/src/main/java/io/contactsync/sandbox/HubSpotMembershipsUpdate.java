package io.contactsync.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one membership edit did to a HubSpot list.
 *
 * @param added   record ids that joined the list
 * @param removed record ids that left the list
 * @param missing record ids that are no contact, so were neither added nor removed
 */
public record HubSpotMembershipsUpdate(List<String> added, List<String> removed, List<String> missing) {

    /** As a MembershipsUpdateResponse; the spec spells the first field {@code recordsIdsAdded}. */
    public Map<String, Object> toResponse() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("recordsIdsAdded", added);
        response.put("recordIdsRemoved", removed);
        response.put("recordIdsMissing", missing);
        return response;
    }
}
