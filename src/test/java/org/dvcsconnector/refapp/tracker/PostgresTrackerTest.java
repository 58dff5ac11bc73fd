package org.dvcsconnector.refapp.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema and the stores on a real PostgreSQL 16 (embedded; one server for the class, a database per test). */
class PostgresTrackerTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static DataSource freshDatabase() throws Exception {
        String name = "tracker" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    private static Tracker open(DataSource dataSource) {
        return Tracker.open(dataSource, DatabaseKind.POSTGRES, new PasswordHasher(TestTrackers.TEST_ITERATIONS),
                Clock.systemUTC());
    }

    @Test
    void nodesStartingTogetherBothCreateTheSchemaSafely() throws Exception {
        DataSource dataSource = freshDatabase();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Tracker>> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(pool.submit(() -> {
                    start.await();
                    return open(dataSource);
                }));
            }
            start.countDown();
            for (Future<Tracker> node : nodes) {
                assertThat(node.get().users().count()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        open(dataSource); // and again, on a schema that exists
    }

    @Test
    void storesAndServicesWorkOnPostgres() throws Exception {
        Tracker tracker = open(freshDatabase());
        tracker.users().create("Alice", "Alice Anders", "Alice@Example.com", "alice", false);
        tracker.users().create("admin", "Administrator", "admin@example.com", "admin", true);
        tracker.projects().create("DEMO", "Demo project", BrowsePermission.USERS);
        tracker.projects().create("OPS", "Operations", BrowsePermission.ADMINS);

        assertThat(tracker.users().authenticate("alice", "alice")).contains("Alice");
        assertThat(tracker.users().authenticate("alice", "wrong")).isEmpty();
        assertThat(tracker.userManager().findUsersByEmail("alice@example.COM")).hasSize(1);

        Issue issue = tracker.actions().create("alice", "DEMO", "Works on PostgreSQL", "d".repeat(32_768));
        tracker.actions().create("admin", "OPS", "Hidden", null);
        Instant created = Instant.parse("2024-02-29T23:59:59.999Z");
        tracker.issueService().addComment("alice", issue.key(), "A comment", created);
        tracker.issueService().logWork("alice", issue.key(), Duration.ofHours(2), null, created);
        tracker.issueService().transition("alice", issue.key(), "11", null);

        IssueDetails details = tracker.actions().details("alice", "DEMO-1").orElseThrow();
        assertThat(details.issue().status()).isEqualTo("In Progress");
        assertThat(details.issue().id()).isGreaterThanOrEqualTo(10_000);
        assertThat(details.issue().description()).hasSize(32_768);
        assertThat(details.comments()).singleElement().satisfies(c -> assertThat(c.created()).isEqualTo(created));
        assertThat(details.worklogs()).singleElement().satisfies(w -> assertThat(w.timeSpentSeconds()).isEqualTo(7200));
        tracker.timeTracking().update(BigDecimal.valueOf(7), BigDecimal.valueOf(5));
        tracker.timeTracking().update(BigDecimal.valueOf(6), BigDecimal.valueOf(4));
        assertThat(tracker.timeTracking().seconds(1, 'w')).isEqualTo(24 * 3600);
        assertThat(tracker.permissionService().canBrowseIssue("alice", "OPS-1")).isFalse();
        assertThat(tracker.permissionService().canBrowseIssue("admin", "OPS-1")).isTrue();
        assertThat(tracker.issueService().getAllProjectKeys()).containsExactly("DEMO", "OPS");
    }

    @Test
    void concurrentCreatorsGetUniqueConsecutiveKeysOnPostgres() throws Exception {
        Tracker tracker = open(freshDatabase());
        tracker.users().create("alice", "Alice Anders", "alice@example.com", "alice", false);
        tracker.projects().create("DEMO", "Demo project", BrowsePermission.USERS);

        IssueKeyConcurrencyTest.assertUniqueConsecutiveKeys(tracker);
    }
}
