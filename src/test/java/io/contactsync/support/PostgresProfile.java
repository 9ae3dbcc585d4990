package io.contactsync.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The same app on PostgreSQL (the "postgresql" profile's datasource), on a clean contactsync_test database
 * (CONTACTSYNC_TEST_DB names another, e.g. for two checkouts testing at once).
 */
public class PostgresProfile implements QuarkusTestProfile {

    public static final String DATABASE = System.getenv().getOrDefault("CONTACTSYNC_TEST_DB", "contactsync_test");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.h2.active", "false",
                "quarkus.datasource.pg.active", "true",
                "quarkus.datasource.pg.jdbc.url", "jdbc:postgresql://localhost:5432/" + DATABASE,
                "quarkus.datasource.pg.username", "postgres",
                "quarkus.flyway.pg.clean-at-start", "true");
    }
}
