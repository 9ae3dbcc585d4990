package io.contactsync.startup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points Camel at the routes folder ({@code sync.routes-dir}) by its real path: Camel's file scan does not descend into
 * a folder given as a symbolic link (a common deployment layout), so {@code routes -> /srv/routes} would load nothing.
 * An explicit {@code camel.main.routes-include-pattern} (e.g. from the environment) still wins.
 */
public class RoutesIncludePattern implements ConfigSourceFactory {

    static final String KEY = "camel.main.routes-include-pattern";
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue routesDir = context.getValue("sync.routes-dir");
        String dir = routesDir == null || routesDir.getValue() == null ? "routes" : routesDir.getValue();
        try {
            String pattern = "file:" + Path.of(dir).toRealPath() + "/*.camel.yaml";
            return List.of(new PropertiesConfigSource(Map.of(KEY, pattern), "contact-sync routes folder", ORDINAL));
        } catch (IOException e) {
            // no such folder: nothing is loaded, and the start-up check (ScenarioRoutes) names the key and the path
            return List.of();
        }
    }
}
