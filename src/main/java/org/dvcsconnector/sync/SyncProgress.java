package org.dvcsconnector.sync;

import java.time.Instant;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.db.StoredEnum;

/**
 * A repository's sync state as the page and REST show it.
 *
 * @param error why the last run failed or stopped; null otherwise (a pause is no error)
 * @param message what to tell the administrator about the last run: the pause, the failure or the stop; or null
 * @param resumesAt while {@link State#PAUSED}: when it resumes by itself
 * @param pauseReason while {@link State#PAUSED}: Bitbucket's rate limit or the account's own budget
 * @param recentSynced whether the repository's recent work (branches, newest commits, open pull requests) is stored
 * @param history the older history's progress once the recent work is stored, else null
 * @param eta when the repository's sync should be done (its older history too), at its account's request budget and
 *     sharing it with the account's other repositories; null when unknown or when nothing is left to do
 * @param requestsLeft the requests its sync should still need (an estimate); null when unknown
 * @param etaRequestsPerHour the request budget that bounds the ETA ("at 900 requests/hour"); null when it does not
 * @param note what the last run wants known that is no error (the records it skipped because the database refused
 *     them), else null
 */
public record SyncProgress(State state, SyncKind type, Phase phase, int itemsDone, Integer itemsTotal, int requests,
        String error, String message, Instant startedAt, Instant finishedAt, Instant resumesAt,
        RateLimitedException.Reason pauseReason, boolean recentSynced, History history, Instant eta, Integer requestsLeft,
        Integer etaRequestsPerHour, String note) {

    /** With no note. */
    public SyncProgress(State state, SyncKind type, Phase phase, int itemsDone, Integer itemsTotal, int requests,
            String error, String message, Instant startedAt, Instant finishedAt, Instant resumesAt,
            RateLimitedException.Reason pauseReason, boolean recentSynced, History history, Instant eta,
            Integer requestsLeft, Integer etaRequestsPerHour) {
        this(state, type, phase, itemsDone, itemsTotal, requests, error, message, startedAt, finishedAt, resumesAt,
                pauseReason, recentSynced, history, eta, requestsLeft, etaRequestsPerHour, null);
    }

    /** PAUSED: stopped by Bitbucket's rate limit or the account's request budget; it resumes by itself. */
    public enum State { QUEUED, RUNNING, PAUSED, DONE, FAILED, STOPPED }

    /**
     * What a run does now. A full sync first stores the recent work (BRANCHES, COMMITS: the newest page, PULL_REQUESTS:
     * the open ones), then, in turns shared with the account's other repositories, the older HISTORY, then every
     * branch's BRANCH_MEMBERSHIP and the closed PULL_REQUESTS.
     */
    public enum Phase { QUEUED, BRANCHES, COMMITS, HISTORY, BRANCH_MEMBERSHIP, PULL_REQUESTS, DONE }

    /**
     * A full sync's older history: {@code commitsListed} commits listed so far, newest first from
     * {@code newestCommitAt} down to {@code reachedCommitAt}; {@code pagesLeft} an estimate (null when unknown).
     */
    public record History(boolean complete, int commitsListed, Instant newestCommitAt, Instant reachedCommitAt,
            Integer pagesLeft) {

        /** How much of it is stored, by the estimate (at most 99 until it is complete); null when unknown. */
        public Integer percent() {
            if (complete) {
                return 100;
            }
            if (pagesLeft == null) {
                return null;
            }
            long total = commitsListed + (long) pagesLeft * RepositoryReader.PAGELEN;
            return total == 0 ? 0 : (int) Math.min(99, commitsListed * 100L / total);
        }
    }

    static SyncProgress of(SyncStateEntity e) {
        State state = StoredEnum.read(State.class, e.getState());
        Phase phase = StoredEnum.read(Phase.class, e.getPhase());
        boolean paused = state == State.PAUSED;
        return new SyncProgress(state, StoredEnum.read(SyncKind.class, e.getType()), phase == null ? Phase.QUEUED : phase,
                e.getItemsDone(), e.getItemsTotal(), e.getRequests(), paused ? null : e.getError(), e.getError(),
                instant(e.getStartedAt()), instant(e.getFinishedAt()), paused ? instant(e.getResumesAt()) : null,
                paused ? StoredEnum.read(RateLimitedException.Reason.class, e.getPauseReason()) : null, e.isBaseline(),
                history(e), null, null, null, e.getNote());
    }

    private static History history(SyncStateEntity e) {
        if (!e.isBaseline()) {
            return null;
        }
        if (e.getHistoryHeads() == null) {
            return new History(true, e.getHistoryCommits(), instant(e.getHistoryNewest()), instant(e.getHistoryReached()),
                    0);
        }
        // Every page listed: what is left (membership, closed pull requests) needs no commit page.
        return new History(false, e.getHistoryCommits(), instant(e.getHistoryNewest()), instant(e.getHistoryReached()),
                e.getHistoryNext() == null ? Integer.valueOf(0) : null);
    }

    /** The same state with the forecast's pages left, requests left and ETA. */
    SyncProgress forecast(Integer pagesLeft, Integer requests, Instant at, Integer perHour) {
        History h = history == null || history.complete() ? history
                : new History(false, history.commitsListed(), history.newestCommitAt(), history.reachedCommitAt(), pagesLeft);
        return new SyncProgress(state, type, phase, itemsDone, itemsTotal, this.requests, error, message, startedAt,
                finishedAt, resumesAt, pauseReason, recentSynced, h, at, requests, perHour, note);
    }

    /** Whether there is work left: a run queued, running or paused, or older history still to store. */
    public boolean pending() {
        return state == State.QUEUED || state == State.RUNNING || state == State.PAUSED
                || history != null && !history.complete();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
