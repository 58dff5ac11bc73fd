package org.dvcsconnector.sync;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobRunner;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.testing.MutableClock;

/**
 * A scheduler whose jobs run one at a time on the caller's thread, in the order of their times (then of their
 * scheduling), on a simulated clock: when no job is due, the clock jumps to the next one. One job per id, as the
 * host's scheduler: scheduling an id again replaces it. Hours of budget pauses pass in milliseconds.
 *
 * <p>Kept to the {@link SchedulerService} contract only, so that {@code bench/newest-first.sh} can run the same
 * benchmark against an older checkout.
 */
final class SimulatedScheduler implements SchedulerService {

    private record Job(String id, JobConfig config, Instant at, long order) {}

    private static final int MAX_RUNS = 20_000;

    private final MutableClock clock;
    private final Map<String, JobRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private long order;
    private int runs;

    SimulatedScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void registerJobRunner(String runnerKey, JobRunner runner) {
        runners.put(runnerKey, runner);
    }

    @Override
    public void unregisterJobRunner(String runnerKey) {
        runners.remove(runnerKey);
    }

    @Override
    public synchronized void scheduleJob(String jobId, JobConfig config) {
        Instant at = config.schedule() instanceof JobSchedule.Once once ? once.at()
                : ((JobSchedule.Interval) config.schedule()).firstRun();
        jobs.put(jobId, new Job(jobId, config, at, order++));
    }

    @Override
    public synchronized void unscheduleJob(String jobId) {
        jobs.remove(jobId);
    }

    @Override
    public synchronized Optional<Instant> nextRunTime(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(Job::at);
    }

    /**
     * Runs jobs (those with a registered runner) until {@code done} says so, none is left, or the next would run after
     * {@code deadline}; {@code afterEach} is called after every run. Returns whether {@code done} was reached.
     */
    boolean runUntil(BooleanSupplier done, Instant deadline, Runnable afterEach) {
        while (!done.getAsBoolean()) {
            if (runs >= MAX_RUNS) {
                throw new IllegalStateException(runs + " job runs and still not done: jobs that never settle?");
            }
            Job next;
            synchronized (this) {
                next = jobs.values().stream().filter(j -> runners.containsKey(j.config().runnerKey()))
                        .min(Comparator.comparing(Job::at).thenComparingLong(Job::order)).orElse(null);
                if (next == null || next.at().isAfter(deadline)) {
                    return false;
                }
                jobs.remove(next.id());
            }
            if (next.at().isAfter(clock.instant())) {
                clock.set(next.at());
            }
            try {
                runners.get(next.config().runnerKey()).runJob(next.id(), next.config().parameters());
            } catch (Exception e) {
                throw new IllegalStateException("Job " + next.id() + " failed", e);
            }
            runs++;
            if (next.config().schedule() instanceof JobSchedule.Interval every) {
                synchronized (this) {
                    jobs.putIfAbsent(next.id(), new Job(next.id(), next.config(), clock.instant().plus(every.every()),
                            order++));
                }
            }
            afterEach.run();
        }
        return true;
    }

    int runs() {
        return runs;
    }
}
