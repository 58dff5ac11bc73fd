package org.dvcsconnector.devinfo;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.java.ao.RawEntity;
import org.dvcsconnector.account.RepositoryEntity;

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
 * <p>Writes inside {@link DevInfoStore#inTransaction} only collect the issues they touch, and the whole set is
 * refreshed once, at the end of the transaction, so the lock is held only from then to the commit; a write
 * outside one refreshes at once, in the caller's transaction.
 */
final class IssueTotals {

    /** The lock row's key: issue keys never start with '#'. */
    static final String LOCK_KEY = "#lock";
    private static final int CHUNK = 500;
    private static final int LOCK_WAIT_MILLIS = 120_000;
    private static final String[] COLUMNS = {"ISSUE_KEY", "COMMITS", "BRANCHES", "PULL_REQUESTS", "OPEN_PULL_REQUESTS",
            "MERGED_PULL_REQUESTS", "DECLINED_PULL_REQUESTS", "UPDATED_AT"};

    private final DevInfoStore store;
    /** What the current {@link DevInfoStore#inTransaction} changed; null outside one. */
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();
    private volatile Boolean h2;

    IssueTotals(DevInfoStore store) {
        this.store = store;
    }

    /** Runs {@code work} collecting what it changes, then refreshes those totals once (in the same transaction). */
    <T> T collecting(Supplier<T> work) {
        if (pending.get() != null) {
            return work.get(); // nested: the outermost refreshes
        }
        Pending changes = new Pending();
        pending.set(changes);
        try {
            T result = work.get();
            refresh(changes);
            return result;
        } finally {
            pending.remove();
        }
    }

    /** The totals of {@code keys} must be summed again. */
    void issuesChanged(Set<String> keys) {
        if (!keys.isEmpty()) {
            changed(changes -> changes.keys.addAll(keys));
        }
    }

    /** The totals of every issue the repository has rows for must be summed again (it was linked, unlinked…). */
    void repositoryChanged(int repositoryId) {
        changed(changes -> changes.repositories.add(repositoryId));
    }

    /**
     * Collected when inside {@link #collecting}; else refreshed now, in the caller's transaction if there is one, or
     * in one of its own, so that the lock means something.
     */
    private void changed(Consumer<Pending> change) {
        Pending collected = pending.get();
        if (collected != null) {
            change.accept(collected);
            return;
        }
        Pending now = new Pending();
        change.accept(now);
        store.ao().executeInTransaction(() -> {
            refresh(now);
            return null;
        });
    }

    /** Sums every issue's total again: after the one-time backfill of {@link IssueSummaryEntity}. */
    void rebuildAll() {
        lock();
        store.update("DELETE FROM " + t(IssueTotalEntity.class) + " WHERE " + q("ISSUE_KEY") + " <> ?", LOCK_KEY);
        store.update(insertSums("1 = 1 GROUP BY s." + q("ISSUE_KEY")));
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
        String sql = store.insert(IssueTotalEntity.class, COLUMNS);
        SQLException lost = store.ao().withConnection(connection -> {
            Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
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
            throw new IllegalStateException("Could not create the lock row of " + t(IssueTotalEntity.class), lost);
        }
    }

    private void refresh(Pending changes) {
        if (changes.keys.isEmpty() && changes.repositories.isEmpty()) {
            return;
        }
        lock();
        Set<String> keys = new TreeSet<>(changes.keys);
        for (int repositoryId : changes.repositories) { // listed after the lock: see the class comment
            store.select("SELECT DISTINCT " + q("ISSUE_KEY") + " FROM " + t(IssueSummaryEntity.class) + " WHERE "
                    + q("REPOSITORY_ID") + " = ?", rs -> keys.add(rs.getString(1)), repositoryId);
        }
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String in = q("ISSUE_KEY") + " IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            store.update("DELETE FROM " + t(IssueTotalEntity.class) + " WHERE " + in, chunk.toArray());
            store.update(insertSums("s." + in + " GROUP BY s." + q("ISSUE_KEY")), chunk.toArray());
        }
    }

    /** Blocks until no other transaction holds the lock row; holds it until this transaction ends. */
    private void lock() {
        if (h2 == null) {
            h2 = store.ao().withConnection(c -> c.getMetaData().getDatabaseProductName().equals("H2"));
        }
        if (h2) { // H2 gives up waiting for a row lock after 1 s by default; a full sync's refresh may take longer
            store.ao().withConnection(c -> {
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
        boolean[] found = {false};
        store.select("SELECT 1 FROM " + t(IssueTotalEntity.class) + " WHERE " + q("ISSUE_KEY") + " = ?" + lockClause,
                rs -> found[0] = true, LOCK_KEY);
        return found[0];
    }

    /** INSERT … SELECT of the sums over linked repositories for {@code where} (which groups by issue key). */
    private String insertSums(String where) {
        return "INSERT INTO " + t(IssueTotalEntity.class) + " (" + String.join(", ", Arrays.stream(COLUMNS)
                .map(this::q).toList()) + ") SELECT s." + q("ISSUE_KEY") + ", SUM(s." + q("COMMITS") + "), SUM(s."
                + q("BRANCHES") + "), SUM(s." + q("PULL_REQUESTS") + "), SUM(s." + q("OPEN_PULL_REQUESTS") + "), SUM(s."
                + q("MERGED_PULL_REQUESTS") + "), SUM(s." + q("DECLINED_PULL_REQUESTS") + "), MAX(GREATEST(s."
                + q("COMMITS_AT") + ", s." + q("BRANCHES_AT") + ", s." + q("PULL_REQUESTS_AT") + ")) FROM "
                + t(IssueSummaryEntity.class) + " s JOIN " + t(RepositoryEntity.class) + " r ON r." + q("ID") + " = s."
                + q("REPOSITORY_ID") + " AND r." + q("LINKED") + " = TRUE AND COALESCE(r." + q("DELETED")
                + ", FALSE) = FALSE WHERE " + where;
    }

    private String t(Class<? extends RawEntity<?>> table) {
        return store.t(table);
    }

    private String q(String column) {
        return store.q(column);
    }

    /** Issues and whole repositories whose totals a transaction changed. */
    private static final class Pending {
        final Set<String> keys = new TreeSet<>();
        final Set<Integer> repositories = new TreeSet<>();
    }
}
