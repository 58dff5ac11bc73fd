package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.java.ao.Query;
import org.dvcsconnector.bitbucket.RateLimitedException;
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

    /** Every repository's state, without forecasts (one query). */
    Map<Integer, SyncProgress> all() {
        Map<Integer, SyncProgress> byRepository = new HashMap<>();
        for (SyncStateEntity e : ao.find(SyncStateEntity.class, Query.select())) {
            byRepository.put(e.getRepositoryId(), SyncProgress.of(e));
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
                clearPause(e);
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
            e.setPhase(StoredEnum.write(type == SyncKind.HISTORY ? SyncProgress.Phase.HISTORY : SyncProgress.Phase.BRANCHES));
            clearPause(e);
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

    void finished(int repositoryId, int requests, String error) {
        finished(repositoryId, requests, error, null);
    }

    /** {@code note}: what the run wants known besides (the records it skipped), or null. */
    void finished(int repositoryId, int requests, String error, String note) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setNote(note);
            e.setState(StoredEnum.write(error == null ? SyncProgress.State.DONE : SyncProgress.State.FAILED));
            e.setPhase(error == null ? StoredEnum.write(SyncProgress.Phase.DONE) : e.getPhase());
            e.setRequests(requests);
            e.setError(error);
            e.setFinishedAt(clock.millis());
            e.save();
            return null;
        });
    }

    /**
     * The run was paused by a rate limit or budget until {@code resumesAt}; {@code message} says so. It runs again by
     * itself, as a {@code resume} sync.
     */
    void paused(int repositoryId, int requests, String message, Instant resumesAt, RateLimitedException.Reason reason,
            SyncKind resume) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(StoredEnum.write(SyncProgress.State.PAUSED));
            e.setType(StoredEnum.write(resume));
            e.setRequests(requests);
            e.setError(message);
            e.setFinishedAt(clock.millis());
            e.setResumesAt(resumesAt.toEpochMilli());
            e.setPauseReason(StoredEnum.write(reason));
            e.save();
            return null;
        });
    }

    /** A paused repository resumes as a {@code kind} sync (what the job queued for the pause's end runs). */
    void pausedAs(int repositoryId, SyncKind kind) {
        ao.executeInTransaction(() -> {
            find(repositoryId).filter(e -> state(e) == SyncProgress.State.PAUSED).ifPresent(e -> {
                e.setType(StoredEnum.write(kind));
                e.save();
            });
            return null;
        });
    }

    /** The run gave the account's other repositories their turn; its older history goes on in a queued run. */
    void yielded(int repositoryId, int requests) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setState(StoredEnum.write(SyncProgress.State.QUEUED));
            e.setType(StoredEnum.write(SyncKind.HISTORY));
            e.setPhase(StoredEnum.write(SyncProgress.Phase.HISTORY));
            e.setRequests(requests);
            e.setError(null);
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

    private static void clearPause(SyncStateEntity e) {
        e.setResumesAt(null);
        e.setPauseReason(null);
    }

    private static SyncProgress.State state(SyncStateEntity e) {
        return StoredEnum.read(SyncProgress.State.class, e.getState());
    }

    long pullRequestCursor(int repositoryId) {
        return find(repositoryId).map(SyncStateEntity::getPullRequestCursor).orElse(0L);
    }

    /**
     * The states of the given repositories, as stored (one query): what a run checks before each turn of older
     * history, to let the account's other repositories go first.
     */
    List<SyncStateEntity> of(java.util.Collection<Integer> repositoryIds) {
        if (repositoryIds.isEmpty()) {
            return List.of();
        }
        return List.of(ao.find(SyncStateEntity.class, Query.select().where("REPOSITORY_ID IN ("
                + String.join(", ", java.util.Collections.nCopies(repositoryIds.size(), "?")) + ")",
                repositoryIds.toArray())));
    }

    /**
     * The recent work is stored (branch heads included): the repository has its baseline, and its older history is
     * {@code cursor} (replacing any earlier one).
     */
    void recentStored(int repositoryId, HistoryCursor cursor) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setBaseline(true);
            write(e, cursor);
            e.save();
            return null;
        });
    }

    /** Call only after the page the cursor moved past is committed. */
    void historyAdvanced(int repositoryId, HistoryCursor cursor) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            write(e, cursor);
            e.save();
            return null;
        });
    }

    /** The older history is stored, with every branch's membership and the closed pull requests. */
    void historyComplete(int repositoryId) {
        ao.executeInTransaction(() -> {
            SyncStateEntity e = row(repositoryId);
            e.setHistoryHeads(null);
            e.setHistoryNext(null);
            e.save();
            return null;
        });
    }

    /** The older history still to store; empty when none is pending. */
    Optional<HistoryCursor> history(int repositoryId) {
        return find(repositoryId).filter(e -> e.getHistoryHeads() != null).map(e -> new HistoryCursor(
                HistoryCursor.heads(e.getHistoryHeads()), e.getHistoryNext(), e.getHistoryCommits(), e.getHistoryNewest(),
                e.getHistoryReached()));
    }

    private static void write(SyncStateEntity e, HistoryCursor cursor) {
        e.setHistoryHeads(cursor.headsText());
        e.setHistoryNext(cursor.next());
        e.setHistoryCommits(cursor.commits());
        e.setHistoryNewest(cursor.newest());
        e.setHistoryReached(cursor.reached());
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
