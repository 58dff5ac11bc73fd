package org.dvcsconnector.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.bitbucket.BitbucketException;

/**
 * What changed since the last sync. The cursor is the stored branch heads: new commits are those reachable
 * from the moved or new heads and not from any stored head ({@code include}/{@code exclude}), so nothing is
 * fetched twice and nothing between two heads is missed. While a full sync's older history is still pending, what a
 * stored head reaches and is not stored is on that history's listing ({@link HistoryCursor}), so the two together
 * miss nothing either. Branch membership of the changed branches is
 * recomputed over the graph rebuilt from the database (no request). The heads are stored last, after the
 * commits they cover are committed: a crash before that only repeats work, skipped as duplicates.
 */
final class SoftSync {

    private SoftSync() {}

    static void run(SyncRun run, SyncStates states) throws BitbucketException {
        run.progress(SyncProgress.Phase.BRANCHES, 0, null);
        Map<String, String> remote = run.reader().branches();
        Map<String, String> stored = run.store().branchHeads(run.repositoryId());
        Map<String, String> changed = new LinkedHashMap<>();
        remote.forEach((name, head) -> {
            if (!head.equals(stored.get(name))) {
                changed.put(name, head);
            }
        });

        Map<String, String> cursor = new LinkedHashMap<>(remote);
        if (!changed.isEmpty()) {
            Set<String> include = new LinkedHashSet<>(changed.values());
            Set<String> exclude = new LinkedHashSet<>(stored.values());
            exclude.removeAll(include);
            int[] seen = {0};
            run.reader().commits(new ArrayList<>(include), new ArrayList<>(exclude), page -> {
                run.saveCommits(page);
                seen[0] += page.size();
                run.progress(SyncProgress.Phase.COMMITS, seen[0], null);
            });

            CommitGraph graph = CommitGraph.stored(run.store(), run.repositoryId());
            int done = 0;
            for (Map.Entry<String, String> branch : changed.entrySet()) {
                if (graph.contains(branch.getValue())) {
                    run.saveMembership(graph, branch.getKey(), branch.getValue());
                } else if (stored.containsKey(branch.getKey())) {
                    cursor.put(branch.getKey(), stored.get(branch.getKey())); // not complete: keep the old head
                } else {
                    cursor.remove(branch.getKey());
                }
                run.progress(SyncProgress.Phase.BRANCH_MEMBERSHIP, ++done, changed.size());
            }
            run.saveBranchLinks(changed.keySet());
        }

        // Heads before pull requests: a branch created and merged between two syncs raises branch_created before
        // pullrequest_merged (outbox order), as it happened. Pull requests do not depend on the commit cursor.
        run.saveBranchHeads(cursor);
        PullRequestSync.run(run, states);
    }
}
