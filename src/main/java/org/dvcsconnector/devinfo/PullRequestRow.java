package org.dvcsconnector.devinfo;

/** A pull request as synced from Bitbucket. */
public record PullRequestRow(long remoteId, String title, String state, String sourceBranch, String destinationBranch,
        String authorName, long updatedOn, int commentCount, String url, String sourceHash, String mergeHash) {}
