package org.dvcsconnector.sync;

import java.time.Instant;

/** A repository's sync state as the page and REST show it. */
public record SyncProgress(State state, String type, Phase phase, int itemsDone, Integer itemsTotal, int requests,
        String error, Instant startedAt, Instant finishedAt) {

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    public enum Phase { QUEUED, BRANCHES, COMMITS, BRANCH_MEMBERSHIP, PULL_REQUESTS, DONE }

    static SyncProgress of(SyncStateEntity e) {
        return new SyncProgress(State.valueOf(e.getState()), e.getType(),
                e.getPhase() == null ? Phase.QUEUED : Phase.valueOf(e.getPhase()), e.getItemsDone(), e.getItemsTotal(),
                e.getRequests(), e.getError(), instant(e.getStartedAt()), instant(e.getFinishedAt()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
