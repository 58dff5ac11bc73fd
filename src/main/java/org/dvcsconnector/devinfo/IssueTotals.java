package org.dvcsconnector.devinfo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dvcsconnector.db.Sql;

/**
 * Keeps {@link IssueTotalEntity} equal to the sum of each issue's {@link IssueSummaryEntity} rows of linked
 * repositories that are not being deleted.
 *
 * <p>Totals span repositories, and repositories are written in parallel (each under its own cluster lock) and
 * linked or unlinked by administrators at any time. So every refresh first takes one lock row in the table
 * ({@code SELECT … FOR UPDATE}, held until the transaction ends, on every node alike), and only then reads what it
 * sums: each statement of a read-committed transaction sees what was committed before it started, so the last
 * writer of a total always sums everything committed before it, and every change of an input is followed by a
 * refresh of the totals it feeds. A change of a repository's visibility refreshes every issue the repository has
 * rows for, listed after the lock: a sync committing new rows for that repository meanwhile is then either seen
 * by the listing or sees the change itself.
 *
 * <p>A {@link DevInfoWrite} only collects the issues it touches ({@link PendingTotals}), and {@link DevInfoWriter}
 * refreshes the whole set once, at the end of its transaction, so the lock is held only from then to the commit.
 */
final class IssueTotals {

    /** The lock row's key: issue keys never start with '#'. */
    static final String LOCK_KEY = "#lock";
    private static final int CHUNK = 500;
    private static final int LOCK_WAIT_MILLIS = 120_000;
    private static final String[] COLUMNS = {"ISSUE_KEY", "COMMITS", "BRANCHES", "PULL_REQUESTS", "OPEN_PULL_REQUESTS",
            "MERGED_PULL_REQUESTS", "DECLINED_PULL_REQUESTS", "UPDATED_AT"};

    private final Sql sql;
    private volatile Boolean h2;

    IssueTotals(Sql sql) {
        this.sql = sql;
    }

    /** Sums every issue's total again: after the one-time backfill of {@link IssueSummaryEntity}. */
    void rebuildAll() {
        lock();
        sql.update("DELETE FROM [IssueTotalEntity] WHERE [ISSUE_KEY] <> ?", LOCK_KEY);
        sql.update(insertSums("1 = 1 GROUP BY s.[ISSUE_KEY]"));
    }

    /** Makes sure the lock row exists: at start, before any writer needs it. */
    void prepare() {
        if (!lockRowExists()) {
            insertLockRow();
        }
    }

    /**
     * Inserts the lock row, which a concurrent transaction or node may be inserting too. Inside a transaction the
     * insert runs under a savepoint: PostgreSQL aborts the whole transaction on a failed statement, and losing that
     * race is no failure of the caller's work.
     */
    private void insertLockRow() {
        String insert = Sql.insert(IssueTotalEntity.class, COLUMNS);
        SQLException lost = sql.withConnection(connection -> {
            Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(sql.expand(insert))) {
                statement.setString(1, LOCK_KEY);
                for (int column = 2; column <= COLUMNS.length; column++) {
                    statement.setLong(column, 0);
                }
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
                return e;
            } finally {
                if (savepoint != null) {
                    connection.releaseSavepoint(savepoint);
                }
            }
        });
        if (lost != null && !lockRowExists()) { // not a concurrent insert winning the race: a real failure
            throw new IllegalStateException("Could not create the lock row of " + sql.expand("[IssueTotalEntity]"), lost);
        }
    }

    /** Sums the totals {@code changes} names again; the caller's transaction then holds the lock until it ends. */
    void refresh(PendingTotals changes) {
        if (changes.isEmpty()) {
            return;
        }
        lock();
        Set<String> keys = new TreeSet<>(changes.keys());
        for (int repositoryId : changes.repositories()) { // listed after the lock: see the class comment
            sql.forEach("SELECT DISTINCT [ISSUE_KEY] FROM [IssueSummaryEntity] WHERE "
                    + "[REPOSITORY_ID] = ?", row -> keys.add(row.string("ISSUE_KEY")), repositoryId);
        }
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String in = "[ISSUE_KEY] IN (" + Sql.placeholders(chunk.size()) + ")";
            sql.update("DELETE FROM [IssueTotalEntity] WHERE " + in, chunk.toArray());
            sql.update(insertSums("s." + in + " GROUP BY s.[ISSUE_KEY]"), chunk.toArray());
        }
    }

    /** Blocks until no other transaction holds the lock row; holds it until this transaction ends. */
    private void lock() {
        if (h2 == null) {
            h2 = sql.withConnection(c -> c.getMetaData().getDatabaseProductName().equals("H2"));
        }
        if (h2) { // H2 gives up waiting for a row lock after 1 s by default; a full sync's refresh may take longer
            sql.withConnection(c -> {
                try (Statement statement = c.createStatement()) {
                    return statement.execute("SET LOCK_TIMEOUT " + LOCK_WAIT_MILLIS);
                }
            });
        }
        if (!lockRowFound(" FOR UPDATE")) { // a fresh table: tests, or a write before the plugin's start prepared it
            insertLockRow();
            lockRowFound(" FOR UPDATE");
        }
    }

    private boolean lockRowExists() {
        return lockRowFound("");
    }

    /** Reads the lock row, with {@code lockClause} (locking it, or not); false when the table has none yet. */
    private boolean lockRowFound(String lockClause) {
        return sql.exists("SELECT 1 FROM [IssueTotalEntity] WHERE [ISSUE_KEY] = ?" + lockClause, LOCK_KEY);
    }

    /** INSERT … SELECT of the sums over linked repositories for {@code where} (which groups by issue key). */
    private String insertSums(String where) {
        return "INSERT INTO [IssueTotalEntity] ([" + String.join("], [", COLUMNS) + "]) SELECT s.[ISSUE_KEY], SUM(s.[COMMITS]), SUM(s."
                + "[BRANCHES]), SUM(s.[PULL_REQUESTS]), SUM(s.[OPEN_PULL_REQUESTS]), SUM(s."
                + "[MERGED_PULL_REQUESTS]), SUM(s.[DECLINED_PULL_REQUESTS]), MAX(GREATEST(s."
                + "[COMMITS_AT], s.[BRANCHES_AT], s.[PULL_REQUESTS_AT])) FROM "
                + "[IssueSummaryEntity] s JOIN [RepositoryEntity] r ON r.[ID] = s."
                + "[REPOSITORY_ID] AND r.[LINKED] = TRUE AND COALESCE(r.[DELETED]"
                + ", FALSE) = FALSE WHERE " + where;
    }
}
