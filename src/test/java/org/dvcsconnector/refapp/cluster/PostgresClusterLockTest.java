package org.dvcsconnector.refapp.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.testing.Threads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Two "nodes" (two services, two connection pools) on one PostgreSQL. */
class PostgresClusterLockTest {

    private static EmbeddedPostgres postgres;
    private Database dbA;
    private Database dbB;
    private DatabaseClusterLockService nodeA;
    private DatabaseClusterLockService nodeB;

    @BeforeAll
    static void startPostgres() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void nodes() {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        dbA = Database.open(url, null, null);
        dbB = Database.open(url, null, null);
        nodeA = new DatabaseClusterLockService(dbA.dataSource(), dbA.kind());
        nodeB = new DatabaseClusterLockService(dbB.dataSource(), dbB.kind());
    }

    @AfterEach
    void closePools() {
        dbA.close();
        dbB.close();
    }

    private static String name() {
        return "lock-" + UUID.randomUUID();
    }

    @Test
    void onlyOneNodeGetsTheLockUntilItIsReleased() throws Exception {
        String name = name();
        ClusterLock a = nodeA.getLockForName(name);
        ClusterLock b = nodeB.getLockForName(name);

        assertThat(a.tryLock()).isTrue();
        assertThat(b.tryLock()).isFalse();
        assertThat(b.tryLock(150, TimeUnit.MILLISECONDS)).isFalse();

        a.unlock();
        assertThat(b.tryLock()).isTrue();
        assertThat(a.tryLock()).isFalse();
        b.unlock();
    }

    @Test
    void waitingNodeGetsTheLockWhenTheHolderReleasesIt() throws Exception {
        String name = name();
        ClusterLock a = nodeA.getLockForName(name);
        assertThat(a.tryLock()).isTrue();

        CompletableFuture<Thread> waiterThread = new CompletableFuture<>();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            waiterThread.complete(Thread.currentThread());
            try {
                ClusterLock b = nodeB.getLockForName(name);
                boolean got = b.tryLock(5, TimeUnit.SECONDS);
                if (got) {
                    b.unlock();
                }
                return got;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The waiting node sleeps between tries only after PostgreSQL refused one: a try has been made and refused.
        Threads.awaitWaitingIn(waiterThread.get(), PostgresAdvisoryLock.class);
        assertThat(waiter).isNotDone();
        a.unlock();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void reentrantForTheOwnerAndRefusedToOtherThreads() throws Exception {
        ClusterLock a = nodeA.getLockForName(name());
        assertThat(a.tryLock()).isTrue();
        assertThat(a.tryLock()).isTrue();
        assertThat(a.isHeldByCurrentThread()).isTrue();

        assertThat(CompletableFuture.supplyAsync(a::tryLock).get()).isFalse();
        assertThat(CompletableFuture.supplyAsync(a::isHeldByCurrentThread).get()).isFalse();
        CompletableFuture<Void> foreignUnlock = CompletableFuture.runAsync(a::unlock);
        assertThatThrownBy(foreignUnlock::join).hasCauseInstanceOf(IllegalMonitorStateException.class);

        a.unlock();
        assertThat(a.isHeldByCurrentThread()).isTrue(); // one hold left
        a.unlock();
        assertThat(a.isHeldByCurrentThread()).isFalse();
        assertThatThrownBy(a::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void sameNameIsTheSameLockOnANodeAndDifferentNamesDoNotContend() {
        String name = name();
        assertThat(nodeA.getLockForName(name)).isSameAs(nodeA.getLockForName(name));
        ClusterLock a = nodeA.getLockForName(name);
        ClusterLock other = nodeB.getLockForName(name());
        assertThat(a.tryLock()).isTrue();
        assertThat(other.tryLock()).isTrue();
        a.unlock();
        other.unlock();
    }

    @Test
    void aDeadHolderConnectionFreesTheLock() throws Exception {
        String name = name();
        ClusterLock a = nodeA.getLockForName(name);
        ClusterLock b = nodeB.getLockForName(name);
        assertThat(a.tryLock()).isTrue();

        terminateBackendsHoldingAdvisoryLock(PostgresAdvisoryLock.keyOf(name)); // node A "crashes"

        assertThat(b.tryLock(5, TimeUnit.SECONDS)).isTrue();
        a.unlock(); // the lost lock is cleaned up locally, without error
        assertThat(a.isHeldByCurrentThread()).isFalse();
        assertThat(a.tryLock()).isFalse(); // B really holds it
        b.unlock();
        assertThat(a.tryLock()).isTrue();
        a.unlock();
    }

    private static void terminateBackendsHoldingAdvisoryLock(long key) throws Exception {
        // An advisory lock on a bigint shows in pg_locks as classid = high 32 bits, objid = low 32 bits.
        String sql = "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND classid::bigint = " + (key >>> 32) + " AND objid::bigint = " + (key & 0xFFFFFFFFL);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a backend held the lock").isTrue();
        }
    }
}
