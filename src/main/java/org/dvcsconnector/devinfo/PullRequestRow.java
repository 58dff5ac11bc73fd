package org.dvcsconnector.devinfo;

import java.util.List;

/** A pull request as synced from Bitbucket. */
public record PullRequestRow(long remoteId, String title, String state, String sourceBranch, String destinationBranch,
        String authorName, String authorAvatarUrl, long updatedOn, int commentCount, String url, String sourceHash,
        String mergeHash, List<Participant> participants) {

    public PullRequestRow {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** Without avatars and participants (tests, old payloads). */
    public PullRequestRow(long remoteId, String title, String state, String sourceBranch, String destinationBranch,
            String authorName, long updatedOn, int commentCount, String url, String sourceHash, String mergeHash) {
        this(remoteId, title, state, sourceBranch, destinationBranch, authorName, null, updatedOn, commentCount, url,
                sourceHash, mergeHash, List.of());
    }
}
