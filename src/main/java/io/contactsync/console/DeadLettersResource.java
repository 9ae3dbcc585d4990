package io.contactsync.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.contactsync.inbox.InboxRepository;
import io.contactsync.inbox.InboxStatus;
import io.contactsync.pipeline.RunHistory;
import io.contactsync.pipeline.SyncConfig;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Dead letters: filtered by scenario and error text, each with the vendor's error; replayed one, a selection, or
 * every one the filter selects (the admin API's replay: the events go back to the queue and run with the current
 * routes and mappings), then followed on a progress page until each is done or dead again.
 */
@Path("/console/dead-letters")
@Produces(MediaType.TEXT_HTML)
public class DeadLettersResource {

    private static final int SHOWN = 100;
    /** Events of a replay shown one by one on its progress page; the counts cover all of them. */
    private static final int PROGRESS_ROWS = 100;

    @Inject
    InboxRepository inbox;

    @Inject
    RunHistory history;

    @Inject
    SyncConfig sync;

    @Inject
    ReplayBatches batches;

    @Inject
    CurrentOperator operator;

    @Inject
    @Location("console/dead-letters.html")
    Template list;

    @Inject
    @Location("console/replay.html")
    Template progress;

    @GET
    public TemplateInstance list(@QueryParam("scenario") String scenario, @QueryParam("error") String error) {
        List<Map<String, Object>> dead = inbox.deadLetters(scenario, error, SHOWN + 1);
        long matching = dead.size() > SHOWN ? inbox.deadLetterIds(scenario, error).size() : dead.size();
        return list.data("page", "dead-letters").data("scenario", scenario == null ? "" : scenario)
                .data("error", error == null ? "" : error).data("scenarios", scenarios())
                .data("deadLetters", dead.stream().limit(SHOWN).map(Masking::row).toList())
                .data("matching", matching).data("shown", Math.min(SHOWN, dead.size()))
                .data("total", inbox.count(InboxStatus.DEAD));
    }

    /**
     * {@code only}: replay this one; {@code all}: every dead letter the filter ({@code scenario}, {@code error})
     * selects; otherwise the ticked {@code id}s.
     */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@FormParam("only") Long only, @FormParam("all") String all,
            @FormParam("id") List<Long> ids, @FormParam("scenario") String scenario,
            @FormParam("error") String error) {
        List<Long> chosen = only != null ? List.of(only)
                : all != null ? inbox.deadLetterIds(scenario, error) : ids == null ? List.of() : ids;
        int replayed = inbox.replay(chosen);
        ReplayBatches.Batch batch = batches.add(operator.name(), chosen);
        ConsoleAudit.log(operator.session(), "replayed " + replayed + " dead letter(s): inbox events " + chosen);
        return Response.seeOther(URI.create("/console/dead-letters/replays/" + batch.id())).build();
    }

    @GET
    @Path("/replays/{batch}")
    public TemplateInstance progress(@PathParam("batch") long id) {
        ReplayBatches.Batch batch = batches.find(id).orElseThrow(() -> new NotFoundException("no replay " + id));
        Map<Long, Map<String, Object>> statuses = inbox.statuses(batch.inboxIds());
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("PENDING", 0, "DONE", 0, "DEAD", 0));
        statuses.values().forEach(s -> counts.merge(String.valueOf(s.get("status")), 1, Integer::sum));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Long inboxId : batch.inboxIds().stream().limit(PROGRESS_ROWS).toList()) {
            Map<String, Object> row = new LinkedHashMap<>(statuses.getOrDefault(inboxId, Map.of("id", inboxId,
                    "status", "GONE")));
            row.put("run", history.byInboxEvent(inboxId, 1).stream().findFirst().map(Masking::row).orElse(null));
            rows.add(Masking.row(row));
        }
        return progress.data("page", "dead-letters").data("batch", batch).data("counts", counts).data("rows", rows)
                .data("running", counts.get("PENDING") > 0).data("more", batch.inboxIds().size() - rows.size());
    }

    /** The scenario filter's choices: every scenario route the inbox sources run. */
    private Set<String> scenarios() {
        Set<String> scenarios = new LinkedHashSet<>();
        scenarios.addAll(sync.scenarios().respondio());
        scenarios.addAll(sync.scenarios().hubspot());
        scenarios.addAll(sync.scenarios().hubspotList());
        return scenarios;
    }
}
