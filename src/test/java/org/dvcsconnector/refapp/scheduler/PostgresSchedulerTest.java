package org.dvcsconnector.refapp.scheduler;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.refapp.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One PostgreSQL server for the class; each test gets its own database in it. */
class PostgresSchedulerTest extends SchedulerContractTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void nodesStartingAtOnceOnAFreshDatabaseAllCreateTheTable() throws Exception {
        Database db = database();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DbSchedulerService>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String node = "node-" + i;
                starts.add(pool.submit(() -> new DbSchedulerService(db.dataSource(), db.kind(), node, FAST)));
            }
            for (Future<DbSchedulerService> start : starts) {
                start.get(20, TimeUnit.SECONDS).close();
            }
        } finally {
            pool.shutdownNow();
            db.close();
        }
    }

    @Override
    Database database() {
        String name = "t" + uniqueName();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Database.open(postgres.getJdbcUrl("postgres", name), null, null);
    }
}
