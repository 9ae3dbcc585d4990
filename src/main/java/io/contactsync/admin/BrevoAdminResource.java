package io.contactsync.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.contactsync.brevo.BrevoIntegrations;
import io.contactsync.brevo.BrevoMembers;
import io.contactsync.brevo.Integration;
import io.contactsync.brevo.MembershipPoller;
import io.contactsync.brevo.QuotaNotices;
import io.contactsync.brevo.TaskQuota;
import io.contactsync.client.VendorUnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** HubSpot list -> Brevo list integrations (R4): states, activation, initial sync progress, quota and notices. */
@Path("/admin/brevo")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class BrevoAdminResource {

    @Inject
    BrevoIntegrations integrations;

    @Inject
    MembershipPoller poller;

    @Inject
    TaskQuota quota;

    @Inject
    QuotaNotices notices;

    @Inject
    BrevoMembers members;

    public record ActivationRequest(Boolean optInConfirmed) {
    }

    public record QuotaRequest(Long monthlyTasks) {
    }

    @GET
    @Path("/integrations")
    @Operation(summary = "Every configured integration: state (draft, invalid, starting, active, paused), problems,"
            + " lists, initial sync progress")
    public List<BrevoIntegrations.Status> integrations() {
        return integrations.statuses();
    }

    @GET
    @Path("/integrations/{name}")
    @Operation(summary = "One integration, with its initial sync progress")
    public Response integration(@PathParam("name") String name) {
        return known(name, () -> Response.ok(integrations.status(name)).build());
    }

    @POST
    @Path("/integrations/{name}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate and activate (R4.2, R4.3, R4.10); starts the initial sync. Body:"
            + " {\"optInConfirmed\": true} confirms the opt-in. 422 with the problems when refused")
    public Response activate(@PathParam("name") String name, ActivationRequest request) {
        boolean optIn = request != null && Boolean.TRUE.equals(request.optInConfirmed());
        return known(name, () -> {
            BrevoIntegrations.Status status = integrations.activate(name, optIn);
            return Response.status("invalid".equals(status.state()) ? 422 : 200).entity(status).build();
        });
    }

    @POST
    @Path("/integrations/{name}/deactivate")
    @Operation(summary = "Back to draft (R4.4): nothing syncs until activated again")
    public Response deactivate(@PathParam("name") String name) {
        return known(name, () -> Response.ok(integrations.deactivate(name)).build());
    }

    @POST
    @Path("/integrations/{name}/resync")
    @Operation(summary = "Run the initial full sync again (e.g. after a mapping change)")
    public Response resync(@PathParam("name") String name) {
        return active(name, integration -> Response.accepted(integrations.resync(name)).build());
    }

    @POST
    @Path("/integrations/{name}/poll")
    @Operation(summary = "Read the HubSpot list's members now instead of at the next poll")
    public Response poll(@PathParam("name") String name) {
        return active(name, integration -> Response.ok(poller.poll(integration)).build());
    }

    @GET
    @Path("/quota")
    @Operation(summary = "This month's Brevo tasks (R4.5): used, limit, notices sent, members waiting")
    public Map<String, Object> quota() {
        TaskQuota.Usage usage = quota.usage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", usage.month());
        body.put("tasks", usage.tasks());
        body.put("limit", usage.limit());
        body.put("paused", usage.exhausted());
        body.put("warnedAt", usage.warnedAt() == null ? null : usage.warnedAt().toString());
        body.put("reachedAt", usage.reachedAt() == null ? null : usage.reachedAt().toString());
        body.put("waitingMembers", members.countDeferred());
        return body;
    }

    @PUT
    @Path("/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set this month's task limit: {\"monthlyTasks\": n}; raising it resumes paused work")
    public Response setQuota(QuotaRequest request) {
        if (request == null || request.monthlyTasks() == null || request.monthlyTasks() < 1) {
            return error(400, "body must be {\"monthlyTasks\": n} with n >= 1");
        }
        quota.setLimit(request.monthlyTasks());
        return Response.ok(quota()).build();
    }

    @GET
    @Path("/notices")
    @Operation(summary = "Quota notices sent to the owner (80 % and 100 %), newest first")
    public List<Map<String, Object>> notices() {
        return notices.list();
    }

    private interface Action {
        Response run();
    }

    private Response known(String name, Action action) {
        if (!integrations.isConfigured(name)) {
            return error(404, "no Brevo integration named '" + name + "' is configured (brevo.integrations." + name
                    + ".*)");
        }
        try {
            return action.run();
        } catch (VendorUnavailableException e) {
            return error(503, "a vendor could not be reached, nothing was changed: " + e.getMessage());
        }
    }

    private Response active(String name, Function<Integration, Response> action) {
        return known(name, () -> integrations.active(name).map(action)
                .orElseGet(() -> error(409, "integration '" + name + "' is not active")));
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
