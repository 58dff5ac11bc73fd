package org.dvcsconnector.account;

/**
 * Removes what other features stored for a repository (commits, branches, pull requests, webhooks), a
 * bounded batch at a time, so deleting a large account never holds one long transaction.
 */
public interface RepositoryDataCleaner {

    /** Rows of the repository this cleaner still has to delete (for progress). */
    int remaining(RepositoryEntity repository);

    /** Deletes at most {@code limit} rows; returns how many it deleted (0 when done). */
    int deleteBatch(RepositoryEntity repository, int limit);
}
