package org.dvcsconnector.refapp.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IssueKeyConcurrencyTest {

    static final int THREADS = 8;
    static final int PER_THREAD = 10;

    @Test
    void concurrentCreatorsGetUniqueConsecutiveKeysOnH2() throws Exception {
        assertUniqueConsecutiveKeys(TestTrackers.withFixtures());
    }

    /** Shared with the PostgreSQL test: 8 threads, 10 issues each, released at once. */
    static void assertUniqueConsecutiveKeys(Tracker tracker) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<String>> creator = () -> {
                    start.await();
                    List<String> keys = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        keys.add(tracker.actions().create("alice", "DEMO", "Issue " + thread + "/" + i, null).key());
                    }
                    return keys;
                };
                futures.add(pool.submit(creator));
            }
            start.countDown();
            List<String> keys = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                keys.addAll(future.get());
            }
            List<String> expected = IntStream.rangeClosed(1, THREADS * PER_THREAD).mapToObj(n -> "DEMO-" + n).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(tracker.issues().countByProject("DEMO")).isEqualTo(THREADS * PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }
}
