package io.contactsync.brevo;

import static io.contactsync.support.SandboxRequests.toSandbox;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SandboxFault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

/** R4.1, R4.3-R4.9, R4.11 over HTTP: HubSpot list 9001 -> Brevo list "Newsletter" through the sandbox vendors. */
@QuarkusTest
class HubSpotListToBrevoTest extends BrevoTestSupport {

    @Test
    void r4_1_activationCreatesTheNamedBrevoListAndImportsTheMembersInBulk() {
        String ada = uniqueEmail();
        String grace = uniqueEmail();
        listMember(Map.of("email", ada, "firstname", "Ada", "lastname", "Lovelace", "company", "Engines"));
        listMember(Map.of("email", grace, "firstname", "Grace"));
        String outsider = uniqueEmail();
        hubspot.createContactAsUser(Map.of("email", outsider, "firstname", "Not in the list"));

        JsonPath status = activate();

        assertEquals("active", status.getString("state"));
        long listId = brevoListId();
        assertTrue(brevo.lists().stream().anyMatch(l -> "Newsletter".equals(l.get("name"))
                && ((Number) l.get("id")).longValue() == listId), "R4.1: the Brevo list is created by name");
        assertEquals(List.of(ada, grace).stream().sorted().toList(), brevoListEmails().stream().sorted().toList());
        assertEquals("Ada", brevoAttributes(ada).get("FIRSTNAME"));
        assertEquals("Engines", brevoAttributes(ada).get("COMPANY"));
        assertTrue(brevo.contactByEmail(outsider).isEmpty(), "only members of the HubSpot list are synced");
        Map<String, Object> progress = status().getMap("initialSync");
        assertEquals(2, progress.get("members"));
        assertEquals(2, progress.get("processed"));
        assertEquals(2, progress.get("written"));
        assertEquals(1, countBrevo("POST", "/contacts/import"), "the initial sync writes through the bulk import");
        assertEquals(0, countBrevo("POST", "/contacts"), "no contact-by-contact writes");
    }

    @Test
    void r4_1_contactsEnteringTheListAreAddedAndThoseLeavingItAreRemovedButKeptInBrevo() {
        activate();
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "firstname", "Lin"));

        assertEquals(1, poll().getInt("entered"));
        assertEquals(List.of(email), brevoListEmails());
        assertEquals("created", lastBrevoRun(email).get("decision"));
        assertEquals("no Brevo contact with this email: created in list " + brevoListId(),
                lastBrevoRun(email).get("reason"));

        hubspot.removeFromList(HUBSPOT_LIST, List.of(id));
        assertEquals(1, poll().getInt("left"));

        assertEquals(List.of(), brevoListEmails(), "out of the Brevo list");
        assertEquals("Lin", brevoAttributes(email).get("FIRSTNAME"), "still a Brevo contact");
        Map<String, Object> run = lastBrevoRun(email);
        assertEquals("removed", run.get("decision"));
        assertTrue(String.valueOf(run.get("reason")).contains("kept in Brevo"));
    }

    @Test
    void r4_3_aChangedMappedPropertyIsSentAndAnUnmappedOneCostsNoBrevoCall() {
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "firstname", "Old"));
        activate();

        hubspot.updateContactAsUser(id, Map.of("firstname", "New"));
        propertyChanged(id);
        assertEquals("New", brevoAttributes(email).get("FIRSTNAME"));
        assertEquals("updated", lastBrevoRun(email).get("decision"));
        String reason = String.valueOf(lastBrevoRun(email).get("reason"));
        assertTrue(reason.startsWith("changed since the last write to list " + brevoListId() + ": updated (sent ")
                && reason.contains("FIRSTNAME"), reason);

        brevo.clearRequests();
        hubspot.updateContactAsUser(id, Map.of("favourite_colour", "teal"));
        propertyChanged(id);
        assertEquals("no-change", lastBrevoRun(email).get("decision"));
        assertEquals(0, brevo.requests().size(), "nothing mapped changed: no Brevo call");
        assertFalse(brevoAttributes(email).containsKey("FAVOURITE_COLOUR"), "unmapped fields are not synced");
    }

    @Test
    void r4_4_aDraftSyncsNothingUntilActivated() {
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "firstname", "Draft"));

        propertyChanged(id);
        given().header("Authorization", ADMIN).post("/admin/brevo/integrations/" + NEWSLETTER + "/poll").then()
                .statusCode(409);
        assertEquals("draft", status().getString("state"));
        assertEquals(0, brevo.apiCallCount(), "a draft integration never calls Brevo");
        assertTrue(brevoRuns(email).isEmpty());

        activate();
        assertEquals(List.of(email), brevoListEmails());
    }

    @Test
    void r4_6_contactsCreatedInBrevoNeverReachHubSpot() {
        String member = uniqueEmail();
        listMember(Map.of("email", member));
        String brevoOnly = uniqueEmail();
        toSandbox().header("api-key", "test-brevo-key").contentType("application/json")
                .body(Map.of("email", brevoOnly, "attributes", Map.of("FIRSTNAME", "Bre")))
                .post("/sandbox/brevo/v3/contacts").then().statusCode(201);
        activate();

        assertTrue(hubspot.contactByEmail(brevoOnly).isEmpty());
        assertEquals(1, hubspot.contactCount());
        assertTrue(hubspot.requests().stream().noneMatch(r -> !r.method().equals("GET")
                && r.path().startsWith("/crm/v3/objects/contacts") && !r.path().endsWith("/batch/read")
                && !r.path().endsWith("/search")), "no HubSpot contact is written: " + hubspot.requests());
        given().contentType("application/json").body("[]").post("/webhooks/brevo").then().statusCode(404);
    }

    @Test
    void r4_7_subscriptionStatusIsNotCarriedEitherWay() {
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "firstname", "Subscriber"));
        activate();
        toSandbox().header("api-key", "test-brevo-key").contentType("application/json")
                .body(Map.of("emailBlacklisted", true)).queryParam("identifierType", "email_id")
                .put("/sandbox/brevo/v3/contacts/" + email).then().statusCode(204);

        hubspot.updateContactAsUser(id, Map.of("firstname", "Still here"));
        propertyChanged(id);

        assertEquals("Still here", brevoAttributes(email).get("FIRSTNAME"));
        assertEquals(true, brevoContact(email).get("emailBlacklisted"), "the Brevo blacklist is left alone");
        assertEquals(1, brevo.requests().stream().filter(r -> r.body().contains("emailBlacklisted")).count(),
                "contact-sync never sends emailBlacklisted unless carry-subscription-status is set");
        assertTrue(hubspot.requests().stream().noneMatch(r -> r.method().equals("PATCH")),
                "nothing goes back to HubSpot");
    }

    @Test
    void r4_8_anEmailChangeUpdatesTheSameBrevoContactThroughTheStoredLink() {
        activate();
        String old = uniqueEmail();
        String id = listMember(Map.of("email", old, "firstname", "Mover"));
        poll();
        String brevoId = String.valueOf(brevoContact(old).get("id"));

        String renamed = uniqueEmail();
        hubspot.updateContactAsUser(id, Map.of("email", renamed));
        propertyChanged(id);

        assertEquals(1, brevo.contacts().size(), "no second Brevo contact");
        assertEquals(brevoId, String.valueOf(brevoContact(renamed).get("id")));
        assertTrue(brevo.contactByEmail(old).isEmpty());
        assertEquals(List.of(renamed), brevoListEmails());
        assertEquals(1, brevo.requests().stream().filter(r -> r.method().equals("PUT")
                && r.path().equals("/contacts/" + brevoId) && r.query().contains("identifierType=contact_id")).count());
        assertEquals("updated", lastBrevoRun(renamed).get("decision"));
        assertEquals("email changed since the last write: the Brevo contact written before (id " + brevoId
                + ") got the new email", lastBrevoRun(renamed).get("reason"));
    }

    @Test
    void r4_8_anEmailChangeAfterTheBulkImportUpdatesTheContactByItsOldEmail() {
        String old = uniqueEmail();
        String id = listMember(Map.of("email", old, "firstname", "Imported"));
        activate();

        String renamed = uniqueEmail();
        hubspot.updateContactAsUser(id, Map.of("email", renamed));
        propertyChanged(id);

        assertEquals(1, brevo.contacts().size());
        assertEquals("Imported", brevoAttributes(renamed).get("FIRSTNAME"));
        assertEquals(List.of(renamed), brevoListEmails());
    }

    @Test
    void r4_8_anEmailChangeUpdatesTheSameContactWhenAnotherBrevoContactHoldsThePhone() {
        String holderEmail = uniqueEmail();
        toSandbox().header("api-key", "test-brevo-key").contentType("application/json")
                .body(Map.of("email", holderEmail, "attributes", Map.of("SMS", "+442079460111")))
                .post("/sandbox/brevo/v3/contacts").then().statusCode(201);
        activate();
        String old = uniqueEmail();
        String id = listMember(Map.of("email", old, "firstname", "Mover", "phone", "+44 20 7946 0222"));
        poll();
        String brevoId = String.valueOf(brevoContact(old).get("id"));

        String renamed = uniqueEmail();
        hubspot.updateContactAsUser(id, Map.of("email", renamed, "phone", "+44 20 7946 0111"));
        propertyChanged(id);

        assertEquals(2, brevo.contacts().size(), "the holder of the phone and the member, no third contact");
        assertEquals(brevoId, String.valueOf(brevoContact(renamed).get("id")), "the same Brevo contact");
        assertEquals("+442079460222", brevoAttributes(renamed).get("SMS"), "its SMS is left as it was");
        assertEquals("+442079460111", brevoAttributes(holderEmail).get("SMS"), "the holder keeps its SMS");
        assertEquals(List.of(renamed), brevoListEmails());
        Map<String, Object> run = lastBrevoRun(renamed);
        assertEquals("updated", run.get("decision"));
        assertTrue(String.valueOf(run.get("reason")).contains("SMS number belongs to another Brevo contact"),
                String.valueOf(run.get("reason")));
    }

    @Test
    void r4_8_anEmailChangeToAnEmailAnotherBrevoContactHasLeavesTheMemberOnceInTheList() {
        String renamed = uniqueEmail();
        toSandbox().header("api-key", "test-brevo-key").contentType("application/json")
                .body(Map.of("email", renamed, "attributes", Map.of("FIRSTNAME", "Already in Brevo")))
                .post("/sandbox/brevo/v3/contacts").then().statusCode(201);
        activate();
        String old = uniqueEmail();
        String id = listMember(Map.of("email", old, "firstname", "Mover"));
        poll();
        String oldBrevoId = String.valueOf(brevoContact(old).get("id"));

        hubspot.updateContactAsUser(id, Map.of("email", renamed));
        propertyChanged(id);

        assertEquals(List.of(renamed), brevoListEmails(), "the member is in the list once, by its new email");
        assertEquals("Mover", brevoAttributes(renamed).get("FIRSTNAME"), "the contact holding the new email is updated");
        assertTrue(brevo.contactByEmail(old).isPresent(), "the contact written before stays in Brevo, out of the list");
        Map<String, Object> run = lastBrevoRun(renamed);
        assertTrue(String.valueOf(run.get("reason")).contains("another Brevo contact already had the new email"),
                String.valueOf(run.get("reason")));
        assertTrue(String.valueOf(run.get("reason")).contains("id " + oldBrevoId), String.valueOf(run.get("reason")));
    }

    @Test
    void r4_9_phonesWithout6To16DigitsAreNotWrittenAndTheRunSaysWhy() {
        String five = uniqueEmail();
        String six = uniqueEmail();
        String sixteen = uniqueEmail();
        String seventeen = uniqueEmail();
        listMember(Map.of("email", five, "phone", "12345"));
        listMember(Map.of("email", six, "phone", "123 456"));
        listMember(Map.of("email", sixteen, "phone", "+1 234 567 890 123 456"));
        listMember(Map.of("email", seventeen, "phone", "+12345678901234567"));
        activate();

        assertEquals("+123456", brevoAttributes(six).get("SMS"));
        assertEquals("+1234567890123456", brevoAttributes(sixteen).get("SMS"));
        for (String refused : List.of(five, seventeen)) {
            assertTrue(brevo.contactByEmail(refused).isEmpty(), refused + " must not reach Brevo");
            Map<String, Object> run = lastBrevoRun(refused);
            assertEquals("skipped", run.get("decision"));
            assertTrue(String.valueOf(run.get("reason")).contains("needs 6 to 16"), String.valueOf(run.get("reason")));
        }

        String id = listMember(Map.of("email", uniqueEmail(), "phone", "1234"));
        poll();
        assertEquals("skipped", lastBrevoRunOfContact(id).get("decision"), "the live route refuses it too");
    }

    @Test
    void r4_11_booleanCategoryAndDateValuesAreConvertedExplicitly() {
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "newsletter_opt_in", "true", "plan_tier", "Pro",
                "date_of_birth", "1990-05-17"));
        activate();

        Map<String, Object> attributes = brevoAttributes(email);
        assertEquals(true, attributes.get("NEWSLETTER"));
        assertEquals(2, attributes.get("PLAN"), "category label Pro -> enumeration value 2");
        assertEquals("1990-05-17", attributes.get("BIRTHDAY"));

        hubspot.updateContactAsUser(id, Map.of("newsletter_opt_in", "false", "plan_tier", "Platinum"));
        propertyChanged(id);
        attributes = brevoAttributes(email);
        assertEquals(false, attributes.get("NEWSLETTER"));
        assertEquals(2, attributes.get("PLAN"), "an unknown label is not written");
        assertTrue(String.valueOf(lastBrevoRun(email).get("reason")).contains("PLAN 'Platinum'"));
    }

    @Test
    void anSmsNumberTakenByAnotherBrevoContactIsLeftOutAndTheContactStillWritten() {
        toSandbox().header("api-key", "test-brevo-key").contentType("application/json")
                .body(Map.of("email", uniqueEmail(), "attributes", Map.of("SMS", "+447911000099")))
                .post("/sandbox/brevo/v3/contacts").then().statusCode(201);
        activate();
        String email = uniqueEmail();
        listMember(Map.of("email", email, "firstname", "Twin", "phone", "+44 7911 000099"));
        poll();

        assertEquals("Twin", brevoAttributes(email).get("FIRSTNAME"));
        assertNull(brevoAttributes(email).get("SMS"));
        Map<String, Object> run = lastBrevoRun(email);
        assertEquals("created", run.get("decision"));
        assertTrue(String.valueOf(run.get("reason")).contains("duplicate_parameter"));
    }

    @Test
    void brevo429And425AreWaitedOutAndTheContactIsWrittenOnce() {
        activate();
        brevo.injectFaults(new SandboxFault(429, 1, 1, 0, "/contacts"));
        brevo.injectFaults(new SandboxFault(425, 1, 0, 0, "/contacts"));
        String email = uniqueEmail();
        listMember(Map.of("email", email, "firstname", "Patient"));
        poll();

        assertEquals(List.of(email), brevoListEmails());
        assertEquals(1, brevo.contacts().size());
        List<Integer> statuses = brevo.requests().stream().filter(r -> r.path().equals("/contacts"))
                .map(RecordedRequest::status).toList();
        assertEquals(List.of(429, 425, 201), statuses);
        assertEquals("created", lastBrevoRun(email).get("decision"));
    }

    @Test
    void aContactThatDidNotChangeCostsNoBrevoCall() {
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "firstname", "Same"));
        activate();
        brevo.clearRequests();

        propertyChanged(id);
        assertEquals(0, poll().getInt("entered"));

        assertEquals(0, brevo.requests().size());
        assertEquals("no-change", lastBrevoRun(email).get("decision"));
    }

    @Test
    void r4_12_theHubSpotBudgetKeepsTheTiersDailyCap() {
        given().header("Authorization", ADMIN).get("/admin/rate-budgets").then().statusCode(200)
                .body("find { it.vendor == 'hubspot' }.dailyCap", org.hamcrest.Matchers.is(250_000));
    }

    private Map<String, Object> lastBrevoRunOfContact(String hubspotId) {
        return given().header("Authorization", ADMIN).queryParam("limit", 50).get("/admin/runs").then()
                .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(run -> hubspotId.equals(run.get("sourceId")) && String.valueOf(run.get("scenario"))
                        .equals(BrevoIntegrations.SCENARIO + "/" + NEWSLETTER))
                .findFirst().orElseThrow(() -> new AssertionError("no run for HubSpot contact " + hubspotId));
    }

    private long countBrevo(String method, String path) {
        return brevo.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }
}
