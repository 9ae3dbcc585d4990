package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Salesforce simulator over HTTP, as a client meets it: the token endpoint (both grants), sessions, query and
 * its batches, sObject rows and collections, upsert by email, every error shape, the daily allocation, conversion.
 */
class SalesforceSimulatorHttpTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String V = "/services/data/v62.0";
    private static final SalesforceJwtSigner APP = new SalesforceJwtSigner();
    private static Sandbox sandbox;
    private static SalesforceSimulator salesforce;
    private static String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    @BeforeAll
    static void start() {
        Map<String, String> settings = Map.of("sandbox.port", "0", "sandbox.webhooks.enabled", "false",
                "sandbox.salesforce.jwt-public-key", APP.publicKeyPem(),
                "sandbox.salesforce.username", "integration@contactsync.test");
        sandbox = Sandbox.start(SandboxSettings.from(name -> Optional.ofNullable(settings.get(name))));
        salesforce = sandbox.salesforce();
        base = "http://localhost:" + sandbox.port() + "/sandbox/salesforce";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void freshOrg() throws Exception {
        salesforce.reset();
        token = clientCredentials().path("access_token").asText();
    }

    // ---- OAuth

    @Test
    void clientCredentialsAnswerTheInstanceUrlAndAnIdTheOrgIdCanBeCutFrom() throws Exception {
        JsonNode answer = clientCredentials();

        assertEquals(base, answer.path("instance_url").asText());
        assertEquals("Bearer", answer.path("token_type").asText());
        assertTrue(answer.path("id").asText().matches("https://login\\.salesforce\\.com/id/00D\\w{15}/005\\w{15}"),
                answer.path("id").asText());
        assertEquals(salesforce.orgId(), answer.path("id").asText().replaceAll(".*/id/([^/]+)/.*", "$1"));
        assertTrue(answer.path("issued_at").asText().matches("\\d{13}"));
        assertFalse(answer.path("signature").asText().isEmpty());
        assertFalse(answer.has("refresh_token"));
    }

    @Test
    void theJwtBearerGrantTakesAnAssertionSignedWithTheAppsKey() throws Exception {
        String assertion = APP.assertion("sandbox-salesforce-client-id", "integration@contactsync.test",
                "https://login.salesforce.com", Instant.now().getEpochSecond() + 180);

        HttpResponse<String> answer = form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion", assertion));

        assertEquals(200, answer.statusCode(), answer.body());
        String jwtToken = JSON.readTree(answer.body()).path("access_token").asText();
        assertEquals(200, send("GET", V + "/limits", null, jwtToken).statusCode());
        HttpResponse<String> wrongAudience = form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion", APP.assertion("sandbox-salesforce-client-id", "integration@contactsync.test",
                        "https://example.org", Instant.now().getEpochSecond() + 180)));
        assertEquals(400, wrongAudience.statusCode());
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"audience is invalid\"}", wrongAudience.body());
    }

    @Test
    void aWrongSecretIsInvalidClientAndTheTokenEndpointIsNotCounted() throws Exception {
        long usage = salesforce.apiUsage();

        HttpResponse<String> answer = form(Map.of("grant_type", "client_credentials",
                "client_id", "sandbox-salesforce-client-id", "client_secret", "wrong"));

        assertEquals(400, answer.statusCode());
        assertEquals("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}", answer.body());
        assertEquals(usage, salesforce.apiUsage());
        assertTrue(salesforce.requests().stream().anyMatch(r -> r.path().equals("/services/oauth2/token")
                && r.status() == 400), "token requests are journaled");
    }

    @Test
    void callsWithoutAValidSessionAreInvalidSessionId() throws Exception {
        assertInvalidSession(send("GET", V + "/query?q=" + encode("SELECT Id FROM Lead"), null, null));
        assertInvalidSession(send("GET", V + "/query?q=" + encode("SELECT Id FROM Lead"), null, "not-a-token"));

        salesforce.expireSessions();

        assertInvalidSession(get(V + "/query?q=" + encode("SELECT Id FROM Lead")));
        token = clientCredentials().path("access_token").asText();
        assertEquals(200, get(V + "/query?q=" + encode("SELECT Id FROM Lead")).statusCode());
    }

    // ---- records

    @Test
    void aLeadIsCreatedReadUpdatedAndDeletedThroughSObjectRows() throws Exception {
        HttpResponse<String> created = send("POST", V + "/sobjects/Lead",
                "{\"LastName\":\"Lovelace\",\"Company\":\"AE\",\"Email\":\"ada@example.org\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode body = JSON.readTree(created.body());
        String id = body.path("id").asText();
        assertEquals("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}", created.body());

        JsonNode lead = json(get(V + "/sobjects/Lead/" + id));
        assertEquals("/services/data/v62.0/sobjects/Lead/" + id, lead.path("attributes").path("url").asText());
        assertEquals("Open - Not Contacted", lead.path("Status").asText());
        assertTrue(lead.path("SystemModstamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000"));
        assertTrue(lead.has("Phone") && lead.path("Phone").isNull());

        assertEquals(204, send("PATCH", V + "/sobjects/Lead/" + id, "{\"Title\":\"Countess\"}").statusCode());
        JsonNode updated = json(get(V + "/sobjects/Lead/" + id + "?fields=Title,LastModifiedById"));
        assertEquals("Countess", updated.path("Title").asText());
        assertEquals(salesforce.apiUserId(), updated.path("LastModifiedById").asText());
        assertFalse(updated.has("Email"), "only the fields asked for");

        assertEquals(204, send("DELETE", V + "/sobjects/Lead/" + id, null).statusCode());
        assertError(get(V + "/sobjects/Lead/" + id), 404, "ENTITY_IS_DELETED", "entity is deleted");
        assertEquals(1, json(get(V + "/queryAll?q=" + encode("SELECT Id, IsDeleted FROM Lead"))).path("totalSize").asInt());
    }

    @Test
    void aQueryAnswersInBatchesFollowedThroughNextRecordsUrl() throws Exception {
        for (int batch = 0; batch < 3; batch++) {
            StringBuilder records = new StringBuilder();
            for (int i = 0; i < 150; i++) {
                int n = batch * 150 + i;
                records.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"L").append(n)
                        .append("\",\"Company\":\"C\",\"Email\":\"l").append(n).append("@example.org\"}");
            }
            HttpResponse<String> saved = send("POST", V + "/composite/sobjects",
                    "{\"allOrNone\":true,\"records\":[" + records + "]}");
            assertEquals(200, saved.statusCode(), saved.body());
        }
        String q = V + "/query?q=" + encode("SELECT Id, Email FROM Lead WHERE Email LIKE 'l%' ORDER BY LastName");

        JsonNode first = json(send("GET", q, null, token, "Sforce-Query-Options", "batchSize=200"));
        assertEquals(450, first.path("totalSize").asInt());
        assertFalse(first.path("done").asBoolean());
        assertEquals(200, first.path("records").size());
        String next = first.path("nextRecordsUrl").asText();
        assertTrue(next.matches("/services/data/v62\\.0/query/01g\\w{15}-200"), next);
        assertEquals("Lead", first.path("records").get(0).path("attributes").path("type").asText());

        JsonNode second = json(get(next));
        JsonNode third = json(get(second.path("nextRecordsUrl").asText()));
        assertEquals(200, second.path("records").size());
        assertEquals(50, third.path("records").size());
        assertTrue(third.path("done").asBoolean());
        assertFalse(third.has("nextRecordsUrl"));
        assertError(get(next), 400, "INVALID_QUERY_LOCATOR", "invalid query locator");

        JsonNode whole = json(get(q));
        assertTrue(whole.path("done").asBoolean(), "the default batch is 2,000");
        assertEquals(450, whole.path("records").size());
    }

    @Test
    void collectionsAnswerPerRecordAndAllOrNoneRollsBack() throws Exception {
        String twoGoodOneBad = "\"records\":[{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"A\",\"Company\":\"C\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"FirstName\":\"No last name\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Acme\"}]";

        JsonNode partial = json(send("POST", V + "/composite/sobjects", "{\"allOrNone\":false," + twoGoodOneBad + "}"));
        assertTrue(partial.get(0).path("success").asBoolean());
        assertTrue(partial.get(0).path("id").asText().startsWith("00Q"));
        assertFalse(partial.get(1).path("success").asBoolean());
        assertFalse(partial.get(1).has("id"));
        assertEquals("{\"statusCode\":\"REQUIRED_FIELD_MISSING\",\"message\":\"Required fields are missing: [LastName]\","
                + "\"fields\":[\"LastName\"]}", partial.get(1).path("errors").get(0).toString());
        assertTrue(partial.get(2).path("id").asText().startsWith("001"));
        assertEquals(2, salesforce.recordCount());

        JsonNode atomic = json(send("POST", V + "/composite/sobjects", "{\"allOrNone\":true," + twoGoodOneBad + "}"));
        assertEquals("ALL_OR_NONE_OPERATION_ROLLED_BACK", atomic.get(0).path("errors").get(0).path("statusCode").asText());
        assertEquals("REQUIRED_FIELD_MISSING", atomic.get(1).path("errors").get(0).path("statusCode").asText());
        assertEquals(2, salesforce.recordCount(), "nothing of the allOrNone call was kept");

        String leadId = partial.get(0).path("id").asText();
        String contactId = salesforce.createContactAsUser(Map.of("LastName", "Hopper"));
        JsonNode updated = json(send("PATCH", V + "/composite/sobjects", "{\"records\":["
                + "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + leadId + "\",\"Title\":\"CEO\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + contactId + "\",\"Title\":\"CTO\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"Title\":\"CFO\"}]}"));
        assertEquals("{\"id\":\"" + leadId + "\",\"success\":true,\"errors\":[]}", updated.get(0).toString());
        assertEquals("{\"success\":false,\"errors\":[{\"statusCode\":\"MALFORMED_ID\",\"message\":\"Lead ID: id value of "
                + "incorrect type: " + contactId + "\",\"fields\":[\"Id\"]}]}", updated.get(1).toString());
        assertEquals("MISSING_ARGUMENT", updated.get(2).path("errors").get(0).path("statusCode").asText());
    }

    @Test
    void moreThan200RecordsInACollectionAreRefused() throws Exception {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            records.add("{\"attributes\":{\"type\":\"Account\"},\"Name\":\"A" + i + "\"}");
        }

        HttpResponse<String> answer = send("POST", V + "/composite/sobjects", "{\"records\":[" + String.join(",", records) + "]}");

        assertError(answer, 400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        assertEquals(0, salesforce.recordCount());
    }

    @Test
    void upsertByEmailCreatesUpdatesOrAnswersTheMatches() throws Exception {
        HttpResponse<String> created = send("PATCH", V + "/sobjects/Lead/Email/ada@example.org",
                "{\"LastName\":\"Lovelace\",\"Company\":\"AE\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        assertTrue(json(created).path("created").asBoolean());

        HttpResponse<String> updated = send("PATCH", V + "/sobjects/Lead/Email/ADA@example.org", "{\"Title\":\"Countess\"}");
        assertEquals(200, updated.statusCode());
        assertEquals("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[],\"created\":false}", updated.body());
        assertEquals(204, send("PATCH", "/services/data/v45.0/sobjects/Lead/Email/ada@example.org",
                "{\"Title\":\"Countess\"}").statusCode(), "before API 46.0 an update answers 204");

        salesforce.createLeadAsUser(Map.of("LastName", "Twin", "Company", "AE", "Email", "ada@example.org"));
        HttpResponse<String> ambiguous = send("PATCH", V + "/sobjects/Lead/Email/ada@example.org", "{\"Title\":\"x\"}");
        assertEquals(300, ambiguous.statusCode());
        assertEquals(2, json(ambiguous).size());

        assertError(send("PATCH", V + "/sobjects/Lead/Phone/123", "{\"LastName\":\"x\"}"), 404, "NOT_FOUND",
                "Provided external ID field does not exist or is not accessible: Phone");
        assertEquals(404, send("PATCH", V + "/sobjects/Lead/Email/grace@navy.inc",
                "{\"LastName\":\"Hopper\",\"Company\":\"Navy\"}").statusCode(), "a .inc email is 404 (documented)");
        assertEquals(400, send("PATCH", V + "/sobjects/Lead/Email/new@example.org",
                "{\"LastName\":\"x\",\"Company\":\"y\",\"Email\":\"new@example.org\"}").statusCode());
    }

    // ---- error shapes

    @Test
    void errorsComeInSalesforcesArrayShape() throws Exception {
        assertEquals("[{\"message\":\"Required fields are missing: [Company]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\","
                + "\"fields\":[\"Company\"]}]", send("POST", V + "/sobjects/Lead", "{\"LastName\":\"x\"}").body());
        assertError(send("POST", V + "/sobjects/Lead", "{\"LastName\":\"x\",\"Company\":\"y\",\"Foo\":1}"), 400,
                "INVALID_FIELD", "No such column 'Foo' on sobject of type Lead");
        assertError(send("POST", V + "/sobjects/Lead", "{\"LastName\":"), 400, "JSON_PARSER_ERROR", null);
        assertError(send("POST", V + "/sobjects/Lead", null), 400, "JSON_PARSER_ERROR",
                "The HTTP entity body is required, but this request has no entity body.");
        assertError(send("POST", V + "/sobjects/Lead", "LastName=x", token, "Content-Type", "text/plain"), 415,
                "UNSUPPORTED_MEDIA_TYPE", null);
        assertError(get(V + "/sobjects/Lead/" + SalesforceIds.generate("00Q", 77)), 404, "NOT_FOUND",
                "The requested resource does not exist");
        assertError(get(V + "/sobjects/Leed/" + SalesforceIds.generate("00Q", 77)), 404, "NOT_FOUND", null);
        assertError(send("PUT", V + "/sobjects/Lead/" + SalesforceIds.generate("00Q", 77), "{}"), 405,
                "METHOD_NOT_ALLOWED", null);
        assertError(get("/services/data/v62/sobjects"), 404, "NOT_FOUND", null);

        HttpResponse<String> badColumn = get(V + "/query?q=" + encode("SELECT Id, Foo FROM Lead"));
        assertError(badColumn, 400, "INVALID_FIELD", null);
        assertTrue(json(badColumn).get(0).path("message").asText().contains("No such column 'Foo' on entity 'Lead'"));
        assertError(get(V + "/query?q=" + encode("SELECT Id FROM Lead WHERE")), 400, "MALFORMED_QUERY", null);
        // an unencoded '+' in a datetime literal reaches Salesforce as a space
        assertError(get(V + "/query?q=SELECT+Id+FROM+Lead+WHERE+SystemModstamp%3E2026-12-01T10:00:00.000+0000"), 400,
                "MALFORMED_QUERY", null);
    }

    @Test
    void theDuplicateRuleAlertsUnlessTheCallAllowsSave() throws Exception {
        salesforce.createLeadAsUser(Map.of("LastName", "Lovelace", "Company", "AE", "Email", "ada@example.org"));
        String lead = "{\"LastName\":\"Lovelace\",\"Company\":\"AE\",\"Email\":\"Ada@example.org\"}";

        HttpResponse<String> refused = send("POST", V + "/sobjects/Lead", lead);
        assertError(refused, 400, "DUPLICATES_DETECTED", "Use one of these records?");
        assertEquals("Lead", json(refused).get(0).path("duplicateResult").path("duplicateRuleEntityType").asText());

        assertEquals(201, send("POST", V + "/sobjects/Lead", lead, token,
                "Sforce-Duplicate-Rule-Header", "allowSave=true").statusCode());
    }

    @Test
    void validationRulesAndRowLocksFailTheSave() throws Exception {
        salesforce.addValidationRule("Contact", "Email_Required", row -> row.get("Email") == null,
                "Contacts need an email", "Email");
        assertEquals("[{\"message\":\"Contacts need an email\",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
                + "\"fields\":[\"Email\"]}]", send("POST", V + "/sobjects/Contact", "{\"LastName\":\"x\"}").body());

        salesforce.failNextApiWritesWithLockError(1);
        assertError(send("POST", V + "/sobjects/Contact", "{\"LastName\":\"x\",\"Email\":\"x@example.org\"}"), 400,
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
        assertEquals(201, send("POST", V + "/sobjects/Contact", "{\"LastName\":\"x\",\"Email\":\"x@example.org\"}")
                .statusCode());
    }

    // ---- limits

    @Test
    void everyAnswerReportsTheDailyUsageAndPastTheAllocationCallsAre403() throws Exception {
        HttpResponse<String> first = get(V + "/limits");
        assertEquals(Optional.of("api-usage=1/100000"), first.headers().firstValue("Sforce-Limit-Info"));
        assertEquals(Optional.of("api-usage=2/100000"), get(V + "/limits").headers().firstValue("Sforce-Limit-Info"));

        salesforce.setDailyApiLimit(10);
        salesforce.setApiUsage(9);
        HttpResponse<String> last = get(V + "/query?q=" + encode("SELECT Id FROM Lead"));
        assertEquals(200, last.statusCode());
        assertEquals(Optional.of("api-usage=10/10"), last.headers().firstValue("Sforce-Limit-Info"));

        HttpResponse<String> refused = get(V + "/query?q=" + encode("SELECT Id FROM Lead"));
        assertEquals("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
                refused.body());
        assertEquals(403, refused.statusCode());
        assertEquals(10, salesforce.apiUsage(), "a refused call is not counted");
        assertFalse(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, form(Map.of("grant_type", "client_credentials", "client_id", "sandbox-salesforce-client-id",
                "client_secret", "sandbox-salesforce-client-secret")).statusCode(), "the token endpoint still answers");
    }

    // ---- composite

    @Test
    void aCompositeOfTwoQueriesIsOneCallAndAnswersEachInOrder() throws Exception {
        assertEquals(201, send("POST", V + "/sobjects/Lead",
                "{\"LastName\":\"Lee\",\"Company\":\"Acme\",\"Email\":\"pat@example.org\"}").statusCode());
        assertEquals(201, send("POST", V + "/sobjects/Contact", "{\"LastName\":\"Lee\",\"Email\":\"pat@example.org\"}")
                .statusCode());
        long usage = salesforce.apiUsage();

        HttpResponse<String> answer = send("POST", V + "/composite", "{\"compositeRequest\":["
                + subquery("leads", "SELECT Id, Email FROM Lead WHERE Email IN ('pat@example.org')") + ","
                + subquery("contacts", "SELECT Id, Email FROM Contact WHERE Email IN ('pat@example.org')") + ","
                + "{\"method\":\"GET\",\"referenceId\":\"again\",\"url\":\"" + V + "/query?q="
                + encode("SELECT Id FROM Contact WHERE Id = '") + "@{contacts.records[0].Id}" + encode("'") + "\"}]}");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(usage + 1, salesforce.apiUsage(), "the whole composite counts as one call");
        JsonNode responses = json(answer).path("compositeResponse");
        assertEquals(3, responses.size());
        assertEquals("leads", responses.get(0).path("referenceId").asText());
        assertEquals(200, responses.get(0).path("httpStatusCode").asInt());
        assertEquals("Lead", responses.get(0).path("body").path("records").get(0).path("attributes").path("type").asText());
        String contactId = responses.get(1).path("body").path("records").get(0).path("Id").asText();
        assertTrue(contactId.startsWith("003"), contactId);
        assertEquals(contactId, responses.get(2).path("body").path("records").get(0).path("Id").asText());
    }

    @Test
    void aFailedSubrequestFailsAloneOrHaltsTheRestWithAllOrNone() throws Exception {
        String subrequests = subquery("bad", "SELECT Id FROM Lead WHERE") + ","
                + subquery("good", "SELECT Id FROM Contact");

        JsonNode independent = json(send("POST", V + "/composite", "{\"compositeRequest\":[" + subrequests + "]}"))
                .path("compositeResponse");
        assertEquals(400, independent.get(0).path("httpStatusCode").asInt());
        assertEquals("MALFORMED_QUERY", independent.get(0).path("body").get(0).path("errorCode").asText());
        assertEquals(200, independent.get(1).path("httpStatusCode").asInt());

        JsonNode halted = json(send("POST", V + "/composite", "{\"allOrNone\":true,\"compositeRequest\":["
                + subrequests + "]}")).path("compositeResponse");
        assertEquals("PROCESSING_HALTED", halted.get(1).path("body").get(0).path("errorCode").asText());
    }

    @Test
    void compositeLimitsAndWhatTheSandboxDoesNotSimulateAreRefusedAsAWhole() throws Exception {
        StringBuilder six = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append(subquery("q" + i, "SELECT Id FROM Lead"));
        }
        assertError(send("POST", V + "/composite", "{\"compositeRequest\":[" + six + "]}"), 400, "INVALID_API_INPUT",
                "compositeRequest: at most 5 query or sObject Collections subrequests are allowed, got 6");
        assertError(send("POST", V + "/composite", "{\"compositeRequest\":[" + subquery("a", "SELECT Id FROM Lead") + ","
                + subquery("a", "SELECT Id FROM Lead") + "]}"), 400, "INVALID_API_INPUT",
                "Duplicate referenceId provided in the request: a");
        assertError(send("POST", V + "/composite", "{\"compositeRequest\":[{\"method\":\"POST\",\"referenceId\":\"x\","
                + "\"url\":\"" + V + "/sobjects/Lead\",\"body\":{\"LastName\":\"X\",\"Company\":\"Y\"}}]}"), 400,
                "NOT_SIMULATED", "The sandbox serves only query and queryAll subrequests in /composite; got POST "
                        + V + "/sobjects/Lead (referenceId x)");
        assertEquals(0, json(get(V + "/query?q=" + encode("SELECT Id FROM Lead"))).path("totalSize").asInt());
    }

    private static String subquery(String referenceId, String soql) {
        return "{\"method\":\"GET\",\"referenceId\":\"" + referenceId + "\",\"url\":\"" + V + "/query?q=" + encode(soql)
                + "\"}";
    }

    // ---- conversion and control endpoints

    @Test
    void aLeadConvertedInTheUiIsStillQueryableAndPointsAtItsContact() throws Exception {
        String leadId = json(send("POST", V + "/sobjects/Lead",
                "{\"LastName\":\"Lovelace\",\"Company\":\"AE\",\"Email\":\"ada@example.org\"}")).path("id").asText();

        HttpResponse<String> converted = control("POST", "/leads/" + leadId + "/convert", null);
        assertEquals(200, converted.statusCode(), converted.body());
        String contactId = json(converted).path("contactId").asText();

        JsonNode lead = json(get(V + "/query?q=" + encode("SELECT Id, IsConverted, ConvertedContactId, "
                + "ConvertedAccountId, ConvertedDate, LastModifiedById FROM Lead WHERE Email = 'ada@example.org'")))
                .path("records").get(0);
        assertTrue(lead.path("IsConverted").asBoolean());
        assertEquals(contactId, lead.path("ConvertedContactId").asText());
        assertTrue(lead.path("ConvertedDate").asText().matches("\\d{4}-\\d\\d-\\d\\d"));
        assertEquals(salesforce.uiUserId(), lead.path("LastModifiedById").asText());
        assertNotEquals(salesforce.apiUserId(), salesforce.uiUserId());
        JsonNode contact = json(get(V + "/sobjects/Contact/" + contactId));
        assertEquals("ada@example.org", contact.path("Email").asText());
        assertError(send("PATCH", V + "/sobjects/Lead/" + leadId, "{\"Title\":\"x\"}"), 400,
                "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead");
    }

    @Test
    void controlEndpointsActAsAUserAndSteerTheOrg() throws Exception {
        HttpResponse<String> created = control("POST", "/contacts", "{\"LastName\":\"Hopper\",\"Email\":\"grace@example.org\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        JsonNode contacts = json(control("GET", "/contacts", null));
        assertEquals(salesforce.uiUserId(), contacts.get(0).path("LastModifiedById").asText());

        assertEquals(204, control("PATCH", "/record/" + id, "{\"Title\":\"Rear Admiral\"}").statusCode());
        assertEquals("Rear Admiral", salesforce.record(id).orElseThrow().get("Title"));

        assertEquals(200, control("PUT", "/api-usage", "{\"limit\":50,\"used\":50}").statusCode());
        assertEquals(403, get(V + "/limits").statusCode());
        control("PUT", "/api-usage", "{\"used\":0}");
        assertEquals(204, control("PUT", "/duplicate-rules/Contact", "{\"mode\":\"BLOCK\"}").statusCode());
        assertEquals(400, send("POST", V + "/sobjects/Contact", "{\"LastName\":\"H\",\"Email\":\"grace@example.org\"}",
                token, "Sforce-Duplicate-Rule-Header", "allowSave=true").statusCode());
        assertEquals(204, control("POST", "/expire-sessions", null).statusCode());
        assertInvalidSession(get(V + "/limits"));

        JsonNode stats = json(control("GET", "/stats", null));
        assertTrue(stats.path("byEndpoint").toString().contains("/services/oauth2/token"), stats.toString());
        assertTrue(salesforce.apiVersionsUsed().contains("v62.0"));
    }

    @Test
    void campaignMembersAreQueriedWithTheirCampaignsName() throws Exception {
        String campaign = salesforce.createCampaignAsUser("Spring launch");
        String lead = salesforce.createLeadAsUser(Map.of("LastName", "L", "Company", "C", "Email", "l@example.org"));
        salesforce.addToCampaignAsUser(campaign, lead);

        JsonNode record = json(get(V + "/query?q=" + encode("SELECT LeadId, Campaign.Name FROM CampaignMember WHERE "
                + "LeadId = '" + lead + "'"))).path("records").get(0);

        assertEquals(lead, record.path("LeadId").asText());
        assertEquals("Spring launch", record.path("Campaign").path("Name").asText());
        assertEquals("Campaign", record.path("Campaign").path("attributes").path("type").asText());
    }

    // ---- helpers

    private JsonNode clientCredentials() throws Exception {
        HttpResponse<String> answer = form(Map.of("grant_type", "client_credentials",
                "client_id", "sandbox-salesforce-client-id", "client_secret", "sandbox-salesforce-client-secret"));
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> form(Map<String, String> params) throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, token);
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentType) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> control(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, "/_control" + path, body, null);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String errorCode, String message)
            throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode errors = json(response);
        assertTrue(errors.isArray(), response.body());
        assertEquals(errorCode, errors.get(0).path("errorCode").asText(), response.body());
        if (message != null) {
            assertEquals(message, errors.get(0).path("message").asText());
        }
    }

    private static void assertInvalidSession(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertEquals("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]", response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
