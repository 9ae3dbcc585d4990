package io.contactsync.console;

import java.net.URI;
import java.util.Map;

import io.contactsync.brevo.BrevoIntegrations;
import io.contactsync.brevo.BrevoMembers;
import io.contactsync.brevo.QuotaNotices;
import io.contactsync.brevo.TaskQuota;
import io.contactsync.client.VendorUnavailableException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HubSpot list -> Brevo list integrations: state, problems, initial sync progress (the page follows a running
 * sync), the quota and its notices; activation after the operator confirms the list's opt-in (R4.2), and
 * deactivation after a confirmation.
 */
@Path("/console/integrations")
@Produces(MediaType.TEXT_HTML)
public class IntegrationsResource {

    @Inject
    BrevoIntegrations integrations;

    @Inject
    TaskQuota quota;

    @Inject
    BrevoMembers members;

    @Inject
    QuotaNotices notices;

    @Inject
    CurrentOperator operator;

    @Inject
    @Location("console/integrations.html")
    Template list;

    @Inject
    @Location("console/integration.html")
    Template detail;

    @Inject
    @Location("console/activate.html")
    Template activation;

    @Inject
    @Location("console/confirm.html")
    Template confirm;

    @GET
    public TemplateInstance list() {
        return list.data("page", "integrations").data("integrations", integrations.statuses())
                .data("quota", quota.usage()).data("waitingMembers", members.countDeferred())
                .data("notices", notices.list());
    }

    @GET
    @Path("/{name}")
    public TemplateInstance detail(@PathParam("name") String name) {
        BrevoIntegrations.Status status = integrations.status(known(name));
        Map<String, Object> sync = status.initialSync();
        boolean running = "starting".equals(status.state()) || sync != null && "running".equals(sync.get("state"));
        return detail.data("page", "integrations").data("i", status).data("sync", sync).data("running", running)
                .data("error", null);
    }

    @GET
    @Path("/{name}/activate")
    public TemplateInstance confirmActivation(@PathParam("name") String name) {
        return activation.data("page", "integrations").data("i", integrations.status(known(name)));
    }

    @POST
    @Path("/{name}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activate(@PathParam("name") String name, @FormParam("optInConfirmed") String optIn) {
        boolean confirmed = "yes".equals(optIn);
        return act(name, () -> integrations.activate(name, confirmed),
                "activated Brevo integration " + name + (confirmed ? " (confirmed the list's opt-in)" : ""));
    }

    @GET
    @Path("/{name}/deactivate")
    public TemplateInstance confirmDeactivation(@PathParam("name") String name) {
        known(name);
        return confirm.data("page", "integrations").data("title", "Deactivate " + name + "?")
                .data("message", "The integration goes back to draft (R4.4): no change of the HubSpot list"
                        + " reaches the Brevo list until it is activated again; the contacts already in Brevo stay.")
                .data("action", "/console/integrations/" + name + "/deactivate").data("button", "Deactivate " + name)
                .data("back", "/console/integrations/" + name);
    }

    @POST
    @Path("/{name}/deactivate")
    public Response deactivate(@PathParam("name") String name) {
        return act(name, () -> integrations.deactivate(name), "deactivated Brevo integration " + name);
    }

    private Response act(String name, Runnable action, String audit) {
        known(name);
        try {
            action.run();
        } catch (VendorUnavailableException e) {
            return Response.status(503).entity(detail(name).data("error",
                    "Brevo or HubSpot could not be reached, nothing was changed: " + e.getMessage())).build();
        }
        ConsoleAudit.log(operator.session(), audit);
        return Response.seeOther(URI.create("/console/integrations/" + name)).build();
    }

    private String known(String name) {
        if (!integrations.isConfigured(name)) {
            throw new NotFoundException("no Brevo integration named " + name);
        }
        return name;
    }
}
