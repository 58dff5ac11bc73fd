package org.dvcsconnector.devinfo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.java.ao.RawEntity;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.db.StoredEnum;
import org.dvcsconnector.db.StoredText;

/**
 * The writes of one {@link DevInfoWriter#write} unit, all to one repository, in its transaction. Every write is
 * idempotent: callers pass what they fetched and rows that exist are skipped, so a page fetched twice (a retry, a
 * resumed sync) never duplicates. Each write that changes what an issue's panel counts updates its
 * {@link IssueSummaryEntity} rows at once and notes the issue in the unit's {@link PendingTotals}: no write can
 * leave the counts behind.
 */
public final class DevInfoWrite {

    private static final String INSERT_BRANCH = Sql.insert(BranchEntity.class, "REPOSITORY_ID", "NAME", "FULL_NAME",
            "HEAD_HASH");

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

    /**
     * Inserts the commits not yet in {@code known} (which is updated); returns how many were inserted. Each text is
     * stored as {@link StoredText} says: a message up to {@link StoredText#LONG} characters, with its full length when
     * cut; names, e-mails and account ids up to {@link StoredText#SHORT}.
     */
    public int insertCommits(Collection<CommitRow> commits, Set<String> known) {
        List<CommitRow> fresh = new ArrayList<>();
        for (CommitRow commit : commits) {
            if (known.add(commit.hash())) {
                fresh.add(commit);
            }
        }
        sql.batch(Sql.insert(CommitEntity.class, "REPOSITORY_ID", "HASH", "MESSAGE", "AUTHOR_NAME", "AUTHOR_EMAIL",
                "AUTHOR_ACCOUNT_ID", "COMMITTED_AT", "PARENT_HASHES", "MERGE", "AUTHOR_AVATAR_URL", "MESSAGE_LENGTH"), fresh,
                (s, c) -> {
                    StoredText.Fit message = StoredText.fit(c.message(), StoredText.LONG);
                    s.setInt(1, repositoryId);
                    s.setString(2, StoredText.clean(c.hash()));
                    s.setString(3, message.text());
                    Sql.setString(s, 4, StoredText.shorten(c.authorName(), StoredText.SHORT));
                    Sql.setString(s, 5, StoredText.shorten(c.authorEmail(), StoredText.SHORT));
                    Sql.setString(s, 6, StoredText.shorten(c.authorAccountId(), StoredText.SHORT));
                    s.setLong(7, c.committedAt());
                    s.setString(8, StoredText.clean(String.join(" ", c.parents())));
                    s.setBoolean(9, c.merge());
                    Sql.setString(s, 10, StoredText.clean(c.authorAvatarUrl()));
                    setInteger(s, 11, message.lengthIfCut());
                });
        return fresh.size();
    }

    /** Makes the stored branches exactly {@code heads} (few rows: delete and insert); names of any length. */
    public void replaceBranches(Map<String, String> heads) {
        sql.update("DELETE FROM [BranchEntity] WHERE [REPOSITORY_ID] = ?", repositoryId);
        sql.batch(INSERT_BRANCH, heads.entrySet(), (s, e) -> bindBranch(s, e.getKey(), e.getValue()));
        summaries.recountAll(repositoryId, LinkKind.BRANCH);
    }

    /** Makes branch {@code branch}'s commits exactly {@code hashes}. */
    public void replaceBranchCommits(String branch, Collection<String> hashes) {
        sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ?", repositoryId,
                StoredText.key(branch));
        insertBranchCommits(branch, hashes);
    }

    /** Forgets branches no longer on Bitbucket (their commit memberships go with them). */
    public void deleteBranchCommitsExcept(Set<String> branches) {
        Set<String> stored = new HashSet<>(sql.list("SELECT DISTINCT [BRANCH_NAME] FROM [CommitBranchEntity] WHERE "
                + "[REPOSITORY_ID] = ?", row -> row.string("BRANCH_NAME"), repositoryId));
        branches.forEach(name -> stored.remove(StoredText.key(name)));
        for (String gone : stored) {
            sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ?", repositoryId,
                    gone);
        }
    }

    /** Sets one branch's head (a webhook moved or created it), leaving the other branches as they are. */
    public void setBranchHead(String name, String head) {
        String key = StoredText.key(name);
        int existed = sql.update("DELETE FROM [BranchEntity] WHERE [REPOSITORY_ID] = ? AND [NAME] = ?", repositoryId, key);
        sql.batch(INSERT_BRANCH, List.of(name), (s, n) -> bindBranch(s, n, head));
        if (existed == 0) { // a moved head changes no count; a new branch does
            summaries.recount(repositoryId, LinkKind.BRANCH, key);
        }
    }

    /** Forgets one branch and its commit memberships (the branch was deleted on Bitbucket). */
    public void deleteBranch(String name) {
        String key = StoredText.key(name);
        sql.update("DELETE FROM [BranchEntity] WHERE [REPOSITORY_ID] = ? AND [NAME] = ?", repositoryId, key);
        sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ?", repositoryId, key);
        summaries.recount(repositoryId, LinkKind.BRANCH, key);
    }

    /** Adds commits to a branch (a push moved its head forward); rows already there are not duplicated. */
    public void addBranchCommits(String branch, Collection<String> hashes) {
        String key = StoredText.key(branch);
        for (String hash : hashes) {
            sql.update("DELETE FROM [CommitBranchEntity] WHERE [REPOSITORY_ID] = ? AND [BRANCH_NAME] = ? AND "
                    + "[COMMIT_HASH] = ?", repositoryId, key, hash);
        }
        insertBranchCommits(branch, new HashSet<>(hashes));
    }

    private void insertBranchCommits(String branch, Collection<String> hashes) {
        String key = StoredText.key(branch);
        sql.batch(Sql.insert(CommitBranchEntity.class, "REPOSITORY_ID", "COMMIT_HASH", "BRANCH_NAME"), hashes, (s, h) -> {
            s.setInt(1, repositoryId);
            s.setString(2, h);
            s.setString(3, key);
        });
    }

    private void bindBranch(PreparedStatement s, String name, String head) throws SQLException {
        s.setInt(1, repositoryId);
        s.setString(2, StoredText.key(name));
        Sql.setString(s, 3, StoredText.full(name));
        s.setString(4, head);
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
                "AUTHOR_AVATAR_URL", "PARTICIPANTS", "TITLE_LENGTH", "SOURCE_BRANCH_FULL", "DESTINATION_BRANCH_FULL"),
                List.of(pr), (s, p) -> {
                    StoredText.Fit title = StoredText.fit(p.title(), StoredText.LONG);
                    s.setInt(1, repositoryId);
                    s.setLong(2, p.remoteId());
                    s.setString(3, title.text());
                    s.setString(4, StoredEnum.write(p.state()));
                    Sql.setString(s, 5, StoredText.key(p.sourceBranch()));
                    Sql.setString(s, 6, StoredText.key(p.destinationBranch()));
                    Sql.setString(s, 7, StoredText.shorten(p.authorName(), StoredText.SHORT));
                    s.setLong(8, p.updatedOn());
                    s.setInt(9, p.commentCount());
                    Sql.setString(s, 10, StoredText.clean(p.url()));
                    Sql.setString(s, 11, StoredText.clean(p.sourceHash()));
                    Sql.setString(s, 12, StoredText.clean(p.mergeHash()));
                    Sql.setString(s, 13, StoredText.clean(p.authorAvatarUrl()));
                    Sql.setString(s, 14, Participants.toJson(p.participants()));
                    setInteger(s, 15, title.lengthIfCut());
                    Sql.setString(s, 16, StoredText.full(p.sourceBranch()));
                    Sql.setString(s, 17, StoredText.full(p.destinationBranch()));
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

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
