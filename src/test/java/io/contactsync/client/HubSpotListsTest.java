package io.contactsync.client;

import static io.contactsync.support.SandboxRequests.toSandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.contactsync.support.SyncTestSupport;
import io.contactsync.client.hubspot.HubSpotClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/**
 * The sandbox's HubSpot Lists v3 endpoints answer what {@link HubSpotClient} reads, in the shapes of crm-lists-v3.json;
 * the requests the client sends are checked against the spec by {@link SyncTestSupport}.
 */
@QuarkusTest
class HubSpotListsTest extends SyncTestSupport {

    private static final String BASE = "/sandbox/hubspot";
    private static final String TOKEN = "Bearer test-hubspot-token";
    private static final OpenApiInteractionValidator LISTS_SPEC = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("..", "shared", "specs", "hubspot", "crm-lists-v3.json").toUri().toString())
            .withResolveRefs(false) // inlining the spec's recursive filter schemas never ends
            .withResolveCombinators(false)
            .build();

    @Inject
    HubSpotClient client;

    @Test
    void clientReadsAListAndPagesAllItsMembers() {
        hubspot.createList("777", "Bench");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            ids.add(hubspot.createContactAsUser(Map.of("email", "member-" + i + "@lists.example.com")));
        }
        hubspot.addToList("777", ids);

        Map<String, Object> list = client.list("777").orElseThrow();
        assertEquals("777", list.get("listId"));
        assertEquals(260, list.get("size"));
        assertTrue(client.list("778").isEmpty());
        assertEquals(ids, client.listMembers("777"));
        assertEquals(2, hubspot.requests().stream().filter(r -> r.path().equals("/crm/v3/lists/777/memberships")).count());
    }

    @Test
    void apiAnswersInTheSpecShapes() {
        String ada = hubspot.createContactAsUser(Map.of("email", "ada@lists.example.com"));
        String bob = hubspot.createContactAsUser(Map.of("email", "bob@lists.example.com"));

        Response created = api("POST", "/crm/v3/lists",
                "{\"name\":\"Newsletter\",\"objectTypeId\":\"0-1\",\"processingType\":\"MANUAL\"}", 200);
        String listId = created.jsonPath().getString("list.listId");
        assertEquals("MANUAL", created.jsonPath().getString("list.processingType"));
        api("POST", "/crm/v3/lists", "{\"name\":\"Newsletter\",\"objectTypeId\":\"0-1\",\"processingType\":\"MANUAL\"}", 400);

        Response added = api("PUT", "/crm/v3/lists/" + listId + "/memberships/add", "[\"" + bob + "\",\"" + ada + "\",\"999\"]", 200);
        assertEquals(List.of(bob, ada), added.jsonPath().getList("recordsIdsAdded"));
        assertEquals(List.of("999"), added.jsonPath().getList("recordIdsMissing"));

        Response page = api("GET", "/crm/v3/lists/" + listId + "/memberships?limit=1", null, 200);
        assertEquals(List.of(ada), page.jsonPath().getList("results.recordId"));
        assertEquals(ada, page.jsonPath().getString("paging.next.after"));
        assertEquals(2, page.jsonPath().getInt("total"));
        Response rest = api("GET", "/crm/v3/lists/" + listId + "/memberships?limit=1&after=" + ada, null, 200);
        assertEquals(List.of(bob), rest.jsonPath().getList("results.recordId"));
        assertFalse(rest.jsonPath().getMap("$").containsKey("paging"));
        api("GET", "/crm/v3/lists/" + listId + "/memberships?limit=251", null, 400);

        Response removed = api("PUT", "/crm/v3/lists/" + listId + "/memberships/remove", "[\"" + ada + "\",\"999\"]", 200);
        assertEquals(List.of(ada), removed.jsonPath().getList("recordIdsRemoved"));
        assertEquals(List.of("999"), removed.jsonPath().getList("recordIdsMissing"));
        assertEquals(1, api("GET", "/crm/v3/lists/" + listId, null, 200).jsonPath().getInt("list.size"));
        api("GET", "/crm/v3/lists/404", null, 404);
        api("GET", "/crm/v3/lists/404/memberships", null, 404);

        String dynamic = api("POST", "/crm/v3/lists", "{\"name\":\"Active\",\"objectTypeId\":\"0-1\",\"processingType\":\"DYNAMIC\"}",
                200).jsonPath().getString("list.listId");
        api("PUT", "/crm/v3/lists/" + dynamic + "/memberships/add", "[\"" + ada + "\"]", 400);
        assertEquals(2, hubspot.contactCount());
    }

    @Test
    void controlEndpointsCreateAndShowLists() {
        String ada = hubspot.createContactAsUser(Map.of("email", "ada@lists.example.com"));
        toSandbox().contentType(ContentType.JSON).body("{\"listId\":\"777\",\"name\":\"Bench\"}")
                .post(BASE + "/_control/lists").then().statusCode(201);
        toSandbox().contentType(ContentType.JSON).body("{\"listId\":\"777\",\"name\":\"Again\"}")
                .post(BASE + "/_control/lists").then().statusCode(409);
        String next = toSandbox().contentType(ContentType.JSON).body("{\"name\":\"Next\"}").post(BASE + "/_control/lists")
                .then().statusCode(201).extract().jsonPath().getString("listId");
        hubspot.addToList("777", List.of(ada));

        List<Map<String, Object>> lists = toSandbox().get(BASE + "/_control/lists").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertEquals(List.of(Map.of("listId", "777", "name", "Bench", "size", 1, "recordIds", List.of(ada)),
                Map.of("listId", next, "name", "Next", "size", 0, "recordIds", List.of())), lists);
    }

    /**
     * Sends an authorised request and checks the status; validates a 200 answer against crm-lists-v3.json (error
     * answers are a response $ref that the validator only follows when it inlines the whole spec).
     */
    private static Response api(String method, String pathAndQuery, String body, int status) {
        var request = toSandbox().header("Authorization", TOKEN);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        Response response = request.request(method, BASE + pathAndQuery);
        assertEquals(status, response.statusCode(), response.asString());
        if (status != 200) {
            return response;
        }
        String path = pathAndQuery.split("\\?")[0];
        ValidationReport report = LISTS_SPEC.validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(response.asString())
                        .build());
        assertFalse(report.hasErrors(), method + " " + path + " -> " + report.getMessages());
        return response;
    }
}
