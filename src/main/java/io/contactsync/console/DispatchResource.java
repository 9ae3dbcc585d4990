package io.contactsync.console;

import java.net.URI;

import io.contactsync.pipeline.InboxDispatcher;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Pausing and resuming dispatch (the admin API's), each after a confirmation page. */
@Path("/console/dispatch")
@Produces(MediaType.TEXT_HTML)
public class DispatchResource {

    @Inject
    InboxDispatcher dispatcher;

    @Inject
    CurrentOperator operator;

    @Inject
    @Location("console/confirm.html")
    Template confirm;

    @GET
    public TemplateInstance confirmation() {
        TemplateInstance page = confirm.data("page", "home").data("back", "/console");
        if (dispatcher.paused()) {
            return page.data("title", "Resume dispatch?").data("message", "Inbox events are applied again, the"
                    + " waiting ones first, in order.").data("action", "/console/dispatch/resume")
                    .data("button", "Resume dispatch");
        }
        return page.data("title", "Pause dispatch?").data("message", "No inbox event is applied until dispatch is"
                + " resumed (e.g. while a vendor is down). Webhooks are still accepted and kept; events in flight"
                + " finish. This replica only, until resumed or restarted.").data("action", "/console/dispatch/pause")
                .data("button", "Pause dispatch");
    }

    @POST
    @Path("/pause")
    public Response pause() {
        dispatcher.pause();
        ConsoleAudit.log(operator.session(), "paused dispatch");
        return Response.seeOther(URI.create("/console?done=paused")).build();
    }

    @POST
    @Path("/resume")
    public Response resume() {
        dispatcher.resume();
        ConsoleAudit.log(operator.session(), "resumed dispatch");
        return Response.seeOther(URI.create("/console?done=resumed")).build();
    }
}
