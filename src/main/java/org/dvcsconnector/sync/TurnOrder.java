package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.db.StoredEnum;
import org.dvcsconnector.spi.SchedulerService;

/**
 * Newest first and fair: before each turn of a repository's older history, whether one of its account's other
 * repositories should go first. One whose recent work is not stored yet always goes first (queued, or paused until
 * the budget allows it); so does any other run queued for the account (a soft sync brings new work; another
 * repository's turn comes round). A repository whose recent work is being stored right now is waited for in place:
 * it takes a few requests. Only runs whose job is really scheduled count, so a state row left queued by accident
 * cannot hold the history back.
 */
final class TurnOrder {

    /** How long a run that lets others go waits before its next turn, at least. */
    static final Duration YIELD = Duration.ofSeconds(2);
    private static final Duration WAIT_FOR_RECENT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);

    private final AccountStore accounts;
    private final SyncStates states;
    private final SchedulerService scheduler;
    private final Clock clock;

    TurnOrder(AccountStore accounts, SyncStates states, SchedulerService scheduler, Clock clock) {
        this.accounts = accounts;
        this.states = states;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Empty: take the turn now. Else when to try again, the others having gone first. {@code onlyRecent}: give way
     * only to repositories whose recent work waits (this run's own turn has come).
     */
    Optional<Instant> before(int accountId, int repositoryId, boolean onlyRecent) {
        for (long polls = WAIT_FOR_RECENT.toMillis() / POLL.toMillis(); ; polls--) {
            Instant now = clock.instant();
            Map<Integer, RepositoryEntity> others = new HashMap<>();
            for (RepositoryEntity r : accounts.repositories(accountId)) {
                if (r.getID() != repositoryId && r.isLinked() && !r.isDeleted()) {
                    others.put(r.getID(), r);
                }
            }
            Instant retry = null;
            boolean storingRecent = false;
            for (SyncStateEntity other : states.of(others.keySet())) {
                SyncProgress.State state = StoredEnum.read(SyncProgress.State.class, other.getState());
                boolean waiting = state == SyncProgress.State.QUEUED && (!onlyRecent || !other.isBaseline())
                        || state == SyncProgress.State.PAUSED && !other.isBaseline();
                Optional<Instant> next = waiting ? scheduler.nextRunTime(SyncJobs.jobId(other.getRepositoryId()))
                        : Optional.empty();
                if (next.isPresent()) {
                    Instant at = later(now.plus(YIELD), next.get().plus(YIELD));
                    retry = retry == null || at.isBefore(retry) ? at : retry;
                    if (!next.get().isAfter(now)) {
                        break; // one due now: go after it, whoever else waits
                    }
                }
                storingRecent |= state == SyncProgress.State.RUNNING && !other.isBaseline();
            }
            if (retry != null) {
                return Optional.of(retry);
            }
            if (!storingRecent || polls <= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
