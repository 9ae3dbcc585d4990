package io.contactsync.sandbox;

import java.util.Map;

/**
 * One input row of {@code POST /crm/v3/objects/contacts/batch/upsert}.
 *
 * @param id          value of the id property, e.g. an email address
 * @param idProperty  {@code email}, or {@code null}/{@code hs_object_id} for the contact id
 * @param properties  properties to write; "" clears a property
 */
public record HubSpotUpsertInput(String id, String idProperty, Map<String, String> properties) {
}
