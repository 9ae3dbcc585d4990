package io.contactsync.console;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.contactsync.pipeline.RunHistory;
import io.contactsync.sync.ContactLink;
import io.contactsync.sync.ContactLinkRepository;
import io.contactsync.sync.MergeCandidates;
import io.contactsync.webhook.ContactIdentity;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Contact search: by email (with the HubSpot and respond.io records linked to it), or by a vendor id (HubSpot,
 * respond.io or Brevo), the timeline of every run across scenarios, newest first, 50 at a time, and the contact's
 * merge candidates. Emails and phone numbers are masked until the operator reveals them (an action: logged with the
 * operator and a hash of the contact, never the value).
 */
@Path("/console/contacts")
@Produces(MediaType.TEXT_HTML)
public class ContactsResource {

    private static final int PAGE = 50;
    private static final Pattern VENDOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    @Inject
    RunHistory history;

    @Inject
    MergeCandidates mergeCandidates;

    @Inject
    ContactLinkRepository links;

    @Inject
    CurrentOperator operator;

    @Inject
    @Location("console/contacts.html")
    Template contacts;

    @GET
    public TemplateInstance search(@QueryParam("q") String q, @QueryParam("before") Long before) {
        return page(q, before, false);
    }

    @POST
    @Path("/reveal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance reveal(@FormParam("q") String q, @FormParam("before") Long before) {
        TemplateInstance page = page(q, before, true);
        ConsoleAudit.log(operator.session(), "revealed the emails and phones of contact "
                + ConsoleAudit.hash(key(q)) + " (hash of the searched " + (isEmail(q) ? "email" : "vendor id") + ")");
        return page;
    }

    private TemplateInstance page(String q, Long before, boolean revealed) {
        String query = q == null ? "" : q.trim();
        TemplateInstance page = contacts.data("page", "contacts").data("q", query).data("before", before)
                .data("revealed", revealed).data("error", null).data("searched", !query.isEmpty())
                .data("records", Map.of());
        List<Map<String, Object>> runs = List.of();
        List<Map<String, Object>> merges = List.of();
        if (query.isEmpty()) {
            runs = history.recent(PAGE);
        } else if (isEmail(query) && !ContactIdentity.isValidEmail(key(query))) {
            page.data("error", "'" + query + "' is not a valid email address.");
        } else if (isEmail(query)) {
            String email = key(query);
            Map<String, String> records = records(email);
            runs = history.byContact(email, records, before, PAGE + 1);
            merges = mergeCandidates.byEmail(email);
            page.data("records", records);
        } else if (VENDOR_ID.matcher(query).matches()) {
            runs = history.byVendorId(query, before, PAGE + 1);
        } else {
            page.data("error", "Type an email address or a vendor id (letters, digits, '-' and '_').");
        }
        Long older = runs.size() > PAGE ? (Long) runs.get(PAGE - 1).get("id") : null;
        return page.data("runs", masked(runs.stream().limit(PAGE).toList(), revealed)).data("older", older)
                .data("merges", masked(merges, revealed))
                .data("subject", revealed || !isEmail(query) ? query : Masking.email(key(query)));
    }

    /** The contact's records in each system, from the links the scenarios keep: {@code hubspot -> id, ...}. */
    private Map<String, String> records(String email) {
        Map<String, String> records = new TreeMap<>();
        for (ContactLink link : links.byEmail(email)) {
            if (link.hubspotId() != null) {
                records.put(ContactLinkRepository.HUBSPOT, link.hubspotId());
            }
            if (link.respondioId() != null) {
                records.put(ContactLinkRepository.RESPONDIO, link.respondioId());
            }
        }
        return records;
    }

    private static boolean isEmail(String q) {
        return q != null && q.contains("@");
    }

    /** The contact's key: the normalised email, or the vendor id as typed. */
    private static String key(String q) {
        String query = q == null ? "" : q.trim();
        return isEmail(query) && ContactIdentity.email(query) != null ? ContactIdentity.email(query) : query;
    }

    private static List<Map<String, Object>> masked(List<Map<String, Object>> rows, boolean revealed) {
        return revealed ? rows : rows.stream().map(Masking::row).toList();
    }
}
