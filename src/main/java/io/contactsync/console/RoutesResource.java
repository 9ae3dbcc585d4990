package io.contactsync.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;

import io.contactsync.pipeline.SyncConfig;
import io.contactsync.startup.MappingFiles;
import io.contactsync.startup.ScenarioRoutes;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What runs: Camel's routes grouped by the file they were loaded from (kamelet instances under their kamelet),
 * with their state; the mapping folder's files; and the start-up checks of the routes and mappings as they are now.
 */
@jakarta.ws.rs.Path("/console/routes")
@Produces(MediaType.TEXT_HTML)
public class RoutesResource {

    @Inject
    CamelContext camel;

    @Inject
    SyncConfig sync;

    @Inject
    ScenarioRoutes scenarioRoutes;

    @Inject
    MappingFiles mappingFiles;

    @Inject
    @Location("console/routes.html")
    Template routes;

    public record LoadedRoute(String id, String from, String description, String line, String status) {
    }

    public record MappingFile(String name, long bytes, Instant modified) {
    }

    @GET
    public TemplateInstance routes() {
        Map<String, List<LoadedRoute>> byFile = new TreeMap<>();
        camel.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId)).forEach(route -> byFile
                .computeIfAbsent(file(route), f -> new ArrayList<>()).add(loaded(route)));
        List<String> problems = new ArrayList<>(scenarioRoutes.problems());
        problems.addAll(mappingFiles.problems());
        return routes.data("page", "routes").data("byFile", byFile).data("problems", problems)
                .data("routesDir", absolute(sync.routesDir())).data("mappingsDir", absolute(sync.mappingsDir()))
                .data("kameletsDir", absolute(sync.kameletsDir())).data("mappings", mappings());
    }

    private LoadedRoute loaded(Route route) {
        String location = route.getSourceLocationShort();
        String line = location != null && location.contains(":") ? location.substring(location.lastIndexOf(':') + 1)
                : "";
        return new LoadedRoute(route.getRouteId(), route.getEndpoint().getEndpointUri(), route.getDescription(), line,
                String.valueOf(camel.getRouteController().getRouteStatus(route.getRouteId())));
    }

    /** The file a route was loaded from, without the line: "respondio-to-hubspot.camel.yaml". */
    private static String file(Route route) {
        String location = route.getSourceLocationShort();
        if (location == null) {
            return "(no source file)";
        }
        int colon = location.lastIndexOf(':');
        return colon > 0 && location.substring(colon + 1).chars().allMatch(Character::isDigit)
                ? location.substring(0, colon) : location;
    }

    private List<MappingFile> mappings() {
        Path dir = Path.of(sync.mappingsDir());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().map(RoutesResource::mappingFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MappingFile mappingFile(Path file) {
        try {
            return new MappingFile(file.getFileName().toString(), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String absolute(String dir) {
        return Path.of(dir).toAbsolutePath().normalize().toString();
    }
}
