package org.dvcsconnector.sync;

import java.time.Instant;

/**
 * A repository's sync state as the page and REST show it. {@code eta} is when the current phase should
 * end at its rate so far; known only while running with a known total.
 */
public record SyncProgress(State state, String type, Phase phase, int itemsDone, Integer itemsTotal, int requests,
        String error, Instant startedAt, Instant finishedAt, Instant eta) {

    public enum State { QUEUED, RUNNING, DONE, FAILED, STOPPED }

    public enum Phase { QUEUED, BRANCHES, COMMITS, BRANCH_MEMBERSHIP, PULL_REQUESTS, DONE }

    static SyncProgress of(SyncStateEntity e, Instant now) {
        State state = State.valueOf(e.getState());
        Instant started = instant(e.getStartedAt());
        return new SyncProgress(state, e.getType(),
                e.getPhase() == null ? Phase.QUEUED : Phase.valueOf(e.getPhase()), e.getItemsDone(), e.getItemsTotal(),
                e.getRequests(), e.getError(), started, instant(e.getFinishedAt()),
                eta(state, started, e.getItemsDone(), e.getItemsTotal(), now));
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
