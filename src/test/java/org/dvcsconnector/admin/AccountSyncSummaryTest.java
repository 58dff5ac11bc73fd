package org.dvcsconnector.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.sync.SyncKind;
import org.dvcsconnector.sync.SyncProgress;
import org.dvcsconnector.sync.SyncProgress.Phase;
import org.dvcsconnector.sync.SyncProgress.State;
import org.junit.jupiter.api.Test;

class AccountSyncSummaryTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final SyncProgress.History PENDING = new SyncProgress.History(false, 100, T, T, 30);
    private static final SyncProgress.History COMPLETE = new SyncProgress.History(true, 2_000, T, T, 0);

    private static RepositoryView repository(boolean linked, SyncProgress sync) {
        return new RepositoryView(1, 1, "r", "r", null, linked, true, false, null, null, sync, null, "NONE", null);
    }

    static SyncProgress progress(State state, int requests, Instant eta) {
        return progress(state, requests, eta, true, COMPLETE, null);
    }

    static SyncProgress progress(State state, int requests, Instant eta, boolean recent, SyncProgress.History history,
            Instant resumesAt) {
        return new SyncProgress(state, SyncKind.FULL, Phase.COMMITS, 10, 100, requests, null, null, T, null, resumesAt,
                resumesAt == null ? null : RateLimitedException.Reason.BUDGET, recent, history, eta, null,
                eta == null ? null : 900);
    }

    @Test
    void countsLinkedRepositoriesByStateAndTakesTheLatestEta() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.RUNNING, 12, T.plusSeconds(60))),
                repository(true, progress(State.RUNNING, 8, T.plusSeconds(300))),
                repository(true, progress(State.QUEUED, 0, T.plusSeconds(100), false, null, null)),
                repository(true, progress(State.DONE, 40, null)),
                repository(true, progress(State.FAILED, 3, null)),
                repository(true, progress(State.PAUSED, 0, T.plusSeconds(200), true, PENDING, T.plusSeconds(100))),
                repository(true, null),
                repository(false, progress(State.DONE, 99, null))));
        assertThat(summary).isEqualTo(new AccountSyncSummary(7, 4, 1, 1, 2, 1, 1, 1, 63, T.plusSeconds(100),
                T.plusSeconds(300), 900, null));
        assertThat(summary.busy()).isTrue();
        assertThat(summary.pending()).isTrue();
    }

    @Test
    void aPausedRepositoryIsNeitherDoneNorFailedAndSaysUntilWhen() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.DONE, 5, null)),
                repository(true, progress(State.PAUSED, 5, T.plusSeconds(4_000), true, PENDING, T.plusSeconds(3_600))),
                repository(true, progress(State.PAUSED, 5, T.plusSeconds(4_100), true, PENDING, T.plusSeconds(3_500)))));
        assertThat(summary.synced()).isEqualTo(3);
        assertThat(summary.paused()).isEqualTo(2);
        assertThat(summary.failed()).isZero();
        assertThat(summary.pausedUntil()).isEqualTo(T.plusSeconds(3_600));
        assertThat(summary.eta()).isEqualTo(T.plusSeconds(4_100));
        assertThat(summary.busy()).isFalse();
        assertThat(summary.pending()).isTrue();
    }

    @Test
    void aStoppedSyncCountsAsNeitherDoneNorFailedNorBusy() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.STOPPED, 5, null)),
                repository(false, progress(State.STOPPED, 7, null))));
        assertThat(summary).isEqualTo(new AccountSyncSummary(1, 1, 0, 0, 0, 0, 0, 0, 5, null, null, null, null));
        assertThat(summary.busy()).isFalse();
    }

    @Test
    void anUnknownEtaOfOneRepositoryWithWorkLeftMakesTheAccountsEtaUnknown() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.RUNNING, 1, T.plusSeconds(60))),
                repository(true, progress(State.QUEUED, 1, null, false, null, null))));
        assertThat(summary.eta()).isNull();
        assertThat(summary.etaRequestsPerHour()).isNull();
        assertThat(AccountSyncSummary.of(List.of()).busy()).isFalse();
    }
}
