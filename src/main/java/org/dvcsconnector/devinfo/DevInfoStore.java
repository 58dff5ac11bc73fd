package org.dvcsconnector.devinfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import net.java.ao.RawEntity;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.TransactionCallback;

/**
 * Development information in the plugin's tables, written with raw JDBC batches (the entity manager would
 * issue one INSERT and one SELECT per row). Every write is idempotent: the callers pass what they fetched,
 * this class skips what already exists, so a page fetched twice (a retry, a resumed sync) never duplicates.
 * Identifiers are always quoted through {@link ActiveObjects#quote}/{@link ActiveObjects#tableName}. Each write
 * that changes what an issue's panel counts also updates {@link IssueSummaries}, in the caller's transaction, and
 * the issues' {@link IssueTotals} (once, at the end, when it runs in {@link #inTransaction}).
 */
public final class DevInfoStore {

    static final int BATCH = 500;

    private final ActiveObjects ao;
    private final IssueTotals totals;
    private final IssueSummaries summaries;

    public DevInfoStore(ActiveObjects ao) {
        this.ao = ao;
        this.totals = new IssueTotals(this);
        this.summaries = new IssueSummaries(this, totals);
    }

    public ActiveObjects ao() {
        return ao;
    }

    /**
     * Runs {@code work} in one transaction, refreshing the {@link IssueTotalEntity} rows its writes touched once, at
     * its end: the writers' way in (a write outside one refreshes the totals it touches at once).
     */
    public <T> T inTransaction(TransactionCallback<T> work) {
        return ao.executeInTransaction(() -> totals.collecting(work::doInTransaction));
    }

    // ---- commits

    /** Every commit hash stored for the repository (the idempotency check of a sync). */
    public Set<String> commitHashes(int repositoryId) {
        Set<String> hashes = new HashSet<>();
        select("SELECT " + q("HASH") + " FROM " + t(CommitEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ?",
                repositoryId, rs -> hashes.add(rs.getString(1)));
        return hashes;
    }

    /** Each stored commit with its parents (hash, space-separated parent hashes): rebuilding the graph locally. */
    public void forEachCommitParents(int repositoryId, BiConsumer<String, String> consumer) {
        select("SELECT " + q("HASH") + ", " + q("PARENT_HASHES") + " FROM " + t(CommitEntity.class) + " WHERE "
                + q("REPOSITORY_ID") + " = ?", repositoryId, rs -> consumer.accept(rs.getString(1), rs.getString(2)));
    }

    /** Inserts the commits not yet in {@code known} (which is updated); returns how many were inserted. */
    public int insertCommits(int repositoryId, Collection<CommitRow> commits, Set<String> known) {
        List<CommitRow> fresh = new ArrayList<>();
        for (CommitRow commit : commits) {
            if (known.add(commit.hash())) {
                fresh.add(commit);
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        String sql = insert(CommitEntity.class, "REPOSITORY_ID", "HASH", "MESSAGE", "AUTHOR_NAME", "AUTHOR_EMAIL",
                "AUTHOR_ACCOUNT_ID", "COMMITTED_AT", "PARENT_HASHES", "MERGE", "AUTHOR_AVATAR_URL");
        batch(sql, fresh, (statement, c) -> {
            statement.setInt(1, repositoryId);
            statement.setString(2, c.hash());
            statement.setString(3, c.message());
            setString(statement, 4, clip(c.authorName()));
            setString(statement, 5, clip(c.authorEmail()));
            setString(statement, 6, clip(c.authorAccountId()));
            statement.setLong(7, c.committedAt());
            statement.setString(8, String.join(" ", c.parents()));
            statement.setBoolean(9, c.merge());
            setString(statement, 10, c.authorAvatarUrl());
        });
        return fresh.size();
    }

    // ---- branches

    /** Branch name → head hash: the soft sync's cursor. */
    public Map<String, String> branchHeads(int repositoryId) {
        Map<String, String> heads = new HashMap<>();
        select("SELECT " + q("NAME") + ", " + q("HEAD_HASH") + " FROM " + t(BranchEntity.class) + " WHERE "
                + q("REPOSITORY_ID") + " = ?", repositoryId, rs -> heads.put(rs.getString(1), rs.getString(2)));
        return heads;
    }

    /** Makes the stored branches exactly {@code heads} (few rows: delete and insert). */
    public void replaceBranches(int repositoryId, Map<String, String> heads) {
        update("DELETE FROM " + t(BranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ?", repositoryId);
        batch(insert(BranchEntity.class, "REPOSITORY_ID", "NAME", "HEAD_HASH"), heads.entrySet(), (statement, e) -> {
            statement.setInt(1, repositoryId);
            statement.setString(2, e.getKey());
            statement.setString(3, e.getValue());
        });
        summaries.recountAll(repositoryId, LinkKind.BRANCH);
    }

    /** Makes branch {@code branch}'s commits exactly {@code hashes}. */
    public void replaceBranchCommits(int repositoryId, String branch, Collection<String> hashes) {
        update("DELETE FROM " + t(CommitBranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                + q("BRANCH_NAME") + " = ?", repositoryId, branch);
        batch(insert(CommitBranchEntity.class, "REPOSITORY_ID", "COMMIT_HASH", "BRANCH_NAME"), hashes, (statement, h) -> {
            statement.setInt(1, repositoryId);
            statement.setString(2, h);
            statement.setString(3, branch);
        });
    }

    /** Forgets branches no longer on Bitbucket (their commit memberships go with them). */
    public void deleteBranchCommitsExcept(int repositoryId, Set<String> branches) {
        Set<String> stored = new HashSet<>();
        select("SELECT DISTINCT " + q("BRANCH_NAME") + " FROM " + t(CommitBranchEntity.class) + " WHERE "
                + q("REPOSITORY_ID") + " = ?", repositoryId, rs -> stored.add(rs.getString(1)));
        stored.removeAll(branches);
        for (String gone : stored) {
            update("DELETE FROM " + t(CommitBranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                    + q("BRANCH_NAME") + " = ?", repositoryId, gone);
        }
    }

    /** Sets one branch's head (a webhook moved or created it), leaving the other branches as they are. */
    public void setBranchHead(int repositoryId, String name, String head) {
        int existed = update("DELETE FROM " + t(BranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                + q("NAME") + " = ?", repositoryId, name);
        batch(insert(BranchEntity.class, "REPOSITORY_ID", "NAME", "HEAD_HASH"), List.of(head), (statement, h) -> {
            statement.setInt(1, repositoryId);
            statement.setString(2, name);
            statement.setString(3, h);
        });
        if (existed == 0) { // a moved head changes no count; a new branch does
            summaries.recount(repositoryId, LinkKind.BRANCH, name);
        }
    }

    /** Forgets one branch and its commit memberships (the branch was deleted on Bitbucket). */
    public void deleteBranch(int repositoryId, String name) {
        update("DELETE FROM " + t(BranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND " + q("NAME") + " = ?",
                repositoryId, name);
        update("DELETE FROM " + t(CommitBranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                + q("BRANCH_NAME") + " = ?", repositoryId, name);
        summaries.recount(repositoryId, LinkKind.BRANCH, name);
    }

    /** Adds commits to a branch (a push moved its head forward); rows already there are not duplicated. */
    public void addBranchCommits(int repositoryId, String branch, Collection<String> hashes) {
        for (String hash : hashes) {
            update("DELETE FROM " + t(CommitBranchEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                    + q("BRANCH_NAME") + " = ? AND " + q("COMMIT_HASH") + " = ?", repositoryId, branch, hash);
        }
        batch(insert(CommitBranchEntity.class, "REPOSITORY_ID", "COMMIT_HASH", "BRANCH_NAME"), new HashSet<>(hashes),
                (statement, h) -> {
                    statement.setInt(1, repositoryId);
                    statement.setString(2, h);
                    statement.setString(3, branch);
                });
    }

    // ---- pull requests

    /** Remote id → stored {@code updated_on}. */
    public Map<Long, Long> pullRequestVersions(int repositoryId) {
        Map<Long, Long> versions = new HashMap<>();
        select("SELECT " + q("REMOTE_ID") + ", " + q("UPDATED_ON") + " FROM " + t(PullRequestEntity.class) + " WHERE "
                + q("REPOSITORY_ID") + " = ?", repositoryId, rs -> versions.put(rs.getLong(1), rs.getLong(2)));
        return versions;
    }

    /** Remote id → stored state (OPEN, MERGED, DECLINED, SUPERSEDED): what a change of state is measured against. */
    public Map<Long, String> pullRequestStates(int repositoryId) {
        Map<Long, String> states = new HashMap<>();
        select("SELECT " + q("REMOTE_ID") + ", " + q("STATE") + " FROM " + t(PullRequestEntity.class) + " WHERE "
                + q("REPOSITORY_ID") + " = ?", repositoryId, rs -> states.put(rs.getLong(1), rs.getString(2)));
        return states;
    }

    /** The author e-mails of stored commits Bitbucket linked to the account id (any repository; a few at most). */
    public List<String> authorEmails(String accountId) {
        String sql = "SELECT DISTINCT " + q("AUTHOR_EMAIL") + " FROM " + t(CommitEntity.class) + " WHERE "
                + q("AUTHOR_ACCOUNT_ID") + " = ? AND " + q("AUTHOR_EMAIL") + " IS NOT NULL";
        return ao.withConnection(connection -> {
            List<String> emails = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, accountId);
                statement.setMaxRows(10);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        emails.add(rs.getString(1));
                    }
                }
            }
            return emails;
        });
    }

    /** Stores the pull request (replacing an older version) and exactly its commits. */
    public void savePullRequest(int repositoryId, PullRequestRow pr, Collection<String> commitHashes) {
        update("DELETE FROM " + t(PullRequestEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                + q("REMOTE_ID") + " = ?", repositoryId, pr.remoteId());
        update("DELETE FROM " + t(PullRequestCommitEntity.class) + " WHERE " + q("REPOSITORY_ID") + " = ? AND "
                + q("PULL_REQUEST_REMOTE_ID") + " = ?", repositoryId, pr.remoteId());
        batch(insert(PullRequestEntity.class, "REPOSITORY_ID", "REMOTE_ID", "TITLE", "STATE", "SOURCE_BRANCH",
                "DESTINATION_BRANCH", "AUTHOR_NAME", "UPDATED_ON", "COMMENT_COUNT", "URL", "SOURCE_HASH", "MERGE_HASH",
                "AUTHOR_AVATAR_URL", "PARTICIPANTS"),
                List.of(pr), (s, p) -> {
                    s.setInt(1, repositoryId);
                    s.setLong(2, p.remoteId());
                    s.setString(3, p.title());
                    s.setString(4, p.state());
                    setString(s, 5, p.sourceBranch());
                    setString(s, 6, p.destinationBranch());
                    setString(s, 7, clip(p.authorName()));
                    s.setLong(8, p.updatedOn());
                    s.setInt(9, p.commentCount());
                    setString(s, 10, p.url());
                    setString(s, 11, p.sourceHash());
                    setString(s, 12, p.mergeHash());
                    setString(s, 13, p.authorAvatarUrl());
                    setString(s, 14, Participants.toJson(p.participants()));
                });
        batch(insert(PullRequestCommitEntity.class, "REPOSITORY_ID", "PULL_REQUEST_REMOTE_ID", "COMMIT_HASH"),
                new HashSet<>(commitHashes), (s, h) -> {
                    s.setInt(1, repositoryId);
                    s.setLong(2, pr.remoteId());
                    s.setString(3, h);
                });
        summaries.recount(repositoryId, LinkKind.PULL_REQUEST, Long.toString(pr.remoteId()));
    }

    // ---- issue links

    /** The identities of the repository's stored links (to skip duplicates). */
    public Set<String> linkIdentities(int repositoryId) {
        Set<String> identities = new HashSet<>();
        select("SELECT " + q("KIND") + ", " + q("TARGET") + ", " + q("ISSUE_KEY") + " FROM " + t(IssueLinkEntity.class)
                + " WHERE " + q("REPOSITORY_ID") + " = ?", repositoryId,
                rs -> identities.add(rs.getString(1) + '\u0000' + rs.getString(2) + '\u0000' + rs.getString(3)));
        return identities;
    }

    /** Inserts the links not yet in {@code known} (which is updated). */
    public int insertLinks(int repositoryId, Collection<LinkRow> links, Set<String> known) {
        List<LinkRow> fresh = links.stream().filter(l -> known.add(l.identity())).toList();
        long now = System.currentTimeMillis();
        batch(insert(IssueLinkEntity.class, "ISSUE_KEY", "PROJECT_KEY", "REPOSITORY_ID", "KIND", "TARGET", "CREATED_AT"),
                fresh, (s, l) -> {
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
     * Rebuilds the repository's {@link IssueSummaryEntity} rows from its links: for links stored before the table
     * existed. The caller holds the repository's lock and a transaction.
     */
    public void rebuildSummaries(int repositoryId) {
        summaries.rebuild(repositoryId);
    }

    /** Sums every issue's {@link IssueTotalEntity} row again: once every repository's summaries are rebuilt. */
    public void rebuildTotals() {
        totals.rebuildAll();
    }

    /** Creates the row that serialises the writers of {@link IssueTotalEntity} (at start, outside a transaction). */
    public void prepareTotals() {
        totals.prepare();
    }

    /**
     * The repository was linked, unlinked, or found gone from or back on Bitbucket: what it adds to the issues'
     * totals changes. Call it in the transaction that changed it, or right after.
     */
    public void repositoryVisibilityChanged(int repositoryId) {
        totals.repositoryChanged(repositoryId);
    }

    // ---- counts and deletion

    /** Rows per table of the repository, for progress and for the accounts page. */
    public int count(Class<? extends RawEntity<?>> table, int repositoryId) {
        int[] n = {0};
        select("SELECT COUNT(*) FROM " + t(table) + " WHERE " + q("REPOSITORY_ID") + " = ?", repositoryId,
                rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    /** Deletes at most {@code limit} of the repository's rows of {@code table}; returns how many. */
    public int deleteBatch(Class<? extends RawEntity<?>> table, int repositoryId, int limit) {
        if (table == IssueSummaryEntity.class) { // what the issues' totals are summed from
            Set<String> keys = new HashSet<>();
            select("SELECT " + q("ISSUE_KEY") + " FROM " + t(table) + " WHERE " + q("REPOSITORY_ID") + " = ? ORDER BY "
                    + q("ID") + " LIMIT " + limit, rs -> keys.add(rs.getString(1)), repositoryId);
            int deleted = deleteRows(table, repositoryId, limit);
            totals.issuesChanged(keys);
            return deleted;
        }
        return deleteRows(table, repositoryId, limit);
    }

    private int deleteRows(Class<? extends RawEntity<?>> table, int repositoryId, int limit) {
        // A bounded sub-select: PostgreSQL and H2 both take LIMIT there; one short statement per batch.
        return update("DELETE FROM " + t(table) + " WHERE " + q("ID") + " IN (SELECT " + q("ID") + " FROM " + t(table)
                + " WHERE " + q("REPOSITORY_ID") + " = ? ORDER BY " + q("ID") + " LIMIT " + limit + ")", repositoryId);
    }

    // ---- JDBC plumbing

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    private void select(String sql, int repositoryId, RowReader reader) {
        select(sql, reader, repositoryId);
    }

    void select(String sql, RowReader reader, Object... parameters) {
        ao.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.setFetchSize(1000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
            return null;
        });
    }

    int update(String sql, Object... parameters) {
        return ao.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    <T> void batch(String sql, Collection<T> items, Binder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        ao.withConnection((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (T item : items) {
                    binder.bind(statement, item);
                    statement.addBatch();
                    if (++pending == BATCH) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
            }
            return null;
        });
    }

    String insert(Class<? extends RawEntity<?>> table, String... columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(t(table)).append(" (");
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(q(columns[i]));
        }
        sql.append(") VALUES (").append("?, ".repeat(columns.length - 1)).append("?)");
        return sql.toString();
    }

    String t(Class<? extends RawEntity<?>> table) {
        return ao.tableName(table);
    }

    String q(String column) {
        return ao.quote(column);
    }

    private static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** AO's default VARCHAR(255): longer author names or e-mails are cut rather than failing the batch. */
    private static String clip(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
    }
}
