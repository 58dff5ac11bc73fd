package org.dvcsconnector.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dvcsconnector.sync.SyncKind;
import org.dvcsconnector.sync.SyncProgress.Phase;
import org.dvcsconnector.sync.SyncProgress.State;
import org.dvcsconnector.sync.SyncProgress;
import org.junit.jupiter.api.Test;

class AccountSyncSummaryTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    private static RepositoryView repository(boolean linked, SyncProgress sync) {
        return new RepositoryView(1, 1, "r", "r", null, linked, true, false, null, null, sync, "NONE", null);
    }

    private static SyncProgress progress(State state, int requests, Instant eta) {
        return new SyncProgress(state, SyncKind.FULL, Phase.COMMITS, 10, 100, requests, null, T, null, eta);
    }

    @Test
    void countsLinkedRepositoriesByStateAndTakesTheLatestEta() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.RUNNING, 12, T.plusSeconds(60))),
                repository(true, progress(State.RUNNING, 8, T.plusSeconds(300))),
                repository(true, progress(State.QUEUED, 0, null)),
                repository(true, progress(State.DONE, 40, null)),
                repository(true, progress(State.FAILED, 3, null)),
                repository(true, progress(State.PAUSED, 0, null)),
                repository(true, null),
                repository(false, progress(State.DONE, 99, null))));
        assertThat(summary).isEqualTo(new AccountSyncSummary(7, 1, 2, 1, 1, 1, 63, T.plusSeconds(300)));
        assertThat(summary.busy()).isTrue();
    }

    @Test
    void aStoppedSyncCountsAsNeitherDoneNorFailedNorBusy() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.STOPPED, 5, null)),
                repository(false, progress(State.STOPPED, 7, null))));
        assertThat(summary).isEqualTo(new AccountSyncSummary(1, 0, 0, 0, 0, 0, 5, null));
        assertThat(summary.busy()).isFalse();
    }

    @Test
    void anUnknownEtaOfOneRunningRepositoryMakesTheAccountsEtaUnknown() {
        AccountSyncSummary summary = AccountSyncSummary.of(List.of(
                repository(true, progress(State.RUNNING, 1, T.plusSeconds(60))),
                repository(true, progress(State.RUNNING, 1, null))));
        assertThat(summary.eta()).isNull();
        assertThat(AccountSyncSummary.of(List.of()).busy()).isFalse();
    }
}
