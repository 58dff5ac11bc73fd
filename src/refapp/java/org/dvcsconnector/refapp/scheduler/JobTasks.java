package org.dvcsconnector.refapp.scheduler;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.dvcsconnector.spi.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two fixed db-scheduler task types behind every job. db-scheduler wants its task types when it is
 * built, but plugins register runners later and per node, so there is one generic "job" task whose
 * data names the runner, and one "job-change" task that applies a change deferred because the job was
 * running. The instance id of both is the job id.
 */
final class JobTasks {

    static final String JOB = "dvcs-job";
    static final String CHANGE = "dvcs-job-change";

    private static final Logger LOG = LoggerFactory.getLogger(JobTasks.class);

    private final Function<String, JobRunner> runners;
    private final PendingChanges pendingChanges;
    private final SchedulerOptions options;
    private final CustomTask<JobData> jobTask;
    private final CustomTask<JobChange> changeTask;

    JobTasks(Function<String, JobRunner> runners, PendingChanges pendingChanges, SchedulerOptions options) {
        this.runners = runners;
        this.pendingChanges = pendingChanges;
        this.options = options;
        this.jobTask = Tasks.custom(JOB, JobData.class)
                .onFailure(this::onJobFailure)
                // A node that died mid-run: another node runs the job again (at-least-once on crash).
                .onDeadExecutionRevive()
                .execute(this::runJob);
        this.changeTask = Tasks.custom(CHANGE, JobChange.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .onDeadExecutionRevive()
                .execute(this::applyChange);
    }

    CustomTask<JobData> jobTask() {
        return jobTask;
    }

    CustomTask<JobChange> changeTask() {
        return changeTask;
    }

    private CompletionHandler<JobData> runJob(TaskInstance<JobData> instance, ExecutionContext context) {
        JobData job = instance.getData();
        JobRunner runner = runners.apply(job.runnerKey());
        if (runner == null) {
            // The plugin that owns this runner is not (yet) started on this node: leave the job for
            // later, or for another node, instead of losing it.
            Instant later = Instant.now().plus(jittered(options.missingRunnerDelay()));
            LOG.debug("No runner '{}' on this node for job {}; retrying at {}", job.runnerKey(), instance.getId(), later);
            return (complete, ops) -> ops.reschedule(complete, later);
        }
        try {
            runner.runJob(instance.getId(), job.parameters());
        } catch (Exception e) {
            // Logged once here (db-scheduler's own failure log is turned down); the failure handler decides what next.
            LOG.warn("Job {} (runner '{}') failed", instance.getId(), job.runnerKey(), e);
            throw new JobFailedException(e);
        }
        return (complete, ops) -> {
            Optional<PendingChanges.Pending> pending = pendingChanges.find(instance.getId());
            Optional<JobChange> change = pending.flatMap(p -> take(instance.getId(), p));
            if (change.isPresent()) {
                applyAfterRun(change.get(), complete, ops);
            } else if (pending.isPresent()) {
                // Left to the change task (it is applying it, or a newer one replaced it): start no run before that
                // task looks again, so a job unscheduled while it ran never runs once more.
                Instant notBefore = Instant.now().plus(options.pollingInterval().multipliedBy(2));
                if (job.repeats()) {
                    Instant next = complete.getTimeDone().plus(job.interval());
                    ops.reschedule(complete, next.isAfter(notBefore) ? next : notBefore);
                } else {
                    ops.remove();
                }
            } else if (job.repeats()) {
                // Fixed delay: the next run is measured from the end of this one, so runs never pile up.
                ops.reschedule(complete, complete.getTimeDone().plus(job.interval()));
            } else {
                ops.remove();
            }
        };
    }

    /**
     * Takes the change made while the job ran, so it takes effect now, before the old schedule could start
     * another run (the change task would apply it too, but only after its next poll). Taken means removed
     * first: if a newer change replaced it meanwhile, or the change task is applying it this instant, it is left
     * to the change task, so every change is applied exactly once and none is overtaken by an older one.
     */
    private Optional<JobChange> take(String jobId, PendingChanges.Pending pending) {
        return Optional.of(pending)
                .filter(p -> !p.picked() && pendingChanges.removeIfUnchanged(jobId, p.version()))
                .map(PendingChanges.Pending::change);
    }

    private static void applyAfterRun(JobChange change, ExecutionComplete complete, ExecutionOperations<JobData> ops) {
        if (change.job() == null) {
            ops.remove();
        } else {
            ops.reschedule(complete, Instant.ofEpochMilli(change.atEpochMillis()), change.job());
        }
    }

    private void onJobFailure(ExecutionComplete complete, ExecutionOperations<JobData> ops) {
        @SuppressWarnings("unchecked")
        JobData job = ((TaskInstance<JobData>) complete.getExecution().taskInstance).getData();
        if (job.repeats()) {
            ops.reschedule(complete, complete.getTimeDone().plus(job.interval()));
            return;
        }
        int failures = complete.getExecution().consecutiveFailures + 1;
        if (failures > options.onceMaxRetries()) {
            LOG.warn("Job {} failed {} times; giving up on it", complete.getExecution().getId(), failures);
            ops.stop();
            return;
        }
        Duration backoff = options.onceRetryBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
        ops.reschedule(complete, complete.getTimeDone().plus(backoff));
    }

    private CompletionHandler<JobChange> applyChange(TaskInstance<JobChange> instance, ExecutionContext context) {
        SchedulerClient client = context.getSchedulerClient();
        if (JobWriter.tryApply(client, jobTask, instance.getId(), instance.getData())) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        // The job is still running: look again shortly.
        Instant later = Instant.now().plus(options.pollingInterval());
        return (complete, ops) -> ops.reschedule(complete, later);
    }

    private static Duration jittered(Duration delay) {
        return Duration.ofMillis((long) (delay.toMillis() * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
    }

    /** Carries a runner's failure through db-scheduler (which takes no checked exceptions). */
    static final class JobFailedException extends RuntimeException {
        JobFailedException(Exception cause) {
            super("job runner failed", cause);
        }
    }
}
