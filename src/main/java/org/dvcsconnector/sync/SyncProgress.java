package org.dvcsconnector.sync;

import java.time.Instant;
import org.dvcsconnector.db.StoredEnum;

/**
 * A repository's sync state as the page and REST show it. {@code eta} is when the current phase should
 * end at its rate so far; known only while running with a known total. {@code note}: what the last run wants known
 * that is no error (the records it skipped because the database refused them), else null.
 */
public record SyncProgress(State state, SyncKind type, Phase phase, int itemsDone, Integer itemsTotal, int requests,
        String error, Instant startedAt, Instant finishedAt, Instant eta, String note) {

    /** With no note. */
    public SyncProgress(State state, SyncKind type, Phase phase, int itemsDone, Integer itemsTotal, int requests,
            String error, Instant startedAt, Instant finishedAt, Instant eta) {
        this(state, type, phase, itemsDone, itemsTotal, requests, error, startedAt, finishedAt, eta, null);
    }

    /** PAUSED: stopped by Bitbucket's rate limit or the account's request budget; it resumes by itself. */
    public enum State { QUEUED, RUNNING, PAUSED, DONE, FAILED, STOPPED }

    public enum Phase { QUEUED, BRANCHES, COMMITS, BRANCH_MEMBERSHIP, PULL_REQUESTS, DONE }

    static SyncProgress of(SyncStateEntity e, Instant now) {
        State state = StoredEnum.read(State.class, e.getState());
        Instant started = instant(e.getStartedAt());
        Phase phase = StoredEnum.read(Phase.class, e.getPhase());
        return new SyncProgress(state, StoredEnum.read(SyncKind.class, e.getType()), phase == null ? Phase.QUEUED : phase,
                e.getItemsDone(), e.getItemsTotal(),
                e.getRequests(), e.getError(), started, instant(e.getFinishedAt()),
                eta(state, started, e.getItemsDone(), e.getItemsTotal(), now), e.getNote());
    }

    /** Linear extrapolation of the work done so far; null when it cannot be known. */
    static Instant eta(State state, Instant started, int done, Integer total, Instant now) {
        if (state != State.RUNNING || started == null || total == null || done <= 0 || total < done || now.isBefore(started)) {
            return null;
        }
        long elapsed = now.toEpochMilli() - started.toEpochMilli();
        return started.plusMillis(Math.round(elapsed * ((double) total / done)));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
