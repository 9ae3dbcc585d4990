package io.contactsync.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.client.salesforce.SalesforceAllowance;
import io.contactsync.client.salesforce.SalesforceConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The Salesforce connection: contact-sync's share of the org's API allocation, and whether calls are paused. */
@Path("/admin/salesforce")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class SalesforceAdminResource {

    @Inject
    SalesforceConfig config;

    @Inject
    SalesforceAllowance allowance;

    @GET
    @Operation(summary = "Salesforce: enabled, API version, contact-sync's calls in the last 24 hours and its share of"
            + " the org's allocation, the org's usage as Salesforce last reported it (Sforce-Limit-Info), and whether"
            + " calls are paused, why and until when (events that need Salesforce wait meanwhile)")
    public Map<String, Object> status() {
        SalesforceAllowance.Status status = allowance.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", config.enabled());
        body.put("apiVersion", config.apiVersion());
        body.put("calls24h", status.calls24h());
        body.put("sharePercent", status.sharePercent());
        body.put("share", status.share());
        body.put("orgUsed", status.org() == null ? null : status.org().used());
        body.put("orgLimit", status.org() == null ? null : status.org().limit());
        body.put("orgObservedAt", status.org() == null ? null : status.org().observedAt().toString());
        body.put("paused", status.paused());
        body.put("pausedUntil", status.pausedUntil() == null ? null : status.pausedUntil().toString());
        body.put("reason", status.reason());
        return body;
    }
}
