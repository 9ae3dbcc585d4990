package io.contactsync.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.salesforce.bulk.JobKind;
import io.contactsync.salesforce.bulk.SalesforceJobReport;
import io.contactsync.salesforce.bulk.SalesforceJobs;
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
 * and their progress and report. Jobs run one after the other in the background, and go on after a restart.
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
    SalesforceJobReport reports;

    @Inject
    ObjectMapper mapper;

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "R2.12: import every Salesforce Lead and/or Contact into HubSpot; body {\"objects\":"
            + "[\"Lead\",\"Contact\"]}; answers 202 with the job id")
    public Response startImport(String body) throws JsonProcessingException {
        return start(JobKind.IMPORT, body, request -> {
            JsonNode objects = request.field("objects");
            if (objects == null || !objects.isArray() || objects.isEmpty()) {
                throw new JobRequest.InvalidField("objects",
                        "objects must be a non-empty array of \"Lead\" and/or \"Contact\"");
            }
            Set<String> chosen = new LinkedHashSet<>();
            for (JsonNode object : objects) {
                if (!object.isTextual() || !OBJECTS.contains(object.asText())) {
                    throw new JobRequest.InvalidField("objects",
                            "objects may hold only \"Lead\" and \"Contact\", not " + object);
                }
                chosen.add(object.asText());
            }
            return Map.of("objects", new ArrayList<>(chosen));
        });
    }

    @POST
    @Path("/resync")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "R2.7: push a HubSpot list's members to Salesforce now; body {\"listId\":\"123\"} (static or"
            + " active list); answers 202 with the job id")
    public Response startResync(String body) throws JsonProcessingException {
        return start(JobKind.RESYNC, body, request -> {
            JsonNode listId = request.field("listId");
            if (listId == null || !(listId.isTextual() || listId.isIntegralNumber())
                    || !listId.asText().matches("[0-9]{1,20}")) {
                throw new JobRequest.InvalidField("listId",
                        "listId must be a HubSpot list id (digits), e.g. {\"listId\":\"123\"}");
            }
            return Map.of("listId", listId.asText());
        });
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "A Salesforce import or resync: state (queued, running, paused, done, failed), progress,"
            + " vendor calls per side and per record, and the skipped and failed records with their reasons")
    public Response job(@PathParam("id") String id) {
        Map<String, Object> report = reports.of(id);
        return report == null ? Response.status(404).entity(Map.of("error", "no Salesforce job " + id)).build()
                : Response.ok(report).build();
    }

    /** 409 while Salesforce is disabled, 400 naming the first wrong field, else 202 with the accepted job's id. */
    private Response start(JobKind kind, String body, JobRequest.Check check) throws JsonProcessingException {
        if (!config.enabled()) {
            return Response.status(409).entity(Map.of("error", "salesforce.enabled is false")).build();
        }
        try {
            String id = jobs.start(kind, mapper.writeValueAsString(check.request(JobRequest.read(mapper, body))));
            return Response.status(202).entity(Map.of("id", id, "status", "/admin/salesforce/jobs/" + id)).build();
        } catch (JobRequest.InvalidField invalid) {
            return invalid.answer();
        }
    }
}
