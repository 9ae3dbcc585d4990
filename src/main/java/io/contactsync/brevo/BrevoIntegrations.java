package io.contactsync.brevo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.inbox.InboxEvent;
import io.contactsync.pipeline.ScenarioInstances;
import io.contactsync.client.VendorUnavailableException;
import io.contactsync.webhook.HubSpotWebhookEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * The configured HubSpot list -> Brevo list integrations and their states (R4.1, R4.4). At start-up each takes
 * the state the admin API last set, else its configured one; an active one is validated first and refused with
 * its problems when wrong (the app keeps running). Activation starts an initial full sync.
 */
@ApplicationScoped
public class BrevoIntegrations implements ScenarioInstances {

    public static final String SCENARIO = "hubspot-to-brevo";
    /** Inbox source of list membership changes and quota resumes. */
    public static final String LIST_SOURCE = "hubspot-list";

    private static final Logger LOG = Logger.getLogger(BrevoIntegrations.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    BrevoConfig config;

    @Inject
    IntegrationValidator validator;

    @Inject
    IntegrationStore store;

    @Inject
    BrevoMembers members;

    @Inject
    TaskQuota quota;

    @Inject
    InitialSync initialSync;

    @Inject
    ObjectMapper mapper;

    private final Map<String, Integration> active = new ConcurrentHashMap<>();
    private volatile Thread restorer;

    void start(@Observes StartupEvent event) {
        if (config.integrations().isEmpty()) {
            return;
        }
        restorer = new Thread(this::restoreAll, "brevo-integrations-start");
        restorer.setDaemon(true);
        restorer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (restorer != null) {
            restorer.interrupt();
        }
    }

    /** Status of an integration: state (draft, invalid, active, paused), problems, lists, initial sync. */
    public record Status(String name, String state, List<String> problems, String hubspotListId, Long brevoListId,
            String brevoListName, boolean optInConfirmed, String mapping, Map<String, Object> initialSync) {
    }

    public List<Status> statuses() {
        List<Status> all = new ArrayList<>();
        config.integrations().keySet().stream().sorted().forEach(name -> all.add(status(name)));
        return all;
    }

    public Status status(String name) {
        BrevoConfig.Integration definition = definition(name);
        Optional<IntegrationStore.Stored> stored = store.find(name);
        IntegrationState state = stored.map(IntegrationStore.Stored::state).orElse(IntegrationState.DRAFT);
        List<String> problems = stored.map(IntegrationStore.Stored::problems).orElse(List.of());
        String label = state.label();
        if (state == IntegrationState.ACTIVE && !active.containsKey(name)) {
            label = "starting";
        } else if (state == IntegrationState.ACTIVE && quota.usage().exhausted()) {
            label = "paused";
            problems = List.of("the monthly Brevo task quota is used up (R4.5): changes wait until the limit is raised"
                    + " or the month ends");
        }
        return new Status(name, label, problems, definition.hubspotListId().orElse(null),
                stored.map(IntegrationStore.Stored::brevoListId).orElse(definition.brevoListId().orElse(null)),
                definition.brevoListName().orElse(null),
                definition.optInConfirmed() || stored.map(IntegrationStore.Stored::optInConfirmed).orElse(false),
                definition.mapping(), initialSync.progress(name));
    }

    /**
     * Validates and, when right, activates the integration and starts its initial sync; otherwise it becomes
     * invalid with the problems. {@code optInConfirmed} true confirms R4.2 for this integration.
     */
    public synchronized Status activate(String name, boolean optInConfirmed) {
        BrevoConfig.Integration definition = definition(name);
        boolean optIn = optInConfirmed || definition.optInConfirmed()
                || store.find(name).map(IntegrationStore.Stored::optInConfirmed).orElse(false);
        apply(name, definition, optIn, IntegrationState.ACTIVE.label(), IntegrationState.ACTIVE.label(), true);
        return status(name);
    }

    public synchronized Status deactivate(String name) {
        BrevoConfig.Integration definition = definition(name);
        active.remove(name);
        Optional<IntegrationStore.Stored> stored = store.find(name);
        store.save(new IntegrationStore.Stored(name, IntegrationState.DRAFT, IntegrationState.DRAFT.label(),
                stored.map(IntegrationStore.Stored::optInConfirmed).orElse(definition.optInConfirmed()),
                stored.map(IntegrationStore.Stored::brevoListId).orElse(null), List.of()));
        return status(name);
    }

    /** Runs the initial full sync again (e.g. after the mapping changed). */
    public Status resync(String name) {
        Integration integration = active(name).orElseThrow(
                () -> new IllegalStateException("integration '" + name + "' is not active"));
        initialSync.start(integration);
        return status(name);
    }

    public Optional<Integration> active(String name) {
        return Optional.ofNullable(name == null ? null : active.get(name));
    }

    public Collection<Integration> activeIntegrations() {
        return active.values();
    }

    public boolean isConfigured(String name) {
        return config.integrations().containsKey(name);
    }

    /** The HubSpot properties every active integration's mapping reads. */
    public Set<String> hubspotProperties() {
        Set<String> properties = new LinkedHashSet<>();
        active.values().forEach(i -> properties.addAll(i.mapping().hubspotProperties()));
        return properties;
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    @Override
    public List<String> instancesFor(InboxEvent event) {
        if (active.isEmpty()) {
            return List.of();
        }
        Map<String, Object> payload = parse(event.payload());
        if (LIST_SOURCE.equals(event.source())) {
            String integration = String.valueOf(payload.get("integration"));
            return active.containsKey(integration) ? List.of(integration) : List.of();
        }
        if (!HubSpotWebhookEvents.SOURCE.equals(event.source()) || payload.get("objectId") == null) {
            return List.of();
        }
        return members.integrationsOf(String.valueOf(payload.get("objectId"))).stream()
                .filter(active::containsKey).toList();
    }

    private void restoreAll() {
        Set<String> pending = new LinkedHashSet<>(config.integrations().keySet());
        while (!pending.isEmpty() && !Thread.currentThread().isInterrupted()) {
            for (String name : List.copyOf(pending)) {
                try {
                    restore(name);
                    pending.remove(name);
                } catch (VendorUnavailableException e) {
                    LOG.warnf("Brevo integration %s: cannot check it now (%s); trying again in %s", name,
                            e.getMessage(), config.startRetryInterval());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Brevo integration %s could not be started", name);
                    pending.remove(name);
                }
            }
            if (!pending.isEmpty()) {
                try {
                    Thread.sleep(config.startRetryInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private synchronized void restore(String name) {
        BrevoConfig.Integration definition = definition(name);
        Optional<IntegrationStore.Stored> stored = store.find(name);
        String wanted = stored.map(IntegrationStore.Stored::adminState).orElse(definition.state());
        boolean optIn = definition.optInConfirmed()
                || stored.map(IntegrationStore.Stored::optInConfirmed).orElse(false);
        apply(name, definition, optIn, wanted, null, !initialSync.completed(name));
    }

    /** Brings the integration to the wanted state; {@code adminState} is remembered when not null. */
    private void apply(String name, BrevoConfig.Integration definition, boolean optIn, String wanted,
            String adminState, boolean startInitialSync) {
        IntegrationState target;
        try {
            target = IntegrationState.parse(wanted);
        } catch (IllegalArgumentException e) {
            save(name, IntegrationState.INVALID, adminState, optIn, null,
                    List.of("brevo.integrations." + name + "." + e.getMessage()));
            return;
        }
        if (target != IntegrationState.ACTIVE) {
            active.remove(name);
            save(name, IntegrationState.DRAFT, adminState, optIn, null, List.of());
            return;
        }
        IntegrationValidator.Result result = validator.validate(name, definition, optIn);
        if (!result.problems().isEmpty()) {
            active.remove(name);
            save(name, IntegrationState.INVALID, adminState, optIn, null, result.problems());
            LOG.warnf("Brevo integration %s stays inactive: %s", name, String.join("; ", result.problems()));
            return;
        }
        Integration integration = result.integration();
        save(name, IntegrationState.ACTIVE, adminState, optIn, integration.brevoListId(), List.of());
        active.put(name, integration);
        LOG.infof("Brevo integration %s active: HubSpot list %s -> Brevo list %d", name, integration.hubspotListId(),
                integration.brevoListId());
        if (startInitialSync) {
            initialSync.start(integration);
        }
    }

    private void save(String name, IntegrationState state, String adminState, boolean optIn, Long brevoListId,
            List<String> problems) {
        Optional<IntegrationStore.Stored> stored = store.find(name);
        String keptAdminState = adminState != null ? adminState
                : stored.map(IntegrationStore.Stored::adminState).orElse(null);
        store.save(new IntegrationStore.Stored(name, state, keptAdminState, optIn,
                brevoListId != null ? brevoListId : stored.map(IntegrationStore.Stored::brevoListId).orElse(null),
                problems));
    }

    private BrevoConfig.Integration definition(String name) {
        BrevoConfig.Integration definition = config.integrations().get(name);
        if (definition == null) {
            throw new UnknownIntegrationException(name);
        }
        return definition;
    }

    private Map<String, Object> parse(String payload) {
        try {
            return mapper.readValue(payload, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** Thrown for a name that is not configured under brevo.integrations. */
    public static class UnknownIntegrationException extends RuntimeException {
        public UnknownIntegrationException(String name) {
            super("no Brevo integration named '" + name + "' is configured (brevo.integrations." + name + ".*)");
        }
    }
}
