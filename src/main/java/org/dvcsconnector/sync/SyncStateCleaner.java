package org.dvcsconnector.sync;

import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devinfo.DevInfoStore;

/** Removes a repository's sync state (progress and cursor) when its account is deleted. */
public final class SyncStateCleaner implements RepositoryDataCleaner {

    private final DevInfoStore store;

    public SyncStateCleaner(DevInfoStore store) {
        this.store = store;
    }

    @Override
    public int remaining(RepositoryEntity repository) {
        return store.count(SyncStateEntity.class, repository.getID());
    }

    @Override
    public int deleteBatch(RepositoryEntity repository, int limit) {
        return store.deleteBatch(SyncStateEntity.class, repository.getID(), limit);
    }
}
