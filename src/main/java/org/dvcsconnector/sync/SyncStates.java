package org.dvcsconnector.sync;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.java.ao.Query;
import org.dvcsconnector.db.StoredEnum;
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
                    "STATE", StoredEnum.write(SyncProgress.State.QUEUED)));
            return e;
        });
    }

    void queued(int repositoryId, SyncKind type) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            if (state(e) != SyncProgress.State.RUNNING) {
                e.setState(StoredEnum.write(SyncProgress.State.QUEUED));
                e.setType(StoredEnum.write(type));
                e.setPhase(StoredEnum.write(SyncProgress.Phase.QUEUED));
                e.save();
            }
            return null;
        });
    }

    void started(int repositoryId, SyncKind type) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(StoredEnum.write(SyncProgress.State.RUNNING));
            e.setType(StoredEnum.write(type));
            e.setPhase(StoredEnum.write(SyncProgress.Phase.BRANCHES));
            e.setItemsDone(0);
            e.setItemsTotal(null);
            e.setRequests(0);
            e.setError(null);
            e.setNote(null);
            e.setStartedAt(clock.millis());
            e.setFinishedAt(null);
            e.save();
            return null;
        });
    }

    void progress(int repositoryId, SyncProgress.Phase phase, int done, Integer total, int requests) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setPhase(StoredEnum.write(phase));
            e.setItemsDone(done);
            e.setItemsTotal(total);
            e.setRequests(requests);
            e.save();
            return null;
        });
    }

    void finished(int repositoryId, int requests, String error, boolean baseline) {
        finished(repositoryId, requests, error, baseline, null);
    }

    /** {@code note}: what the run wants known besides (the records it skipped), or null. */
    void finished(int repositoryId, int requests, String error, boolean baseline, String note) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setNote(note);
            e.setState(StoredEnum.write(error == null ? SyncProgress.State.DONE : SyncProgress.State.FAILED));
            e.setPhase(error == null ? StoredEnum.write(SyncProgress.Phase.DONE) : e.getPhase());
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

    /** The run was paused by a rate limit or budget; {@code message} says until when. It runs again by itself. */
    void paused(int repositoryId, int requests, String message) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(StoredEnum.write(SyncProgress.State.PAUSED));
            e.setRequests(requests);
            e.setError(message);
            e.setFinishedAt(clock.millis());
            e.save();
            return null;
        });
    }

    /** The run stopped because it was no longer wanted ({@link SyncStopped}); the reason is shown as its message. */
    void stopped(int repositoryId, int requests, String reason) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(StoredEnum.write(SyncProgress.State.STOPPED));
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
            find(repositoryId).filter(e -> state(e) == SyncProgress.State.QUEUED).ifPresent(e -> {
                e.setState(StoredEnum.write(SyncProgress.State.STOPPED));
                e.setError(reason + ".");
                e.setFinishedAt(clock.millis());
                e.save();
            });
            return null;
        });
    }

    private static SyncProgress.State state(SyncStateEntity e) {
        return StoredEnum.read(SyncProgress.State.class, e.getState());
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
