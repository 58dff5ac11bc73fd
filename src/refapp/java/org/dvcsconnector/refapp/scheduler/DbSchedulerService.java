package org.dvcsconnector.refapp.scheduler;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobRunner;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refapp's {@link SchedulerService}: db-scheduler on the host database. Jobs live in the shared
 * {@code scheduled_tasks} table; every node polls it and db-scheduler's optimistic locking (picked
 * flag + version) makes each run happen on exactly one node. The node id is the scheduler name, so
 * {@code picked_by} shows which node runs what.
 *
 * <p>The table is created (if missing) by the constructor, so jobs can be scheduled before
 * {@link #start()}; they run once the scheduler is started.
 */
public final class DbSchedulerService implements SchedulerService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DbSchedulerService.class);
    private static final int CHANGE_ATTEMPTS = 100;

    private final Map<String, JobRunner> runners = new ConcurrentHashMap<>();
    private final JobTasks tasks;
    private final PendingChanges pendingChanges;
    private final Scheduler scheduler;
    private final String nodeId;

    public DbSchedulerService(DataSource dataSource, DatabaseKind kind, String nodeId) {
        this(dataSource, kind, nodeId, SchedulerOptions.defaults());
    }

    public DbSchedulerService(DataSource dataSource, DatabaseKind kind, String nodeId, SchedulerOptions options) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        SchedulerTable.createIfMissing(dataSource, kind);
        JacksonSerializer serializer = new JacksonSerializer();
        this.pendingChanges = new PendingChanges(dataSource, serializer);
        this.tasks = new JobTasks(runners::get, pendingChanges, options);
        this.scheduler = Scheduler.create(dataSource, tasks.jobTask(), tasks.changeTask())
                .tableName(SchedulerTable.NAME)
                .schedulerName(new SchedulerName.Fixed(nodeId))
                .pollingInterval(options.pollingInterval())
                .threads(options.threads())
                .heartbeatInterval(options.heartbeatInterval())
                .missedHeartbeatsLimit(options.missedHeartbeats())
                .serializer(serializer)
                .enableImmediateExecution()
                .shutdownMaxWait(options.shutdownWait())
                // JobTasks logs a failing runner itself, with the job id; avoid a second stack trace.
                .failureLogging(LogLevel.DEBUG, false)
                .build();
    }

    public void start() {
        scheduler.start();
        LOG.info("Scheduler started on node {}", nodeId);
    }

    /** Stops polling and waits (briefly, see {@link SchedulerOptions#shutdownWait()}) for running jobs. */
    @Override
    public void close() {
        scheduler.stop();
    }

    @Override
    public void registerJobRunner(String runnerKey, JobRunner runner) {
        runners.put(requireText(runnerKey, "runnerKey"), Objects.requireNonNull(runner, "runner"));
    }

    @Override
    public void unregisterJobRunner(String runnerKey) {
        runners.remove(runnerKey);
    }

    @Override
    public void scheduleJob(String jobId, JobConfig config) {
        requireText(jobId, "jobId");
        requireText(config.runnerKey(), "runnerKey");
        change(jobId, new JobChange(JobData.of(config), JobData.firstRun(config).toEpochMilli()));
    }

    @Override
    public void unscheduleJob(String jobId) {
        change(requireText(jobId, "jobId"), new JobChange(null, null));
    }

    @Override
    public Optional<Instant> nextRunTime(String jobId) {
        // A change still waiting for a running job to finish is what will happen next.
        Optional<ScheduledExecution<Object>> pending = scheduler.getScheduledExecution(tasks.changeTask().instanceId(jobId));
        if (pending.isPresent()) {
            JobChange change = (JobChange) pending.get().getData();
            return change.job() == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(change.atEpochMillis()));
        }
        return scheduler.getScheduledExecution(tasks.jobTask().instanceId(jobId)).map(ScheduledExecution::getExecutionTime);
    }

    private void change(String jobId, JobChange change) {
        for (int attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
            // A change still waiting is older than this one. Applying this one directly would let the older one
            // overwrite it later, so this one replaces it instead.
            boolean olderChangeWaiting = pendingChanges.find(jobId).isPresent();
            if (!olderChangeWaiting && JobWriter.tryApply(scheduler, tasks.jobTask(), jobId, change)) {
                return;
            }
            // db-scheduler will not touch an executing job: store the change, applied when the run ends.
            try {
                if (scheduler.schedule(tasks.changeTask().instance(jobId, change), Instant.now(), ScheduleOptions.WHEN_EXISTS_RESCHEDULE)) {
                    LOG.debug("Job {} is running; its change will apply when the run ends", jobId);
                    return;
                }
                // false: the waiting change was applied and removed between db-scheduler's check and its update.
                LOG.debug("Job {}: pending change vanished while being replaced; retrying", jobId);
            } catch (TaskInstanceException e) {
                // The waiting change is being applied this very moment: db-scheduler says "currently executing"
                // or "updated 0" depending on the instant.
                LOG.debug("Job {}: pending change busy ({}); retrying", jobId, e.toString());
            }
            sleepBriefly();
        }
        throw new IllegalStateException("Could not change job " + jobId + ": it stayed busy");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while changing a job", e);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
