package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;

/**
 * Each repository's one sync job ({@link RepositorySync#RUNNER}), queued now, for when a pause ends, or for its next
 * turn of older history. One job id per repository: a request while one is queued replaces it.
 */
final class SyncJobs {

    private final SyncStates states;
    private final SchedulerService scheduler;
    private final Clock clock;

    SyncJobs(SyncStates states, SchedulerService scheduler, Clock clock) {
        this.states = states;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    static String jobId(int repositoryId) {
        return RepositorySync.RUNNER + "." + repositoryId;
    }

    /**
     * Queues a sync now; a paused repository stays paused and the request joins the run that resumes when the pause
     * ends: a full one stays full, and older history asked to sync again resumes as a soft sync (which carries it on).
     */
    void request(int repositoryId, boolean full) {
        Optional<SyncStateEntity> paused = states.find(repositoryId)
                .filter(e -> SyncProgress.State.PAUSED.name().equals(e.getState()) && e.getResumesAt() != null
                        && e.getResumesAt() > clock.millis());
        if (paused.isPresent()) {
            boolean wasFull = SyncKind.FULL.name().equals(paused.get().getType());
            SyncKind resume = full || wasFull ? SyncKind.FULL : SyncKind.SOFT;
            states.pausedAs(repositoryId, resume);
            schedule(repositoryId, resume, Instant.ofEpochMilli(paused.get().getResumesAt()));
            return;
        }
        SyncKind kind = full ? SyncKind.FULL : SyncKind.SOFT;
        states.queued(repositoryId, kind);
        schedule(repositoryId, kind, clock.instant());
    }

    /** A {@code kind} run of the repository's sync at {@code at}. */
    void schedule(int repositoryId, SyncKind kind, Instant at) {
        scheduler.scheduleJob(jobId(repositoryId), new JobConfig(RepositorySync.RUNNER, new JobSchedule.Once(at),
                Map.of("repositoryId", Integer.toString(repositoryId), "full", Boolean.toString(kind == SyncKind.FULL),
                        "history", Boolean.toString(kind == SyncKind.HISTORY))));
    }
}
