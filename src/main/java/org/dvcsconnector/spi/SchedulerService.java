package org.dvcsconnector.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Cluster-safe background jobs: atlassian-scheduler's {@code com.atlassian.scheduler.SchedulerService}, with its
 * method names. Each run of a job happens on exactly one node. Runners are registered per node; jobs are stored in
 * the shared database and survive restarts.
 *
 * <p>Difference: job ids and runner keys are strings instead of {@code JobId} / {@code JobRunnerKey}, and
 * {@link #nextRunTime} stands for {@code getJobDetails(jobId).getNextRunTime()}.
 */
public interface SchedulerService {

    void registerJobRunner(String runnerKey, JobRunner runner);

    void unregisterJobRunner(String runnerKey);

    /** Creates the job, or replaces the schedule and parameters of an existing job with that id. */
    void scheduleJob(String jobId, JobConfig config);

    void unscheduleJob(String jobId);

    /** When the job runs next; empty when there is no such job (or it will not run again). */
    Optional<Instant> nextRunTime(String jobId);
}
