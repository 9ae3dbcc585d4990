package io.contactsync.store;

import java.sql.Connection;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The state store: the embedded H2 file database by default, PostgreSQL when the "postgresql" profile
 * activates that datasource. Both are named datasources of one build; exactly one is active.
 */
@ApplicationScoped
public class Database {

    @Inject
    @DataSource("h2")
    InjectableInstance<AgroalDataSource> h2;

    @Inject
    @DataSource("pg")
    InjectableInstance<AgroalDataSource> postgresql;

    @ConfigProperty(name = "quarkus.datasource.pg.active", defaultValue = "false")
    boolean postgresqlActive;

    private volatile AgroalDataSource active;

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * True on the embedded H2 file, which one process at a time can open: this process is the only replica, so it
     * may cache what it wrote and needs no coordination with others.
     */
    public boolean embedded() {
        return !postgresqlActive;
    }

    private AgroalDataSource dataSource() {
        AgroalDataSource ds = active;
        if (ds == null) {
            ds = postgresqlActive ? postgresql.get() : h2.get();
            active = ds;
        }
        return ds;
    }
}
