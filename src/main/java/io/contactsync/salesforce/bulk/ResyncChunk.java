package io.contactsync.salesforce.bulk;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.client.salesforce.EmailMatch;

import org.apache.camel.Exchange;

/** Up to 2,000 list members (ascending by record id) on their way through the steps of routes/salesforce-resync. */
public class ResyncChunk extends JobChunk {

    final List<String> hubspotIds;
    Map<String, Map<String, Object>> contacts = new HashMap<>();
    /** The members that go on to Salesforce: their exchange (variables of hubspot-to-salesforce) by HubSpot id. */
    final Map<String, Exchange> candidates = new LinkedHashMap<>();
    Map<String, EmailMatch> matches = new HashMap<>();
    /** The writes by object ("Lead", "Contact"): the records to create and to update, with their HubSpot ids. */
    final Map<String, List<Map<String, Object>>> creates = new LinkedHashMap<>();
    final Map<String, List<String>> createdFor = new LinkedHashMap<>();
    final Map<String, List<Map<String, Object>>> updates = new LinkedHashMap<>();
    final Map<String, List<String>> updatedFor = new LinkedHashMap<>();

    ResyncChunk(String job, List<String> hubspotIds) {
        super(job);
        this.hubspotIds = hubspotIds;
    }

    /** The chunk's last HubSpot record id: the members after it are the ones left. */
    @Override
    String checkpoint() {
        return hubspotIds.get(hubspotIds.size() - 1);
    }
}
