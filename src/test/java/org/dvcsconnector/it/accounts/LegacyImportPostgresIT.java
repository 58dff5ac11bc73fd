package org.dvcsconnector.it.accounts;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import org.dvcsconnector.testing.LegacyTables;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The legacy import on PostgreSQL, where ActiveObjects' quoted upper-case identifiers are case-sensitive:
 * the legacy tables are made in the database before the refapp first starts.
 */
class LegacyImportPostgresIT extends LegacyImportScenario {

    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static final RefappServer server = RefappServer.demo().args("--sim-port", "0")
            .database(() -> jdbcUrl, "postgres", "postgres");

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            LegacyTables.createIfMissing(c);
        }
        server.start("legacy-pg");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Override
    RefappServer server() {
        return server;
    }

    @Override
    Connection database() throws Exception {
        return postgres.getPostgresDatabase().getConnection();
    }
}
