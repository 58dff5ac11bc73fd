package org.dvcsconnector.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Cluster-safe background jobs (atlassian-scheduler): each run of a job happens on exactly one node.
 * Runners are registered per node; jobs are stored in the shared database and survive restarts.
 */
public interface SchedulerService {

    void registerJobRunner(String runnerKey, JobRunner runner);

    void unregisterJobRunner(String runnerKey);

    /** Creates the job, or replaces the schedule and parameters of an existing job with that id. */
    void scheduleJob(String jobId, JobConfig config);

    void unscheduleJob(String jobId);

    Optional<Instant> nextRunTime(String jobId);
}
