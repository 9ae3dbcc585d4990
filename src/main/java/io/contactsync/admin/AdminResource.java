package io.contactsync.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.contactsync.cluster.Leases;
import io.contactsync.eventlog.EventLogAdmin;
import io.contactsync.eventlog.EventLogConsumer;
import io.contactsync.inbox.InboxBackend;
import io.contactsync.inbox.InboxRepository;
import io.contactsync.pipeline.InboxDispatcher;
import io.contactsync.pipeline.RunHistory;
import io.contactsync.pipeline.SyncConfig;
import io.contactsync.sync.MergeCandidates;
import io.contactsync.client.RateBudget;
import io.contactsync.client.RateBudgets;
import io.contactsync.webhook.ContactIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;

/** Operations: run history, dead letters and replay, merge candidates, inbox and rate budgets. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "adminToken")
public class AdminResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    RunHistory history;

    @Inject
    InboxRepository inbox;

    @Inject
    InboxDispatcher dispatcher;

    @Inject
    Leases leases;

    @Inject
    SyncConfig sync;

    @Inject
    EventLogConsumer eventLog;

    @Inject
    EventLogAdmin eventLogAdmin;

    @Inject
    MergeCandidates mergeCandidates;

    @Inject
    RateBudgets budgets;

    public record ReplayRequest(List<Long> ids, Boolean all) {
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Sync runs, newest first: by contact email, by inbox event, or all")
    public List<Map<String, Object>> runs(@QueryParam("email") String email, @QueryParam("inboxId") Long inboxId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        int n = checkedLimit(limit);
        if (email != null) {
            String normalised = ContactIdentity.email(email);
            if (!ContactIdentity.isValidEmail(normalised)) {
                throw new BadRequestException("query parameter 'email' is not a valid email address");
            }
            return history.byEmail(normalised, n);
        }
        return inboxId != null ? history.byInboxEvent(inboxId, n) : history.recent(n);
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "Events whose sync failed after every retry")
    public List<Map<String, Object>> deadLetters(@QueryParam("limit") @DefaultValue("100") int limit) {
        return inbox.deadLetters(checkedLimit(limit));
    }

    @POST
    @Path("/dead-letters/{id}/replay")
    @Operation(summary = "Run one dead letter again, with the current routes and mappings")
    public Map<String, Object> replay(@PathParam("id") long id) {
        if (inbox.replay(List.of(id)) == 0) {
            throw new NotFoundException("no dead letter with id " + id);
        }
        return Map.of("replayed", 1);
    }

    @POST
    @Path("/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run several dead letters again: {\"ids\": [..]} or {\"all\": true}")
    public Map<String, Object> replayMany(ReplayRequest request) {
        if (request == null || (request.ids() == null && !Boolean.TRUE.equals(request.all()))) {
            throw new BadRequestException("body must be {\"ids\": [inbox event ids]} or {\"all\": true}");
        }
        int replayed = Boolean.TRUE.equals(request.all()) ? inbox.replayAllDead() : inbox.replay(request.ids());
        return Map.of("replayed", replayed);
    }

    @GET
    @Path("/merge-candidates")
    @Operation(summary = "respond.io contacts created beside a contact with the same phone and no email (R1.3)")
    public List<Map<String, Object>> mergeCandidates(@QueryParam("limit") @DefaultValue("100") int limit) {
        return mergeCandidates.list(checkedLimit(limit));
    }

    @GET
    @Path("/inbox")
    @Operation(summary = "Inbox events by status, how many are being processed, whether dispatch is paused, and with"
            + " Kafka as the event log how many logged events are not recorded as run yet (logLag)")
    public Map<String, Object> inbox() {
        Map<String, Object> body = new LinkedHashMap<>(inbox.countsByStatus());
        body.put("inFlight", dispatcher.inFlight());
        body.put("paused", dispatcher.paused());
        if (sync.inbox() == InboxBackend.KAFKA) {
            body.put("logLag", logLag());
        }
        return body;
    }

    @GET
    @Path("/replica")
    @Operation(summary = "This replica: its id, the inbox shards it dispatches, whether it runs the pollers, and with"
            + " Kafka as the event log the partitions it consumes")
    public Map<String, Object> replica() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replica", leases.replicaId());
        body.put("shards", new TreeSet<>(leases.shards()));
        body.put("pollers", leases.holdsSingletons());
        body.put("inbox", sync.inbox().name().toLowerCase(Locale.ROOT));
        if (sync.inbox() == InboxBackend.KAFKA) {
            body.put("partitions", eventLog.partitions());
        }
        return body;
    }

    @POST
    @Path("/dispatch/pause")
    @Operation(summary = "Stop applying inbox events (e.g. while a vendor is down); webhooks are still accepted and"
            + " kept, events in flight finish. This replica, until resumed or restarted")
    public Map<String, Object> pauseDispatch() {
        dispatcher.pause();
        return inbox();
    }

    @POST
    @Path("/dispatch/resume")
    @Operation(summary = "Apply inbox events again, the waiting ones first, in order")
    public Map<String, Object> resumeDispatch() {
        dispatcher.resume();
        return inbox();
    }

    @GET
    @Path("/rate-budgets")
    @Operation(summary = "Each vendor account's request budget: configured and learned limit, window, calls in the"
            + " window, remaining, daily cap and use, pause after a 429 and why, 429s seen")
    public List<RateBudget.Snapshot> rateBudgets() {
        return budgets.all().stream().map(RateBudget::snapshot).toList();
    }

    /** Events in the Kafka log not yet recorded as run; null when the broker does not answer. */
    private Long logLag() {
        try {
            return eventLogAdmin.lag();
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("query parameter 'limit' must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
