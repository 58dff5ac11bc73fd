package org.dvcsconnector.sync;

import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devinfo.DevInfoStore;

/** Removes a repository's sync state (progress and cursor) and its sync log when its account is deleted. */
public final class SyncStateCleaner implements RepositoryDataCleaner {

    private final DevInfoStore store;

    public SyncStateCleaner(DevInfoStore store) {
        this.store = store;
    }

    @Override
    public int remaining(RepositoryEntity repository) {
        return store.count(SyncStateEntity.class, repository.getID()) + store.count(SyncRunEntity.class, repository.getID());
    }

    @Override
    public int deleteBatch(RepositoryEntity repository, int limit) {
        int deleted = store.deleteBatch(SyncStateEntity.class, repository.getID(), limit);
        return deleted > 0 ? deleted : store.deleteBatch(SyncRunEntity.class, repository.getID(), limit);
    }
}
