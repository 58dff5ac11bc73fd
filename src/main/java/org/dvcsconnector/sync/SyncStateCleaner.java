package org.dvcsconnector.sync;

import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Sql;

/** Removes a repository's sync state (progress and cursor) and its sync log when its account is deleted. */
public final class SyncStateCleaner implements RepositoryDataCleaner {

    private final Sql sql;

    public SyncStateCleaner(PluginDatabase db) {
        this.sql = db.sql(SyncStateEntity.class, SyncRunEntity.class);
    }

    @Override
    public int remaining(RepositoryEntity repository) {
        return sql.countRows(SyncStateEntity.class, "REPOSITORY_ID", repository.getID())
                + sql.countRows(SyncRunEntity.class, "REPOSITORY_ID", repository.getID());
    }

    @Override
    public int deleteBatch(RepositoryEntity repository, int limit) {
        int deleted = sql.deleteSome(SyncStateEntity.class, "REPOSITORY_ID", repository.getID(), limit);
        return deleted > 0 ? deleted : sql.deleteSome(SyncRunEntity.class, "REPOSITORY_ID", repository.getID(), limit);
    }
}
