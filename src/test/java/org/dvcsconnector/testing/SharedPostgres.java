package org.dvcsconnector.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.UUID;

/**
 * One embedded PostgreSQL per test JVM, started when first needed and stopped when the JVM ends, and a new database of
 * its own for each test that asks: tests on PostgreSQL without a server start (seconds) each.
 */
public final class SharedPostgres {

    private static EmbeddedPostgres postgres;

    private SharedPostgres() {}

    /** The JDBC URL (user and password {@code postgres}) of a new, empty database. */
    public static synchronized String newDatabase() throws Exception {
        if (postgres == null) {
            EmbeddedPostgres started = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (java.io.IOException e) {
                    // the JVM is ending: the server's directory goes with the temporary files
                }
            }));
            postgres = started;
        }
        String db = "q" + UUID.randomUUID().toString().replace("-", "");
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return postgres.getJdbcUrl("postgres", db);
    }
}
