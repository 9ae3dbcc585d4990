package io.contactsync.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.salesforce.bulk.SalesforceImport;
import io.contactsync.salesforce.bulk.SalesforceJobs;
import io.contactsync.salesforce.bulk.SalesforceResync;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Salesforce bulk jobs: import Leads and Contacts into HubSpot (R2.12), resync a HubSpot list to Salesforce (R2.7),
 * and their progress and report. Jobs run one after the other in the background.
 */
@Path("/admin/salesforce")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class SalesforceJobResource {

    private static final Set<String> OBJECTS = Set.of("Lead", "Contact");

    @Inject
    SalesforceConfig config;

    @Inject
    SalesforceJobs jobs;

    @Inject
    ObjectMapper mapper;

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "R2.12: import every Salesforce Lead and/or Contact into HubSpot; body {\"objects\":"
            + "[\"Lead\",\"Contact\"]}; answers 202 with the job id")
    public Response startImport(String body) throws JsonProcessingException {
        if (!config.enabled()) {
            return disabled();
        }
        JsonNode request = parse(body);
        JsonNode objects = request == null ? null : request.get("objects");
        if (objects == null || !objects.isArray() || objects.isEmpty()) {
            return badRequest("objects", "objects must be a non-empty array of \"Lead\" and/or \"Contact\"");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (JsonNode object : objects) {
            if (!object.isTextual() || !OBJECTS.contains(object.asText())) {
                return badRequest("objects", "objects may hold only \"Lead\" and \"Contact\", not " + object);
            }
            chosen.add(object.asText());
        }
        String text = mapper.writeValueAsString(Map.of("objects", new ArrayList<>(chosen)));
        return accepted(jobs.start("import", text, SalesforceImport.ROUTE));
    }

    @POST
    @Path("/resync")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "R2.7: push a HubSpot list's members to Salesforce now; body {\"listId\":\"123\"} (static or"
            + " active list); answers 202 with the job id")
    public Response startResync(String body) throws JsonProcessingException {
        if (!config.enabled()) {
            return disabled();
        }
        JsonNode request = parse(body);
        JsonNode listId = request == null ? null : request.get("listId");
        if (listId == null || !(listId.isTextual() || listId.isIntegralNumber())
                || !listId.asText().matches("[0-9]{1,20}")) {
            return badRequest("listId", "listId must be a HubSpot list id (digits), e.g. {\"listId\":\"123\"}");
        }
        String text = mapper.writeValueAsString(Map.of("listId", listId.asText()));
        return accepted(jobs.start("resync", text, SalesforceResync.ROUTE));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "A Salesforce import or resync: state (queued, running, paused, done, failed), progress,"
            + " vendor calls per side and per record, and the skipped and failed records with their reasons")
    public Response job(@PathParam("id") String id) {
        Map<String, Object> report = jobs.report(id);
        return report == null ? Response.status(404).entity(Map.of("error", "no Salesforce job " + id)).build()
                : Response.ok(report).build();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Response accepted(String id) {
        return Response.status(202).entity(Map.of("id", id, "status", "/admin/salesforce/jobs/" + id)).build();
    }

    private static Response badRequest(String field, String message) {
        return Response.status(400).entity(Map.of("field", field, "error", message)).build();
    }

    private static Response disabled() {
        return Response.status(409).entity(Map.of("error", "salesforce.enabled is false")).build();
    }
}
