package io.contactsync.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;

import io.contactsync.pipeline.SyncConfig;

/**
 * The routes the app cannot run without, loaded from {@code sync.routes-dir}: the webhook triggers, the pollers, the
 * scenarios named in {@code sync.scenarios.*} and the routes those call. By convention a route lives in
 * {@code <route id>.camel.yaml}; a few helper routes share the file of the route that calls them.
 */
@ApplicationScoped
public class ScenarioRoutes {

    private static final List<String> TRIGGERS_AND_HELPERS = List.of("respondio-webhook", "hubspot-webhook",
            "hubspot-polling", "hubspot-list-polling", "brevo-quota-resume", "hubspot-to-brevo-map",
            "hubspot-to-brevo-initial-sync", "hubspot-to-respondio-map");

    @Inject
    SyncConfig sync;

    @Inject
    CamelContext camel;

    /** What is wrong, one line per problem, each naming the key and the path; empty when all is well. */
    public List<String> problems() {
        Path dir = Path.of(sync.routesDir()).toAbsolutePath();
        String where = "sync.routes-dir=" + dir + ": ";
        if (!Files.isDirectory(dir)) {
            return List.of(where + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        if (routeFiles(dir) == 0) {
            return List.of(where + "no *.camel.yaml route file in it");
        }
        List<String> problems = new ArrayList<>();
        for (String id : required()) {
            if (camel.getRoute(id) == null) {
                problems.add(where + "route '" + id + "' is missing (expected in " + id + ".camel.yaml or beside the"
                        + " route that calls it)");
            }
        }
        return problems;
    }

    private Set<String> required() {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(sync.scenarios().respondio());
        ids.addAll(sync.scenarios().hubspot());
        ids.addAll(sync.scenarios().hubspotList());
        ids.addAll(TRIGGERS_AND_HELPERS);
        return ids;
    }

    private static long routeFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml") && Files.isRegularFile(f)).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
