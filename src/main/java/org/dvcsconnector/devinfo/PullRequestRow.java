package org.dvcsconnector.devinfo;

/**
 * A pull request as synced from Bitbucket. {@code actorAccountId} (not stored) is who last changed its state as far
 * as the listing says: whoever closed it when merged or declined, else its author.
 */
public record PullRequestRow(long remoteId, String title, String state, String sourceBranch, String destinationBranch,
        String authorName, long updatedOn, int commentCount, String url, String sourceHash, String mergeHash,
        String actorAccountId) {}
