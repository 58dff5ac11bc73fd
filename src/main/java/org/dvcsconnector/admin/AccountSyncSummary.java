package org.dvcsconnector.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dvcsconnector.sync.SyncProgress;

/**
 * An account's sync at a glance, from its linked repositories' states: how many are queued, running, paused, done,
 * failed; requests made by the runs shown; and when the last running repository should be done (the latest
 * of their ETAs, when all are known).
 */
public record AccountSyncSummary(int repositories, int queued, int running, int paused, int done, int failed,
        int requests, Instant eta) {

    static AccountSyncSummary of(List<RepositoryView> repositories) {
        int linked = 0;
        int queued = 0;
        int running = 0;
        int paused = 0;
        int done = 0;
        int failed = 0;
        int requests = 0;
        Instant eta = null;
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
            switch (sync.state()) {
                case QUEUED -> queued++;
                case RUNNING -> {
                    running++;
                    etaKnown &= sync.eta() != null;
                    eta = sync.eta() == null ? eta : eta == null || sync.eta().isAfter(eta) ? sync.eta() : eta;
                }
                case PAUSED -> paused++; // waiting for the rate limit or budget: neither done nor failed
                case DONE -> done++;
                case FAILED -> failed++;
                case STOPPED -> { } // only unlinked repositories and deleted accounts stop; relinking queues a sync
                default -> throw new IllegalStateException(Objects.toString(sync.state()));
            }
        }
        return new AccountSyncSummary(linked, queued, running, paused, done, failed, requests,
                running > 0 && etaKnown ? eta : null);
    }

    /** True while any repository is queued or running. */
    public boolean busy() {
        return queued + running > 0;
    }
}
