package org.dvcsconnector.devinfo;

import java.util.List;

/**
 * A pull request as synced from Bitbucket. {@code actorAccountId} and {@code actorName} (not stored) are who last
 * changed its state as far as the listing says: whoever closed it when merged or declined, else its author.
 */
public record PullRequestRow(long remoteId, String title, PullRequestState state, String sourceBranch, String destinationBranch,
        String authorName, String authorAvatarUrl, long updatedOn, int commentCount, String url, String sourceHash,
        String mergeHash, List<Participant> participants, String actorAccountId, String actorName) {

    public PullRequestRow {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** Without the actor's name. */
    public PullRequestRow(long remoteId, String title, PullRequestState state, String sourceBranch,
            String destinationBranch, String authorName, String authorAvatarUrl, long updatedOn, int commentCount,
            String url, String sourceHash, String mergeHash, List<Participant> participants, String actorAccountId) {
        this(remoteId, title, state, sourceBranch, destinationBranch, authorName, authorAvatarUrl, updatedOn,
                commentCount, url, sourceHash, mergeHash, participants, actorAccountId, null);
    }

    /** Without avatars, participants and actor (tests, old payloads). */
    public PullRequestRow(long remoteId, String title, PullRequestState state, String sourceBranch, String destinationBranch,
            String authorName, long updatedOn, int commentCount, String url, String sourceHash, String mergeHash) {
        this(remoteId, title, state, sourceBranch, destinationBranch, authorName, null, updatedOn, commentCount, url,
                sourceHash, mergeHash, List.of(), null, null);
    }
}
