package io.contactsync.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.contactsync.brevo.BrevoIntegrations;
import io.contactsync.brevo.BrevoMembers;
import io.contactsync.brevo.QuotaNotices;
import io.contactsync.brevo.TaskQuota;
import io.contactsync.client.RateBudget;
import io.contactsync.client.brevo.BrevoClient;
import io.contactsync.client.hubspot.HubSpotClient;
import io.contactsync.client.respondio.RespondioClient;
import io.contactsync.inbox.InboxRepository;
import io.contactsync.inbox.InboxStatus;
import io.contactsync.pipeline.InboxDispatcher;
import io.contactsync.pipeline.RunHistory;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The console's home: events waiting, runs and failures of the last hour, dead letters, the vendors' rate budgets
 * and health, the Brevo quota and notices, and whether dispatch is paused.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    private static final int FAILURES_SHOWN = 5;
    private static final int NOTICES_SHOWN = 5;

    @Inject
    InboxRepository inbox;

    @Inject
    InboxDispatcher dispatcher;

    @Inject
    RunHistory history;

    @Inject
    HubSpotClient hubspot;

    @Inject
    RespondioClient respondio;

    @Inject
    BrevoClient brevo;

    @Inject
    TaskQuota quota;

    @Inject
    BrevoMembers members;

    @Inject
    QuotaNotices notices;

    @Inject
    BrevoIntegrations integrations;

    @Inject
    @Location("console/home.html")
    Template home;

    @GET
    public TemplateInstance home(@QueryParam("done") String done) {
        Instant now = Instant.now();
        List<Map<String, Object>> failures = history.failures(50);
        List<VendorHealth> vendors = List.of(hubspot.budget(), respondio.budget(), brevo.budget()).stream()
                .map(RateBudget::snapshot).map(b -> VendorHealth.of(b, failures, now)).toList();
        return home.data("page", "home")
                .data("done", done)
                .data("waiting", inbox.count(InboxStatus.PENDING))
                .data("dead", inbox.count(InboxStatus.DEAD))
                .data("inFlight", dispatcher.inFlight())
                .data("paused", dispatcher.paused())
                .data("chart", RunChart.of(history.perMinute(RunChart.since(now)), now))
                .data("failures", failures.stream().limit(FAILURES_SHOWN).map(Masking::row).toList())
                .data("vendors", vendors)
                .data("quota", quota.usage())
                .data("waitingMembers", members.countDeferred())
                .data("notices", notices.list().stream().limit(NOTICES_SHOWN).toList())
                .data("integrations", integrations.statuses());
    }
}
