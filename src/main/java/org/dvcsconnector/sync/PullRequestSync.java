package org.dvcsconnector.sync;

import java.util.Map;
import org.dvcsconnector.bitbucket.BitbucketException;

/**
 * Pull requests of every state. Those whose {@code updated_on} is already stored are skipped (no request for
 * their commits); the cursor (newest {@code updated_on}) advances only after the run's writes are committed.
 *
 * <p>Paging could stop at the first pull request older than the cursor if the server sorted by
 * {@code -updated_on}; the simulator lists by id only, so every page is read (50 per request, fields
 * trimmed) and only changed pull requests cost further requests.
 */
final class PullRequestSync {

    private PullRequestSync() {}

    static void run(SyncRun run, SyncStates states) throws BitbucketException {
        Map<Long, Long> stored = run.store().pullRequestVersions(run.repositoryId());
        long[] newest = {states.pullRequestCursor(run.repositoryId())};
        int[] seen = {0};
        run.reader().pullRequests(page -> {
            run.savePullRequests(page, stored);
            page.forEach(pr -> newest[0] = Math.max(newest[0], pr.updatedOn()));
            seen[0] += page.size();
            run.progress(SyncProgress.Phase.PULL_REQUESTS, seen[0], null);
        });
        states.advancePullRequestCursor(run.repositoryId(), newest[0]);
    }
}
