package org.dvcsconnector.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dvcsconnector.sync.SyncProgress;

/**
 * An account's sync at a glance, from its linked repositories' states.
 *
 * @param synced repositories whose recent work (branches, newest commits, open pull requests) is stored and whose
 *     last run did not fail
 * @param historyPending repositories whose older history is still filling in
 * @param paused repositories waiting for Bitbucket's rate limit or the budget: neither done nor failed
 * @param requests requests made by the runs shown
 * @param pausedUntil when the last of the paused repositories resumes
 * @param eta when the last repository should be done: the latest of their ETAs, null when one of them is unknown
 * @param etaRequestsPerHour the budget that bounds that ETA, or null
 * @param text the line the accounts page shows
 */
public record AccountSyncSummary(int repositories, int synced, int historyPending, int queued, int running, int paused,
        int done, int failed, int requests, Instant pausedUntil, Instant eta, Integer etaRequestsPerHour, String text) {

    static AccountSyncSummary of(List<RepositoryView> repositories) {
        int linked = 0;
        int synced = 0;
        int history = 0;
        int queued = 0;
        int running = 0;
        int paused = 0;
        int done = 0;
        int failed = 0;
        int requests = 0;
        Instant pausedUntil = null;
        SyncProgress last = null;
        boolean etaKnown = true;
        for (RepositoryView repository : repositories) {
            if (!repository.linked() || repository.deleted()) {
                continue;
            }
            linked++;
            SyncProgress sync = repository.sync();
            if (sync == null) {
                continue;
            }
            requests += sync.requests();
            synced += sync.recentSynced() && sync.state() != SyncProgress.State.FAILED ? 1 : 0;
            history += sync.history() != null && !sync.history().complete() ? 1 : 0;
            switch (sync.state()) {
                case QUEUED -> queued++;
                case RUNNING -> running++;
                case PAUSED -> {
                    paused++;
                    pausedUntil = later(pausedUntil, sync.resumesAt());
                }
                case DONE -> done++;
                case FAILED -> failed++;
                case STOPPED -> { } // only unlinked repositories and deleted accounts stop; relinking queues a sync
                default -> throw new IllegalStateException(Objects.toString(sync.state()));
            }
            if (sync.pending() && sync.state() != SyncProgress.State.FAILED) {
                etaKnown &= sync.eta() != null;
                last = sync.eta() != null && (last == null || sync.eta().isAfter(last.eta())) ? sync : last;
            }
        }
        boolean eta = etaKnown && last != null;
        return new AccountSyncSummary(linked, synced, history, queued, running, paused, done, failed, requests,
                pausedUntil, eta ? last.eta() : null, eta ? last.etaRequestsPerHour() : null, null);
    }

    AccountSyncSummary withText(String line) {
        return new AccountSyncSummary(repositories, synced, historyPending, queued, running, paused, done, failed,
                requests, pausedUntil, eta, etaRequestsPerHour, line);
    }

    /** True while any repository is queued or running. */
    public boolean busy() {
        return queued + running > 0;
    }

    /** True while work is left: a run queued, running or paused, or older history filling in. */
    public boolean pending() {
        return busy() || paused > 0 || historyPending > 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }
}
