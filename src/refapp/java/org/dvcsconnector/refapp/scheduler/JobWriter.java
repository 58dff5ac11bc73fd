package org.dvcsconnector.refapp.scheduler;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Instant;

/** Writes a job's row, as long as db-scheduler lets us (it refuses while the job is executing). */
final class JobWriter {

    private JobWriter() {}

    /** @return false when the job is executing (or being picked) right now and the change must wait */
    static boolean tryApply(SchedulerClient client, CustomTask<JobData> jobTask, String jobId, JobChange change) {
        try {
            if (change.job() == null) {
                client.cancel(jobTask.instanceId(jobId));
                return true;
            }
            Instant at = Instant.ofEpochMilli(change.atEpochMillis());
            return client.schedule(jobTask.instance(jobId, change.job()), at, ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceNotFoundException e) {
            // Unscheduling a job that is gone: done. Rescheduling one that vanished between db-scheduler's check and
            // its update (a run just finished): not applied, so the caller tries again.
            return change.job() == null;
        } catch (TaskInstanceCurrentlyExecutingException | ExecutionException e) {
            // ExecutionException ("updated 0"): the row was picked or finished between db-scheduler's read and its
            // update. Either way it is busy this instant; the caller defers the change.
            return false;
        }
    }
}
