package io.contactsync.salesforce.bulk;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.salesforce.SalesforceObject;

import org.apache.camel.Exchange;

/** Up to 100 records of one import page on their way through the chunk steps of routes/salesforce-import. */
public class ImportChunk extends JobChunk {

    final SalesforceObject object;
    final List<Map<String, Object>> records;
    final Map<String, List<String>> campaigns;
    /** HubSpot contacts by lowercase email (the batch read). */
    Map<String, Map<String, Object>> contacts = new HashMap<>();
    /** The record's mapped exchange (variables of salesforce-to-hubspot) by record id, for those written or linked. */
    final Map<String, Exchange> mapped = new LinkedHashMap<>();
    /** The properties to upsert by lowercase email. */
    final Map<String, Map<String, Object>> upserts = new LinkedHashMap<>();
    /** The emails this chunk gives out, to the record that takes each ("Lead 00Q..."). */
    final Map<String, String> claims = new LinkedHashMap<>();

    ImportChunk(String job, SalesforceObject object, List<Map<String, Object>> records,
            Map<String, List<String>> campaigns) {
        super(job);
        this.object = object;
        this.records = records;
        this.campaigns = campaigns;
    }

    @Override
    String checkpoint() {
        return ImportPosition.after(object, records.get(records.size() - 1)).checkpoint();
    }
}
