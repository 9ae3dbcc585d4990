package io.contactsync.brevo;

import io.contactsync.pipeline.SyncConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.contactsync.client.brevo.BrevoClient;
import io.contactsync.client.hubspot.HubSpotClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Checks an integration before it may run: opt-in (R4.2), a mapping with email or SMS (R4.3), only writable
 * attributes the Brevo account has (R4.10), and both lists. The Brevo list is created by name only when nothing
 * else is wrong, so a refused integration changes nothing. A vendor that cannot be reached is thrown, not reported.
 */
@ApplicationScoped
public class IntegrationValidator {

    /** HubSpot's object type id of contacts: only a contact list can feed a Brevo list. */
    private static final String CONTACTS = "0-1";

    @Inject
    BrevoClient brevo;

    @Inject
    HubSpotClient hubspot;

    @Inject
    SyncConfig sync;

    public record Result(List<String> problems, Integration integration) {
    }

    public Result validate(String name, BrevoConfig.Integration definition, boolean optInConfirmed) {
        String key = "brevo.integrations." + name + ".";
        List<String> problems = new ArrayList<>();
        if (!optInConfirmed) {
            problems.add("opt-in consent is not confirmed (R4.2): set " + key + "opt-in-confirmed=true or activate"
                    + " with {\"optInConfirmed\": true}");
        }
        BrevoMapping mapping = null;
        try {
            mapping = BrevoMapping.load(Path.of(sync.mappingsDir()), definition.mapping());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Map<String, BrevoAttribute> attributes = BrevoAttribute.byName(brevo.attributes());
        if (mapping != null) {
            checkMapping(mapping, attributes, problems);
        }
        Optional<String> hubspotList = definition.hubspotListId().filter(id -> !id.isBlank());
        if (hubspotList.isEmpty()) {
            problems.add(key + "hubspot-list-id is missing: the HubSpot list whose contacts are synced (R4.1)");
        } else {
            Optional<Map<String, Object>> list = hubspot.list(hubspotList.get());
            if (list.isEmpty()) {
                problems.add("HubSpot list " + hubspotList.get() + " (" + key + "hubspot-list-id) does not exist");
            } else if (!CONTACTS.equals(list.get().get("objectTypeId"))) {
                problems.add("HubSpot list " + hubspotList.get() + " (" + key + "hubspot-list-id) holds objects of"
                        + " type " + list.get().get("objectTypeId") + ", not contacts (" + CONTACTS + ")");
            }
        }
        Long brevoList = brevoList(key, definition, problems);
        if (!problems.isEmpty()) {
            return new Result(problems, null);
        }
        return new Result(List.of(), new Integration(name, hubspotList.get(), brevoList, mapping, attributes,
                definition.carrySubscriptionStatus()));
    }

    private static void checkMapping(BrevoMapping mapping, Map<String, BrevoAttribute> account, List<String> problems) {
        String file = "mapping " + mapping.file();
        if (!mapping.mapsEmail() && !mapping.attributes().contains("SMS")) {
            problems.add(file + " maps neither email nor SMS: Brevo needs at least one to identify a contact (R4.3)");
        }
        for (String name : mapping.attributes()) {
            BrevoAttribute attribute = account.get(name);
            if (!name.equals(name.toUpperCase(Locale.ROOT))) {
                problems.add(file + ": Brevo attribute names are UPPERCASE; write '" + name.toUpperCase(Locale.ROOT)
                        + "' instead of '" + name + "'");
            } else if (attribute == null) {
                problems.add(file + ": '" + name + "' is not an attribute of the Brevo account (Brevo would drop"
                        + " it silently); create it in Brevo or map another attribute");
            } else if (attribute.readOnly()) {
                problems.add(file + ": '" + name + "' is read-only in Brevo (" + attribute.category()
                        + " attribute) and cannot be written (R4.10)");
            }
        }
    }

    /** The configured list, or the one with the configured name (created when absent and all else is right). */
    private Long brevoList(String key, BrevoConfig.Integration definition, List<String> problems) {
        if (definition.brevoListId().isPresent()) {
            long id = definition.brevoListId().get();
            if (brevo.list(id).isEmpty()) {
                problems.add("Brevo list " + id + " (" + key + "brevo-list-id) does not exist");
            }
            return id;
        }
        Optional<String> name = definition.brevoListName().filter(n -> !n.isBlank());
        if (name.isEmpty()) {
            problems.add("set " + key + "brevo-list-id or " + key + "brevo-list-name (a list created when missing)");
            return null;
        }
        Optional<Long> existing = brevo.findListByName(name.get());
        if (existing.isPresent() || !problems.isEmpty()) {
            return existing.orElse(null);
        }
        return brevo.createList(name.get(), definition.brevoFolderId());
    }
}
