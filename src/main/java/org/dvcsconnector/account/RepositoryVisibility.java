package org.dvcsconnector.account;

/**
 * Told when what a repository stored starts or stops counting for issues: it was linked or unlinked, or found
 * gone from Bitbucket or back. Called in the transaction that made the change, which it may join.
 */
@FunctionalInterface
public interface RepositoryVisibility {

    void changed(int repositoryId);
}
