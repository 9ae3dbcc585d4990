package io.contactsync.admin;

import java.util.Map;

import io.contactsync.client.salesforce.SalesforceConfig;
import io.contactsync.polling.SalesforcePoller;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Polls Salesforce now instead of at the next salesforce.polling.interval (after a pause, or to see a change at once). */
@Path("/admin/salesforce/poll")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class SalesforcePollResource {

    @Inject
    SalesforceConfig config;

    @Inject
    SalesforcePoller poller;

    @POST
    @Operation(summary = "Salesforce -> HubSpot: poll Leads and Contacts modified since the watermark now; answers how"
            + " many records were handed to the inbox (records already there are not stored twice)")
    public Response poll() {
        if (!config.enabled()) {
            return Response.status(409).entity(Map.of("error", "salesforce.enabled is false: nothing to poll")).build();
        }
        return Response.ok(Map.of("records", poller.poll())).build();
    }
}
