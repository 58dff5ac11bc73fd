package org.dvcsconnector.refapp.settings;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PostgresPluginSettingsTest extends PluginSettingsContractTest {

    private static EmbeddedPostgres postgres;
    private static Database db;

    @BeforeAll
    static void start() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        postgres = EmbeddedPostgres.start();
        db = Database.open(postgres.getJdbcUrl("postgres", "postgres"), null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        postgres.close();
    }

    @Override
    DataSource dataSource() {
        return db.dataSource();
    }

    @Test
    void nodesStartingAtOnceOnAFreshDatabaseBothCreateTheStore() throws Exception {
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE fresh_settings");
        }
        List<Database> nodes = new ArrayList<>();
        try {
            List<CompletableFuture<JdbcPluginSettingsStore>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Database node = Database.open(postgres.getJdbcUrl("postgres", "fresh_settings"), null, null);
                nodes.add(node);
                starts.add(CompletableFuture.supplyAsync(() -> new JdbcPluginSettingsStore(node.dataSource())));
            }
            starts.get(0).join().forNamespace("n").put("k", "v");
            for (var start : starts) {
                assertThat(start.join().forNamespace("n").get("k")).contains("v");
            }
        } finally {
            nodes.forEach(Database::close);
        }
    }
}
