package org.dvcsconnector.devinfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.java.ao.RawEntity;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.db.StoredEnum;

/**
 * The writes of one {@link DevInfoWriter#write} unit, all to one repository, in its transaction. Every write is
 * idempotent: callers pass what they fetched and rows that exist are skipped, so a page fetched twice (a retry, a
 * resumed sync) never duplicates. Each write that changes what an issue's panel counts updates its
 * {@link IssueSummaryEntity} rows at once and notes the issue in the unit's {@link PendingTotals}: no write can
 * leave the counts behind.
 */
public final class DevInfoWrite {

    private final int repositoryId;
    private final Sql sql;
    private final PendingTotals totals = new PendingTotals();
    private final IssueSummaries summaries;

    DevInfoWrite(int repositoryId, Sql sql) {
        this.repositoryId = repositoryId;
        this.sql = sql;
        this.summaries = new IssueSummaries(sql, totals);
    }

    PendingTotals totals() {
        return totals;
    }

    /** Inserts the commits not yet in {@code known} (which is updated); returns how many were inserted. */
    public int insertCommits(Collection<CommitRow> commits, Set<String> known) {
        List<CommitRow> fresh = new ArrayList<>();
        for (CommitRow commit : commits) {
            if (known.add(commit.hash())) {
                fresh.add(commit);
            }
        }
        sql.batch(Sql.insert(CommitEntity.class, "REPOSITORY_ID", "HASH", "MESSAGE", "AUTHOR_NAME", "AUTHOR_EMAIL",
                "AUTHOR_ACCOUNT_ID", "COMMITTED_AT", "PARENT_HASHES", "MERGE", "AUTHOR_AVATAR_URL"), fresh, (s, c) -> {
                    s.setInt(1, repositoryId);
                    s.setString(2, c.hash());
                    s.setString(3, c.message());
                    Sql.setString(s, 4, clip(c.authorName()));
                    Sql.setString(s, 5, clip(c.authorEmail()));
                    Sql.setString(s, 6, clip(c.authorAccountId()));
                    s.setLong(7, c.committedAt());
                    s.setString(8, String.join(" ", c.parents()));
                    s.setBoolean(9, c.merge());
                    Sql.setString(s, 10, c.authorAvatarUrl());
                });
        return fresh.size();
    }

    /** Makes the stored branches exactly {@code heads} (few rows: delete and insert). */
    public void replaceBranches(Map<String, String> heads) {
        sql.update("DELETE FROM [BranchEntity] WHERE [REPOSITORY_ID] = ?", repositoryId);
        sql.batch(Sql.insert(BranchEntity.class, "REPOSITORY_ID", "NAME", "HEAD_HASH"), heads.entrySet(), (s, e) -> {
            s.setInt(1, repositoryId);
            s.setString(2, e.getKey());
            s.setString(3, e.getValue());
        });
        summaries.recountAll(repositoryId, LinkKind.BRANCH);
    }

    /** Makes branch {@code branch}'s commits exactly {@code hashes}. */
    public void replaceBranchCommits(String branch, Collection<String> hashes) {
        sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ?", repositoryId, branch);
        insertBranchCommits(branch, hashes);
    }

    /** Forgets branches no longer on Bitbucket (their commit memberships go with them). */
    public void deleteBranchCommitsExcept(Set<String> branches) {
        Set<String> stored = new HashSet<>(sql.list("SELECT DISTINCT [BRANCH_NAME] FROM [CommitBranchEntity] WHERE "
                + "[REPOSITORY_ID] = ?", row -> row.string("BRANCH_NAME"), repositoryId));
        stored.removeAll(branches);
        for (String gone : stored) {
            sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ?", repositoryId,
                    gone);
        }
    }

    /** Sets one branch's head (a webhook moved or created it), leaving the other branches as they are. */
    public void setBranchHead(String name, String head) {
        int existed = sql.update("DELETE FROM [BranchEntity] WHERE [REPOSITORY_ID] = ? AND [NAME] = ?", repositoryId, name);
        sql.update(Sql.insert(BranchEntity.class, "REPOSITORY_ID", "NAME", "HEAD_HASH"), repositoryId, name, head);
        if (existed == 0) { // a moved head changes no count; a new branch does
            summaries.recount(repositoryId, LinkKind.BRANCH, name);
        }
    }

    /** Forgets one branch and its commit memberships (the branch was deleted on Bitbucket). */
    public void deleteBranch(String name) {
        sql.update("DELETE FROM [BranchEntity] WHERE [REPOSITORY_ID] = ? AND [NAME] = ?", repositoryId, name);
        sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ?", repositoryId, name);
        summaries.recount(repositoryId, LinkKind.BRANCH, name);
    }

    /** Adds commits to a branch (a push moved its head forward); rows already there are not duplicated. */
    public void addBranchCommits(String branch, Collection<String> hashes) {
        for (String hash : hashes) {
            sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ? AND "
                    + "[COMMIT_HASH] = ?", repositoryId, branch, hash);
        }
        insertBranchCommits(branch, new HashSet<>(hashes));
    }

    private void insertBranchCommits(String branch, Collection<String> hashes) {
        sql.batch(Sql.insert(CommitBranchEntity.class, "REPOSITORY_ID", "COMMIT_HASH", "BRANCH_NAME"), hashes, (s, h) -> {
            s.setInt(1, repositoryId);
            s.setString(2, h);
            s.setString(3, branch);
        });
    }

    /**
     * Stores the pull request, replacing an older version. Its commits are not stored: nothing reads them, and
     * listing them cost one request per pull request, most of a full sync's budget. Rows an older version of the
     * plugin stored for it are deleted with it.
     */
    public void savePullRequest(PullRequestRow pr) {
        sql.update("DELETE FROM [PullRequestEntity] WHERE [REPOSITORY_ID] = ? AND [REMOTE_ID] = ?", repositoryId,
                pr.remoteId());
        sql.update("DELETE FROM [PullRequestCommitEntity] WHERE [REPOSITORY_ID] = ? AND [PULL_REQUEST_REMOTE_ID] = ?",
                repositoryId, pr.remoteId());
        sql.batch(Sql.insert(PullRequestEntity.class, "REPOSITORY_ID", "REMOTE_ID", "TITLE", "STATE", "SOURCE_BRANCH",
                "DESTINATION_BRANCH", "AUTHOR_NAME", "UPDATED_ON", "COMMENT_COUNT", "URL", "SOURCE_HASH", "MERGE_HASH",
                "AUTHOR_AVATAR_URL", "PARTICIPANTS"), List.of(pr), (s, p) -> {
                    s.setInt(1, repositoryId);
                    s.setLong(2, p.remoteId());
                    s.setString(3, p.title());
                    s.setString(4, StoredEnum.write(p.state()));
                    Sql.setString(s, 5, p.sourceBranch());
                    Sql.setString(s, 6, p.destinationBranch());
                    Sql.setString(s, 7, clip(p.authorName()));
                    s.setLong(8, p.updatedOn());
                    s.setInt(9, p.commentCount());
                    Sql.setString(s, 10, p.url());
                    Sql.setString(s, 11, p.sourceHash());
                    Sql.setString(s, 12, p.mergeHash());
                    Sql.setString(s, 13, p.authorAvatarUrl());
                    Sql.setString(s, 14, Participants.toJson(p.participants()));
                });
        summaries.recount(repositoryId, LinkKind.PULL_REQUEST, Long.toString(pr.remoteId()));
    }

    /** Inserts the links not yet in {@code known} (which is updated). */
    public int insertLinks(Collection<LinkRow> links, Set<String> known) {
        List<LinkRow> fresh = links.stream().filter(l -> known.add(l.identity())).toList();
        long now = System.currentTimeMillis();
        sql.batch(Sql.insert(IssueLinkEntity.class, "ISSUE_KEY", "PROJECT_KEY", "REPOSITORY_ID", "KIND", "TARGET",
                "CREATED_AT"), fresh, (s, l) -> {
                    s.setString(1, l.issueKey());
                    s.setString(2, l.projectKey());
                    s.setInt(3, repositoryId);
                    s.setString(4, l.kind().name());
                    s.setString(5, l.target());
                    s.setLong(6, now);
                });
        summaries.linksAdded(repositoryId, fresh, now);
        return fresh.size();
    }

    /**
     * The repository was linked, unlinked, or found gone from or back on Bitbucket: what it adds to the issues'
     * totals changes.
     */
    public void visibilityChanged() {
        totals.repositoryChanged(repositoryId);
    }

    /**
     * Rebuilds the repository's {@link IssueSummaryEntity} rows from its links: for links stored before the table
     * existed. The caller holds the repository's lock; totals are summed for all repositories at the end
     * ({@link DevInfoWriter#rebuildTotals}).
     */
    public void rebuildSummaries() {
        summaries.rebuild(repositoryId);
    }

    /** Deletes at most {@code limit} of the repository's rows of {@code table}; returns how many. */
    public int deleteBatch(Class<? extends RawEntity<?>> table, int limit) {
        if (table == IssueSummaryEntity.class) { // what the issues' totals are summed from
            totals.issuesChanged(new HashSet<>(sql.list("SELECT [ISSUE_KEY] FROM [IssueSummaryEntity] WHERE "
                    + "[REPOSITORY_ID] = ? ORDER BY [ID] LIMIT " + limit, row -> row.string("ISSUE_KEY"), repositoryId)));
        }
        return sql.deleteSome(table, "REPOSITORY_ID", repositoryId, limit);
    }

    /** AO's default VARCHAR(255): longer author names or e-mails are cut rather than failing the batch. */
    private static String clip(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
    }
}
