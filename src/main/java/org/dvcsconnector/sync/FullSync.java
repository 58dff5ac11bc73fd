package org.dvcsconnector.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.bitbucket.BitbucketException;

/**
 * Everything of one repository: branches, every commit (streamed to the database a page at a time, only the
 * compact graph kept in memory), which branches each commit is on, and every pull request with its commits.
 * Safe to run again after a crash: rows that exist are skipped, pull requests whose {@code updated_on} is
 * stored are not fetched again, and the branch heads (the soft sync's cursor) are written last.
 */
final class FullSync {

    private FullSync() {}

    static void run(SyncRun run, SyncStates states) throws BitbucketException {
        run.progress(SyncProgress.Phase.BRANCHES, 0, null);
        Map<String, String> heads = run.reader().branches();

        CommitGraph graph = new CommitGraph();
        int[] seen = {0};
        run.reader().commits(List.of(), List.of(), page -> {
            page.forEach(c -> graph.add(c.hash(), c.parents()));
            run.saveCommits(page);
            seen[0] += page.size();
            run.progress(SyncProgress.Phase.COMMITS, seen[0], null);
        });

        // A branch created or moved after the listing above may point at a commit we did not get: leave it
        // out of the cursor, so the next soft sync fetches it.
        Map<String, String> complete = new LinkedHashMap<>();
        int done = 0;
        for (Map.Entry<String, String> branch : heads.entrySet()) {
            if (graph.contains(branch.getValue())) {
                run.saveMembership(graph, branch.getKey(), branch.getValue());
                complete.put(branch.getKey(), branch.getValue());
            }
            run.progress(SyncProgress.Phase.BRANCH_MEMBERSHIP, ++done, heads.size());
        }
        run.saveBranchLinks(complete.keySet());

        PullRequestSync.run(run, states);
        run.saveBranchHeads(complete);
    }
}
