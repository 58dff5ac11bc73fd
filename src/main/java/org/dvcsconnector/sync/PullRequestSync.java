package org.dvcsconnector.sync;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.devinfo.PullRequestState;

/**
 * Pull requests. Those whose {@code updated_on} is already stored are skipped (no request for their commits); the
 * cursor (newest {@code updated_on}) advances only after the run's writes are committed. A soft sync reads every
 * state; a full sync reads the open ones with its recent work and the closed ones with its older history.
 *
 * <p>Paging could stop at the first pull request older than the cursor if the server sorted by
 * {@code -updated_on}; the simulator lists by id only, so every page is read (50 per request, fields
 * trimmed) and only changed pull requests cost further requests.
 */
final class PullRequestSync {

    static final List<String> OPEN = List.of(PullRequestState.OPEN.name());
    static final List<String> CLOSED = Arrays.stream(PullRequestState.values()).filter(s -> s != PullRequestState.OPEN)
            .map(Enum::name).toList();

    private PullRequestSync() {}

    /** Every state. */
    static void run(SyncRun run, SyncStates states) throws BitbucketException {
        run(run, states, RepositoryReader.PULL_REQUEST_STATES);
    }

    static void run(SyncRun run, SyncStates states, List<String> which) throws BitbucketException {
        Map<Long, Long> stored = run.store().pullRequestVersions(run.repositoryId());
        long[] newest = {states.pullRequestCursor(run.repositoryId())};
        int[] seen = {0};
        run.reader().pullRequests(which, page -> {
            run.savePullRequests(page, stored);
            page.forEach(pr -> newest[0] = Math.max(newest[0], pr.updatedOn()));
            seen[0] += page.size();
            run.progress(SyncProgress.Phase.PULL_REQUESTS, seen[0], null);
        });
        states.advancePullRequestCursor(run.repositoryId(), newest[0]);
    }
}
