package org.dvcsconnector.sync;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.java.ao.Query;
import org.dvcsconnector.spi.ActiveObjects;

/** Reads and writes {@link SyncStateEntity} rows; each write is its own short transaction. */
final class SyncStates {

    private final ActiveObjects ao;
    private final Clock clock;

    SyncStates(ActiveObjects ao, Clock clock) {
        this.ao = ao;
        this.clock = clock;
    }

    Optional<SyncStateEntity> find(int repositoryId) {
        SyncStateEntity[] found = ao.find(SyncStateEntity.class, Query.select().where("REPOSITORY_ID = ?", repositoryId));
        return found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    Map<Integer, SyncProgress> all() {
        Map<Integer, SyncProgress> byRepository = new HashMap<>();
        for (SyncStateEntity e : ao.find(SyncStateEntity.class, Query.select())) {
            byRepository.put(e.getRepositoryId(), SyncProgress.of(e, clock.instant()));
        }
        return byRepository;
    }

    private SyncStateEntity row(int repositoryId) {
        return find(repositoryId).orElseGet(() -> {
            SyncStateEntity e = ao.create(SyncStateEntity.class, Map.of("REPOSITORY_ID", repositoryId,
                    "STATE", SyncProgress.State.QUEUED.name()));
            return e;
        });
    }

    void queued(int repositoryId, String type) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            if (!SyncProgress.State.RUNNING.name().equals(e.getState())) {
                e.setState(SyncProgress.State.QUEUED.name());
                e.setType(type);
                e.setPhase(SyncProgress.Phase.QUEUED.name());
                e.save();
            }
            return null;
        });
    }

    void started(int repositoryId, String type) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(SyncProgress.State.RUNNING.name());
            e.setType(type);
            e.setPhase(SyncProgress.Phase.BRANCHES.name());
            e.setItemsDone(0);
            e.setItemsTotal(null);
            e.setRequests(0);
            e.setError(null);
            e.setStartedAt(clock.millis());
            e.setFinishedAt(null);
            e.save();
            return null;
        });
    }

    void progress(int repositoryId, SyncProgress.Phase phase, int done, Integer total, int requests) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setPhase(phase.name());
            e.setItemsDone(done);
            e.setItemsTotal(total);
            e.setRequests(requests);
            e.save();
            return null;
        });
    }

    void finished(int repositoryId, int requests, String error, boolean baseline) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(error == null ? SyncProgress.State.DONE.name() : SyncProgress.State.FAILED.name());
            e.setPhase(error == null ? SyncProgress.Phase.DONE.name() : e.getPhase());
            e.setRequests(requests);
            e.setError(error);
            e.setFinishedAt(clock.millis());
            if (baseline) {
                e.setBaseline(true);
            }
            e.save();
            return null;
        });
    }

    /** The run stopped because it was no longer wanted ({@link SyncStopped}); the reason is shown as its message. */
    void stopped(int repositoryId, int requests, String reason) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(SyncProgress.State.STOPPED.name());
            e.setRequests(requests);
            e.setError(reason + ".");
            e.setFinishedAt(clock.millis());
            e.save();
            return null;
        });
    }

    /** A queued run found it is not wanted; only an existing row changes (a deleted repository gets none back). */
    void stoppedIfQueued(int repositoryId, String reason) {
        ao.executeInTransaction(() -> {
            find(repositoryId).filter(e -> SyncProgress.State.QUEUED.name().equals(e.getState())).ifPresent(e -> {
                e.setState(SyncProgress.State.STOPPED.name());
                e.setError(reason + ".");
                e.setFinishedAt(clock.millis());
                e.save();
            });
            return null;
        });
    }

    long pullRequestCursor(int repositoryId) {
        return find(repositoryId).map(SyncStateEntity::getPullRequestCursor).orElse(0L);
    }

    boolean hasBaseline(int repositoryId) {
        return find(repositoryId).map(SyncStateEntity::isBaseline).orElse(false);
    }

    /** Call only after the pull requests up to {@code epochMillis} are committed. */
    void advancePullRequestCursor(int repositoryId, long epochMillis) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            if (epochMillis > e.getPullRequestCursor()) {
                e.setPullRequestCursor(epochMillis);
                e.save();
            }
            return null;
        });
    }
}
