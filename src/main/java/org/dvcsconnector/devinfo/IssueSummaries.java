package org.dvcsconnector.devinfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dvcsconnector.db.Sql;

/**
 * Keeps {@link IssueSummaryEntity} rows equal to what the issue's links and the rows they name add up to. Every
 * method runs in the caller's transaction, right after the write it follows from, so a committed write always
 * comes with its summary. All writes of one repository hold its cluster lock (sync, webhooks, this table's
 * backfill), and rows are per repository, so the read-then-write here never races with itself.
 *
 * <p>Commit links only ever arrive (they leave with their repository), so commit counts grow by what was inserted:
 * a key mentioned by every commit of a big repository never costs a re-count. Branch and pull request columns are
 * re-counted for the issues a change touches, from the links and the branch or pull request rows: a branch can be
 * deleted and a pull request change state while their links stay. The issues whose rows changed are handed to
 * {@link PendingTotals}, which {@link IssueTotals} sums across repositories when the write unit ends.
 */
final class IssueSummaries {

    private static final int CHUNK = 500;
    private static final String[] COLUMNS = {"ISSUE_KEY", "REPOSITORY_ID", "COMMITS", "COMMITS_AT", "BRANCHES",
            "BRANCHES_AT", "PULL_REQUESTS", "OPEN_PULL_REQUESTS", "MERGED_PULL_REQUESTS", "DECLINED_PULL_REQUESTS",
            "PULL_REQUESTS_AT"};
    /** Every column after ISSUE_KEY and REPOSITORY_ID. */
    private static final String ZERO_COLUMNS = "0, 0, 0, 0, 0, 0, 0, 0, 0";

    private final Sql sql;
    private final PendingTotals totals;

    /** @param totals where the issues whose rows change are noted, for their totals to be summed again */
    IssueSummaries(Sql sql, PendingTotals totals) {
        this.sql = sql;
        this.totals = totals;
    }

    /** Links inserted at {@code at}: commit counts grow; the issues of branch and pull request links are re-counted. */
    void linksAdded(int repositoryId, Collection<LinkRow> links, long at) {
        Map<String, Integer> commits = new TreeMap<>();
        Set<String> branches = new HashSet<>();
        Set<String> pullRequests = new HashSet<>();
        for (LinkRow link : links) {
            switch (link.kind()) {
                case COMMIT -> commits.merge(link.issueKey(), 1, Integer::sum);
                case BRANCH -> branches.add(link.target());
                case PULL_REQUEST -> pullRequests.add(link.target());
            }
        }
        commitsAdded(repositoryId, commits, at);
        recountTargets(repositoryId, LinkKind.BRANCH, branches);
        recountTargets(repositoryId, LinkKind.PULL_REQUEST, pullRequests);
    }

    /**
     * Re-counts the {@code kind} columns of every issue a link of that kind to one of {@code targets} names; all of
     * the repository's issues with such links when there are several targets (one set-based statement beats one
     * per target, and several targets come from a full sync only).
     */
    private void recountTargets(int repositoryId, LinkKind kind, Set<String> targets) {
        if (targets.size() == 1) {
            recount(repositoryId, kind, targets.iterator().next());
        } else if (!targets.isEmpty()) {
            recountAll(repositoryId, kind);
        }
    }

    /** Re-counts the {@code kind} columns of every issue with a link of that kind in the repository. */
    void recountAll(int repositoryId, LinkKind kind) {
        recount(repositoryId, kind, null);
    }

    /** Re-counts the {@code kind} columns of the issues named by links of that kind to {@code target} (null: any). */
    void recount(int repositoryId, LinkKind kind, String target) {
        recountRows(repositoryId, kind, target);
        Set<String> keys = new HashSet<>();
        sql.forEach("SELECT DISTINCT [ISSUE_KEY] FROM [IssueLinkEntity] WHERE "
                + "[REPOSITORY_ID] = ? AND [KIND] = ?" + (target == null ? "" : " AND [TARGET]"
                + " = ?"), row -> keys.add(row.string("ISSUE_KEY")), target == null ? new Object[] {repositoryId, kind.name()}
                : new Object[] {repositoryId, kind.name(), target});
        totals.issuesChanged(keys);
    }

    /** The rows of {@link #recount} ({@code target} null: of every issue with such a link), not the totals. */
    private void recountRows(int repositoryId, LinkKind kind, String target) {
        if (kind == LinkKind.COMMIT) {
            throw new IllegalArgumentException("commit counts are added, never re-counted");
        }
        List<Object> linkParameters = new ArrayList<>(List.of(repositoryId, kind.name()));
        String links = " FROM [IssueLinkEntity] l WHERE l.[REPOSITORY_ID] = ? AND l.[KIND]"
                + " = ?";
        if (target != null) {
            links += " AND l.[TARGET] = ?";
            linkParameters.add(target);
        }
        // Rows first, so that the UPDATE below reaches every issue named.
        sql.update("INSERT INTO [IssueSummaryEntity] (" + columns() + ") SELECT DISTINCT l.[ISSUE_KEY]"
                + ", l.[REPOSITORY_ID], " + ZERO_COLUMNS + links + " AND NOT EXISTS (SELECT 1 FROM "
                + "[IssueSummaryEntity] s WHERE s.[REPOSITORY_ID] = l.[REPOSITORY_ID] AND s."
                + "[ISSUE_KEY] = l.[ISSUE_KEY])", linkParameters.toArray());
        List<Object> updateParameters = new ArrayList<>(List.of(repositoryId));
        updateParameters.addAll(linkParameters);
        sql.update("UPDATE [IssueSummaryEntity] s SET " + (kind == LinkKind.BRANCH ? branchColumns()
                : pullRequestColumns()) + " WHERE s.[REPOSITORY_ID] = ? AND s.[ISSUE_KEY] IN (SELECT l."
                + "[ISSUE_KEY]" + links + ")", updateParameters.toArray());
    }

    /** Makes the repository's rows what its links add up to: the one-time backfill of links stored before this table. */
    void rebuild(int repositoryId) {
        sql.update("DELETE FROM [IssueSummaryEntity] WHERE [REPOSITORY_ID] = ?", repositoryId);
        // Links stored before CREATED_AT existed date from their commit, as in the summary read from the links.
        String commitTime = "COALESCE(l.[CREATED_AT], (SELECT c.[COMMITTED_AT] FROM "
                + "[CommitEntity] c WHERE c.[REPOSITORY_ID] = l.[REPOSITORY_ID] AND c."
                + "[HASH] = l.[TARGET]), 0)";
        sql.update("INSERT INTO [IssueSummaryEntity] (" + columns() + ") SELECT l.[ISSUE_KEY]"
                + ", l.[REPOSITORY_ID], COUNT(*), MAX(" + commitTime + "), 0, 0, 0, 0, 0, 0, 0 FROM "
                + "[IssueLinkEntity] l WHERE l.[REPOSITORY_ID] = ? AND l.[KIND]"
                + " = 'COMMIT' GROUP BY l.[ISSUE_KEY], l.[REPOSITORY_ID]", repositoryId);
        // The totals are summed once for all repositories when the backfill ends (IssueTotals#rebuildAll).
        recountRows(repositoryId, LinkKind.BRANCH, null);
        recountRows(repositoryId, LinkKind.PULL_REQUEST, null);
    }

    private void commitsAdded(int repositoryId, Map<String, Integer> added, long at) {
        if (added.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(added.keySet());
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            Set<String> existing = existing(repositoryId, chunk);
            sql.batch(Sql.insert(IssueSummaryEntity.class, COLUMNS),
                    chunk.stream().filter(k -> !existing.contains(k)).toList(), (s, key) -> {
                        s.setString(1, key);
                        s.setInt(2, repositoryId);
                        s.setInt(3, added.get(key));
                        s.setLong(4, at);
                        for (int i = 5; i <= 11; i++) {
                            s.setInt(i, 0);
                        }
                    });
            sql.batch("UPDATE [IssueSummaryEntity] SET [COMMITS] = [COMMITS] + ?, "
                    + "[COMMITS_AT] = GREATEST([COMMITS_AT], ?) WHERE [REPOSITORY_ID] = ? AND "
                    + "[ISSUE_KEY] = ?", chunk.stream().filter(existing::contains).toList(), (s, key) -> {
                        s.setInt(1, added.get(key));
                        s.setLong(2, at);
                        s.setInt(3, repositoryId);
                        s.setString(4, key);
                    });
        }
        totals.issuesChanged(added.keySet());
    }

    /** Which of {@code keys} have a row for the repository (one statement). */
    private Set<String> existing(int repositoryId, List<String> keys) {
        List<Object> parameters = new ArrayList<>(List.of(repositoryId));
        parameters.addAll(keys);
        Set<String> found = new HashSet<>();
        sql.forEach("SELECT [ISSUE_KEY] FROM [IssueSummaryEntity] WHERE [REPOSITORY_ID]"
                + " = ? AND [ISSUE_KEY] IN (" + Sql.placeholders(keys.size()) + ")",
                row -> found.add(row.string("ISSUE_KEY")), parameters.toArray());
        return found;
    }

    private static String columns() {
        return "[" + String.join("], [", COLUMNS) + "]";
    }

    /** The branch columns of row {@code s}: its issue's branch links whose branch is stored. */
    private String branchColumns() {
        String from = " FROM [IssueLinkEntity] l JOIN [BranchEntity] b ON b.[REPOSITORY_ID]"
                + " = l.[REPOSITORY_ID] AND b.[NAME] = l.[TARGET]" + ownLinks("BRANCH");
        return "[BRANCHES] = (SELECT COUNT(*)" + from + "), [BRANCHES_AT] = (SELECT COALESCE(MAX(COALESCE(l."
                + "[CREATED_AT], 0)), 0)" + from + ")";
    }

    /** The pull request columns of row {@code s}: its issue's pull request links whose pull request is stored. */
    private String pullRequestColumns() {
        String from = " FROM [IssueLinkEntity] l JOIN [PullRequestEntity] p ON p."
                + "[REPOSITORY_ID] = l.[REPOSITORY_ID] AND CAST(p.[REMOTE_ID]"
                + " AS VARCHAR(20)) = l.[TARGET]" + ownLinks("PULL_REQUEST");
        String state = " AND p.[STATE] = ";
        return "[PULL_REQUESTS] = (SELECT COUNT(*)" + from + "), "
                + "[OPEN_PULL_REQUESTS] = (SELECT COUNT(*)" + from + state + "'OPEN'), "
                + "[MERGED_PULL_REQUESTS] = (SELECT COUNT(*)" + from + state + "'MERGED'), "
                + "[DECLINED_PULL_REQUESTS] = (SELECT COUNT(*)" + from + state + "'DECLINED'), "
                + "[PULL_REQUESTS_AT] = (SELECT COALESCE(MAX(GREATEST(COALESCE(l.[CREATED_AT], 0), p."
                + "[UPDATED_ON])), 0)" + from + ")";
    }

    private String ownLinks(String kind) {
        return " WHERE l.[REPOSITORY_ID] = s.[REPOSITORY_ID] AND l.[ISSUE_KEY] = s."
                + "[ISSUE_KEY] AND l.[KIND] = '" + kind + "'";
    }
}
