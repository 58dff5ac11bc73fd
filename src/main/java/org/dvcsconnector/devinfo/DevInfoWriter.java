package org.dvcsconnector.devinfo;

import java.util.function.Consumer;
import java.util.function.Function;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.spi.ActiveObjects;

/**
 * The one way to write development information: {@code write(repositoryId, tx -> …)} runs the unit in one
 * transaction, and at its end sums again, once, the {@link IssueTotalEntity} rows its writes touched. The unit owns
 * what is pending, so no write can skip the recount and nothing hangs on the thread.
 */
public final class DevInfoWriter {

    private final ActiveObjects ao;
    private final Sql sql;
    private final IssueTotals totals;

    /** @param sql the store's, over every devinfo table */
    DevInfoWriter(ActiveObjects ao, Sql sql) {
        this.ao = ao;
        this.sql = sql;
        this.totals = new IssueTotals(sql);
    }

    /** Runs {@code work} on the repository's rows in one transaction (joining the caller's, if any). */
    public void write(int repositoryId, Consumer<DevInfoWrite> work) {
        writeReturning(repositoryId, tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** {@link #write}, with a result. */
    public <T> T writeReturning(int repositoryId, Function<DevInfoWrite, T> work) {
        return ao.executeInTransaction(() -> {
            DevInfoWrite tx = new DevInfoWrite(repositoryId, sql);
            T result = work.apply(tx);
            totals.refresh(tx.totals());
            return result;
        });
    }

    /**
     * The repository was linked, unlinked, or found gone from or back on Bitbucket: the issues' totals change. Call it
     * in the transaction that changed it, or right after.
     */
    public void repositoryVisibilityChanged(int repositoryId) {
        write(repositoryId, DevInfoWrite::visibilityChanged);
    }

    /** Sums every issue's {@link IssueTotalEntity} row again: once every repository's summaries are rebuilt. */
    public void rebuildTotals() {
        ao.executeInTransaction(() -> {
            totals.rebuildAll();
            return null;
        });
    }

    /** Creates the row that serialises the writers of {@link IssueTotalEntity} (at start, outside a transaction). */
    public void prepareTotals() {
        totals.prepare();
    }
}
