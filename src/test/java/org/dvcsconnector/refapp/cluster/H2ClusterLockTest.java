package org.dvcsconnector.refapp.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.testing.Threads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On H2 (one node) a cluster lock is an in-process reentrant lock. */
class H2ClusterLockTest {

    private static Database db;
    private static DatabaseClusterLockService service;

    @BeforeAll
    static void open() {
        db = Database.open("jdbc:h2:mem:locks" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        service = new DatabaseClusterLockService(db.dataSource(), db.kind());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void otherThreadsWaitUntilTheOwnerReleases() throws Exception {
        ClusterLock lock = service.getLockForName("h2-a");
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.tryLock()).isTrue(); // reentrant

        assertThat(CompletableFuture.supplyAsync(lock::tryLock).get()).isFalse();
        CompletableFuture<Thread> waiterThread = new CompletableFuture<>();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            waiterThread.complete(Thread.currentThread());
            try {
                boolean got = lock.tryLock(5, TimeUnit.SECONDS);
                lock.unlock();
                return got;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Threads.awaitWaitingIn(waiterThread.get(), LocalClusterLock.class); // queued: it parks only when refused
        lock.unlock();
        // Releasing one of two holds would have handed the lock over within unlock(): we would no longer hold it.
        assertThat(lock.isHeldByCurrentThread()).as("still one hold").isTrue();
        assertThat(waiter).isNotDone();
        lock.unlock();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unlockByANonOwnerIsRefused() {
        ClusterLock lock = service.getLockForName("h2-b");
        assertThat(lock.tryLock()).isTrue();
        assertThatThrownBy(() -> CompletableFuture.runAsync(lock::unlock).join())
                .hasCauseInstanceOf(IllegalMonitorStateException.class);
        lock.unlock();
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void namesAreIndependentAndStable() {
        assertThat(service.getLockForName("x")).isSameAs(service.getLockForName("x"));
        ClusterLock x = service.getLockForName("x");
        ClusterLock y = service.getLockForName("y");
        assertThat(x.tryLock()).isTrue();
        assertThat(CompletableFuture.supplyAsync(y::tryLock).join()).isTrue();
        x.unlock();
        assertThatThrownBy(() -> service.getLockForName(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
