package org.dvcsconnector.refapp.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The scheduler's behaviour, run against each database by a subclass. */
abstract class SchedulerContractTest {

    static final SchedulerOptions FAST = SchedulerOptions.defaults()
            .withPollingInterval(Duration.ofMillis(50))
            .withMissingRunnerDelay(Duration.ofMillis(200))
            .withOnceRetryBackoff(Duration.ofMillis(50));

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A fresh, empty database shared by every node of one test. */
    abstract Database database();

    @BeforeAll
    static void quietLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.github.kagkarlsson")).setLevel(Level.WARN);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private DbSchedulerService node(Database db, String nodeId) {
        DbSchedulerService service = new DbSchedulerService(db.dataSource(), db.kind(), nodeId, FAST);
        toClose.add(service);
        service.start();
        return service;
    }

    private Database newDatabase() {
        Database db = database();
        toClose.add(db);
        return db;
    }

    private static JobConfig once(String runner) {
        return new JobConfig(runner, new JobSchedule.Once(Instant.now()), Map.of("k", "v"));
    }

    private static JobConfig every(String runner, Duration interval) {
        return new JobConfig(runner, new JobSchedule.Interval(interval, Instant.now()), Map.of());
    }

    /**
     * Waits until no row of the jobs matching {@code jobIds} (a LIKE pattern) is left: neither a run (a running job
     * keeps its row until its runner returns) nor a change waiting for one. Rows are all a scheduler runs jobs
     * from, so after this nothing more can run; a test may then assert what did not happen.
     */
    private static void awaitNothingLeft(Database db, String jobIds) throws Exception {
        Await.until("no scheduler row left for " + jobIds, Duration.ofSeconds(20), () -> {
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE ?")) {
                s.setString(1, jobIds);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 0;
                }
            }
        });
    }

    @Test
    void onceJobRunsOnceWithItsParameters() throws Exception {
        Database db = newDatabase();
        DbSchedulerService node = node(db, "a");
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        node.registerJobRunner("r", (jobId, params) -> seen.add(params));

        node.scheduleJob("job-1", once("r"));

        Await.until(Duration.ofSeconds(20), () -> seen.size() == 1);
        // The job's row goes after its runner returns; then no second run may follow.
        awaitNothingLeft(db, "job-1");
        assertThat(seen).containsExactly(Map.of("k", "v"));
    }

    @Test
    void intervalJobRunsRepeatedlyAndUnscheduleStopsIt() throws Exception {
        Database db = newDatabase();
        DbSchedulerService node = node(db, "a");
        AtomicInteger runs = new AtomicInteger();
        node.registerJobRunner("r", (jobId, params) -> runs.incrementAndGet());

        node.scheduleJob("tick", every("r", Duration.ofMillis(100)));
        Await.until(Duration.ofSeconds(20), () -> runs.get() >= 3);
        assertThat(node.nextRunTime("tick")).isPresent();

        node.unscheduleJob("tick");
        Await.until(Duration.ofSeconds(20), () -> node.nextRunTime("tick").isEmpty());
        int after = runs.get();
        awaitNothingLeft(db, "tick"); // the run in flight, if any, is over
        assertThat(runs.get()).isLessThanOrEqualTo(after + 1); // at most the run that was in flight
        assertThat(node.nextRunTime("tick")).isEmpty();
    }

    @Test
    void schedulingAgainReplacesScheduleAndParameters() throws Exception {
        Database db = newDatabase();
        DbSchedulerService node = node(db, "a");
        List<String> seen = new CopyOnWriteArrayList<>();
        node.registerJobRunner("r", (jobId, params) -> seen.add(params.get("v")));
        Instant far = Instant.now().plus(Duration.ofHours(1));

        node.scheduleJob("job", new JobConfig("r", new JobSchedule.Once(far), Map.of("v", "old")));
        assertThat(node.nextRunTime("job")).contains(far.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        node.scheduleJob("job", new JobConfig("r", JobSchedule.now(), Map.of("v", "new")));

        Await.until(Duration.ofSeconds(20), () -> !seen.isEmpty());
        awaitNothingLeft(db, "job"); // the old schedule's run is gone too
        assertThat(seen).containsExactly("new");
    }

    @Test
    void failingIntervalJobKeepsRunning() throws Exception {
        DbSchedulerService node = node(newDatabase(), "a");
        AtomicInteger runs = new AtomicInteger();
        node.registerJobRunner("r", (jobId, params) -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        node.scheduleJob("tick", every("r", Duration.ofMillis(50)));
        Await.until(Duration.ofSeconds(20), () -> runs.get() >= 3);
        assertThat(node.nextRunTime("tick")).isPresent();
    }

    @Test
    void failingOnceJobIsRetriedABoundedNumberOfTimesThenDropped() throws Exception {
        Database db = newDatabase();
        DbSchedulerService node = node(db, "a");
        AtomicInteger runs = new AtomicInteger();
        node.registerJobRunner("r", (jobId, params) -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        node.scheduleJob("once", once("r"));
        // 1 run + onceMaxRetries retries (backoff 50, 100, 200 ms)
        int expected = 1 + FAST.onceMaxRetries();
        Await.until(Duration.ofSeconds(20), () -> runs.get() >= expected);
        awaitNothingLeft(db, "once"); // dropped: no further retry can come
        assertThat(runs.get()).isEqualTo(expected);
    }

    @Test
    void twoNodesRunEachOnceJobExactlyOnce() throws Exception {
        Database db = newDatabase();
        DbSchedulerService a = node(db, "node-a");
        DbSchedulerService b = node(db, "node-b");
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        a.registerJobRunner("r", (jobId, p) -> counts.computeIfAbsent(jobId, k -> new AtomicInteger()).incrementAndGet());
        b.registerJobRunner("r", (jobId, p) -> counts.computeIfAbsent(jobId, k -> new AtomicInteger()).incrementAndGet());

        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? a : b).scheduleJob("job-" + i, once("r"));
        }

        Await.until(Duration.ofSeconds(20), () -> counts.size() == 30);
        awaitNothingLeft(db, "job-%");
        assertThat(counts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    }

    @Test
    void twoNodesNeverOverlapRunsOfAnIntervalJob() throws Exception {
        Database db = newDatabase();
        DbSchedulerService a = node(db, "node-a");
        DbSchedulerService b = node(db, "node-b");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        for (var entry : Map.of("a", a, "b", b).entrySet()) {
            entry.getValue().registerJobRunner("r", (jobId, p) -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                Thread.sleep(30);
                running.decrementAndGet();
                runs.incrementAndGet();
            });
        }

        a.scheduleJob("tick", every("r", Duration.ofMillis(20)));

        Await.until(Duration.ofSeconds(20), () -> runs.get() >= 15);
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void jobRunsOnTheNodeThatHasItsRunner() throws Exception {
        Database db = newDatabase();
        DbSchedulerService a = node(db, "node-a");
        DbSchedulerService b = node(db, "node-b");
        List<String> ranOn = new CopyOnWriteArrayList<>();
        b.registerJobRunner("only-b", (jobId, p) -> ranOn.add("b"));

        a.scheduleJob("job", once("only-b"));

        Await.until(Duration.ofSeconds(20), () -> !ranOn.isEmpty());
        assertThat(ranOn).containsExactly("b");
    }

    @Test
    void jobWaitsForARunnerThatIsRegisteredLater() throws Exception {
        DbSchedulerService node = node(newDatabase(), "a");
        node.scheduleJob("job", once("late"));
        AtomicInteger runs = new AtomicInteger();
        // Each time the scheduler finds no runner it puts the job off: twice put off is proof of polls that kept it.
        Instant first = node.nextRunTime("job").orElseThrow();
        Instant putOff = awaitPutOffBeyond(node, "job", first);
        awaitPutOffBeyond(node, "job", putOff);

        node.registerJobRunner("late", (jobId, p) -> runs.incrementAndGet());

        Await.until(Duration.ofSeconds(20), () -> runs.get() == 1);
    }

    /** The job's next run once it is later than {@code than}; fails if the job is dropped instead. */
    private static Instant awaitPutOffBeyond(DbSchedulerService node, String jobId, Instant than) throws Exception {
        Await.until(jobId + " put off beyond " + than, Duration.ofSeconds(20), () -> nextRun(node, jobId).isAfter(than));
        return nextRun(node, jobId);
    }

    private static Instant nextRun(DbSchedulerService node, String jobId) {
        return node.nextRunTime(jobId).orElseThrow(() -> new AssertionError(jobId + " was dropped"));
    }

    @Test
    void aJobReschedulingItselfWhileRequestsPourInAlwaysRunsAgain() throws Exception {
        // The pattern of a sync that finds its repository busy: it re-queues itself from inside its own run and
        // finishes its bookkeeping, while other threads keep asking for it. No re-queue may be lost, whatever the
        // interleaving. (A caller's change used to cancel a re-queue stored just after it; the pause widens that window.)
        DbSchedulerService node = node(newDatabase(), "a");
        AtomicInteger busyRunsLeft = new AtomicInteger(Integer.MAX_VALUE);
        java.util.concurrent.atomic.AtomicLong lastBusyRun = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong lastFreeRun = new java.util.concurrent.atomic.AtomicLong();
        node.registerJobRunner("sync", (jobId, p) -> {
            if (busyRunsLeft.getAndDecrement() > 0) {
                lastBusyRun.set(System.nanoTime());
                node.scheduleJob("job", new JobConfig("sync", new JobSchedule.Once(Instant.now().plusMillis(30)), Map.of()));
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 12));
            } else {
                lastFreeRun.set(System.nanoTime());
            }
        });
        for (int round = 0; round < 5; round++) {
            busyRunsLeft.set(Integer.MAX_VALUE);
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            while (System.nanoTime() < until) {
                node.scheduleJob("job", once("sync"));
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 8));
            }
            busyRunsLeft.set(2); // two more busy runs, each re-queuing itself, then a free one
            Await.until(Duration.ofSeconds(20), () -> lastFreeRun.get() > lastBusyRun.get() && busyRunsLeft.get() < 0);
        }
    }

    @Test
    void unscheduleWhileRunningStopsTheJobAfterThatRun() throws Exception {
        Database db = newDatabase();
        DbSchedulerService node = node(db, "a");
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        node.registerJobRunner("slow", (jobId, p) -> {
            runs.incrementAndGet();
            started.countDown();
            Thread.sleep(300);
        });
        node.scheduleJob("job", every("slow", Duration.ofMillis(10)));
        started.await();

        node.unscheduleJob("job"); // the job is executing: applied when the run ends

        Await.until(Duration.ofSeconds(20), () -> node.nextRunTime("job").isEmpty());
        int after = runs.get();
        awaitNothingLeft(db, "job"); // the run in flight ended and the change was applied
        assertThat(runs.get()).isEqualTo(after);
        assertThat(node.nextRunTime("job")).isEmpty();
    }

    @Test
    void changesMadeWhileTheJobRunsApplyInTheOrderTheyWereMade() throws Exception {
        Database db = newDatabase();
        DbSchedulerService node = node(db, "a");
        List<String> ranWith = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        node.registerJobRunner("r", (jobId, p) -> {
            ranWith.add(p.get("n"));
            started.countDown();
            release.await();
        });
        node.scheduleJob("job", new JobConfig("r", JobSchedule.now(), Map.of("n", "1")));
        started.await();

        node.unscheduleJob("job");
        node.scheduleJob("job", new JobConfig("r", JobSchedule.now(), Map.of("n", "2")));
        node.unscheduleJob("job");
        node.scheduleJob("job", new JobConfig("r", JobSchedule.now(), Map.of("n", "3")));
        release.countDown();

        Await.until(Duration.ofSeconds(20), () -> ranWith.size() == 2);
        assertThat(ranWith).containsExactly("1", "3");
        awaitNothingLeft(db, "job"); // no change is left that could bring it back
        assertThat(ranWith).containsExactly("1", "3");
    }

    @Test
    void nextRunTimeIsTheFirstRunOfAFutureIntervalJob() throws Exception {
        DbSchedulerService node = node(newDatabase(), "a");
        Instant first = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        node.scheduleJob("later", new JobConfig("r", new JobSchedule.Interval(Duration.ofMinutes(1), first), Map.of()));
        assertThat(node.nextRunTime("later")).contains(first);
        assertThat(node.nextRunTime("unknown")).isEmpty();
        node.unscheduleJob("unknown"); // nothing to remove: no error
    }

    @Test
    void aServiceThatWasNeverStartedClosesCleanly() {
        Database db = newDatabase();
        new DbSchedulerService(db.dataSource(), db.kind(), "idle", FAST).close();
    }

    static String uniqueName() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
