package io.contactsync.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The same app on PostgreSQL (the "postgresql" profile's datasource), on a clean contactsync_test database. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.h2.active", "false",
                "quarkus.datasource.pg.active", "true",
                "quarkus.datasource.pg.jdbc.url", "jdbc:postgresql://localhost:5432/contactsync_test",
                "quarkus.datasource.pg.username", "postgres",
                "quarkus.flyway.pg.clean-at-start", "true");
    }
}
