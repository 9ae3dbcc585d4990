package io.contactsync.polling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.salesforce.QueryPage;
import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.inbox.InboxEvent;
import io.contactsync.inbox.InboxWriter;
import io.contactsync.salesforce.SalesforceObject;
import io.contactsync.salesforce.SalesforceRecordFields;
import io.contactsync.salesforce.SalesforceTime;
import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Salesforce -> HubSpot trigger: Leads and Contacts whose SystemModstamp is at or after the object's watermark become
 * inbox events (source {@code salesforce}), every {@code nextRecordsUrl} batch followed. Each batch's events and the
 * watermark (its newest SystemModstamp) are stored in one transaction. The watermark's own second is read again by the
 * next poll, so a record modified in that second after the poll is not lost; one already stored has the same event id
 * and is not stored twice. The event id is object:Id:SystemModstamp:content hash: SystemModstamp has whole seconds,
 * so a record changed twice within one second, with a poll in between, differs only by its content. The event's
 * contact key is the email, so the events of one person are applied in order, Lead and Contact alike.
 */
@ApplicationScoped
@Named("salesforcePoller")
@RegisterForReflection
public class SalesforcePoller {

    public static final String SOURCE = "salesforce";

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceRecordFields fields;

    @Inject
    SalesforceWatermarks watermarks;

    @Inject
    Database database;

    @Inject
    InboxWriter inbox;

    @Inject
    ObjectMapper mapper;

    /** Polls Lead, then Contact; returns how many records were handed to the inbox (re-reads included). */
    public synchronized long poll() {
        long records = 0;
        for (SalesforceObject object : SalesforceObject.values()) {
            records += poll(object);
        }
        return records;
    }

    private long poll(SalesforceObject object) {
        String soql = "SELECT " + String.join(", ", fields.queried(object)) + " FROM " + object.apiName()
                + " WHERE SystemModstamp >= " + SalesforceTime.literal(watermarks.watermark(object))
                + " ORDER BY SystemModstamp ASC";
        long records = 0;
        QueryPage page = client.queryPage(soql);
        while (true) {
            store(object, page.records());
            records += page.records().size();
            if (page.done()) {
                return records;
            }
            page = client.queryMore(page.nextRecordsUrl());
        }
    }

    private void store(SalesforceObject object, List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<InboxEvent> events = new ArrayList<>(records.size());
        Instant newest = null;
        for (Map<String, Object> record : records) {
            Instant modstamp = SalesforceTime.parse(record.get("SystemModstamp"));
            newest = newest == null || modstamp.isAfter(newest) ? modstamp : newest;
            events.add(event(object, record, modstamp));
        }
        Instant watermark = newest;
        Jdbc.inTransaction(database, c -> {
            InboxWriter.appendWithin(c, events);
            watermarks.advance(c, object, watermark);
            return null;
        });
        inbox.wakeDispatcher();
    }

    private InboxEvent event(SalesforceObject object, Map<String, Object> record, Instant modstamp) {
        String id = String.valueOf(record.get("Id"));
        String email = record.get("Email") == null ? null : ContactIdentity.email(record.get("Email").toString());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("object", object.apiName());
        payload.put("record", record);
        try {
            String json = mapper.writeValueAsString(payload);
            return InboxEvent.accepted(SOURCE, object.apiName() + ":" + id + ":" + modstamp + ":" + hash(json),
                    eventType(object), email == null ? SOURCE + ":" + id : email, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code lead.changed} or {@code contact.changed}. */
    public static String eventType(SalesforceObject object) {
        return object.apiName().toLowerCase(Locale.ROOT) + ".changed";
    }
}
