package org.dvcsconnector.devinfo;

import java.util.List;
import net.java.ao.RawEntity;
import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;

/** Removes a repository's development information, a bounded batch at a time (account deletion). */
public final class DevInfoCleaner implements RepositoryDataCleaner {

    private static final List<Class<? extends RawEntity<?>>> TABLES = List.of(IssueSummaryEntity.class, IssueLinkEntity.class,
            CommitBranchEntity.class, PullRequestCommitEntity.class, PullRequestEntity.class, BranchEntity.class,
            CommitEntity.class);

    private final DevInfoStore store;

    public DevInfoCleaner(DevInfoStore store) {
        this.store = store;
    }

    @Override
    public int remaining(RepositoryEntity repository) {
        int total = 0;
        for (Class<? extends RawEntity<?>> table : TABLES) {
            total += store.count(table, repository.getID());
        }
        return total;
    }

    @Override
    public int deleteBatch(RepositoryEntity repository, int limit) {
        for (Class<? extends RawEntity<?>> table : TABLES) {
            int deleted = store.writer().writeReturning(repository.getID(), tx -> tx.deleteBatch(table, limit));
            if (deleted > 0) {
                return deleted;
            }
        }
        return 0;
    }
}
