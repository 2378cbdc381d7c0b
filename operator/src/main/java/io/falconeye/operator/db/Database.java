package io.falconeye.operator.db;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL connection: the reactive pool for queries and Flyway (over JDBC) for the schema.
 * Migrations do not run at start (a database outage must not keep the operator from starting);
 * the mirror runs them as soon as the database answers.
 */
@ApplicationScoped
public class Database {

    private final Pool pool;
    private final Instance<Flyway> flyway;
    private final AtomicBoolean migrated = new AtomicBoolean();

    public Database(Pool pool, Instance<Flyway> flyway) {
        this.pool = pool;
        this.flyway = flyway;
    }

    public Pool pool() {
        return pool;
    }

    /** Brings the schema up to date once per process; throws while the database is unreachable. */
    public void ensureMigrated() {
        if (migrated.get()) {
            return;
        }
        synchronized (this) {
            if (!migrated.get()) {
                flyway.get().migrate();
                migrated.set(true);
            }
        }
    }

    public boolean isMigrated() {
        return migrated.get();
    }
}
