package io.contactsync.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.contactsync.salesforce.InclusionList;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** R2.3, R2.6: the HubSpot list whose members alone sync to Salesforce, and whether a list can be one. */
@Path("/admin/salesforce/inclusion-list")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class SalesforceInclusionListResource {

    private static final Pattern LIST_ID = Pattern.compile("[0-9]{1,18}");

    @Inject
    InclusionList inclusionList;

    @GET
    @Operation(summary = "The configured inclusion list (salesforce.sync.inclusion-list-id; none = every contact syncs),"
            + " whether it is accepted (an active list, R2.6), and the membership cache (size, read at, TTL)")
    public Map<String, Object> status() {
        Optional<String> listId = inclusionList.listId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("listId", listId.orElse(null));
        body.put("everyContactSyncs", listId.isEmpty());
        if (listId.isPresent()) {
            Optional<String> problem = inclusionList.problem(listId.get());
            body.put("accepted", problem.isEmpty());
            body.put("problem", problem.orElse(null));
        }
        InclusionList.Members cached = inclusionList.cached();
        body.put("cachedMembers", cached == null ? null : cached.ids().size());
        body.put("cachedAt", cached == null ? null : cached.readAt().toString());
        body.put("cacheTtl", inclusionList.cacheTtl().toString());
        return body;
    }

    @GET
    @Path("/check")
    @Operation(summary = "Whether a HubSpot list can be the inclusion list: 200 for an active (DYNAMIC) contact list,"
            + " 422 with the reason for a static (MANUAL, SNAPSHOT) or unknown one (R2.6)")
    public Response check(@QueryParam("listId") String listId) {
        if (listId == null || !LIST_ID.matcher(listId.trim()).matches()) {
            return Response.status(400).entity(Map.of("error",
                    "query parameter 'listId' must be a HubSpot (ILS) list id, digits only")).build();
        }
        Optional<String> problem = inclusionList.problem(listId.trim());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("listId", listId.trim());
        body.put("accepted", problem.isEmpty());
        problem.ifPresent(p -> body.put("error", p));
        return Response.status(problem.isEmpty() ? 200 : 422).entity(body).build();
    }
}
