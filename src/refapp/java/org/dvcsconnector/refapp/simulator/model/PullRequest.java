package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;

/**
 * A pull request, immutable: every change replaces it in its repository (readers never see a half-made
 * change). Source and destination commits are commit indexes in the repository's {@link CommitGraph};
 * {@code mergeCommit} is {@link CommitGraph#NONE} unless merged.
 */
public record PullRequest(int id, String title, String description, String state, String sourceBranch,
                          int sourceCommit, String destinationBranch, int destinationCommit, int mergeCommit,
                          String author, String closedBy, String reason, boolean closeSourceBranch,
                          Instant createdOn, Instant updatedOn) {

    public static final String OPEN = "OPEN";
    public static final String MERGED = "MERGED";
    public static final String DECLINED = "DECLINED";
    public static final String SUPERSEDED = "SUPERSEDED";

    public PullRequest withState(String newState, int merge, String by, String why, Instant when) {
        return new PullRequest(id, title, description, newState, sourceBranch, sourceCommit, destinationBranch,
                destinationCommit, merge, author, by, why, closeSourceBranch, createdOn, when);
    }

    public PullRequest withContent(String newTitle, String newDescription, Instant when) {
        return new PullRequest(id, newTitle, newDescription, state, sourceBranch, sourceCommit, destinationBranch,
                destinationCommit, mergeCommit, author, closedBy, reason, closeSourceBranch, createdOn, when);
    }

    public PullRequest withCommits(int source, int destination, Instant when) {
        return new PullRequest(id, title, description, state, sourceBranch, source, destinationBranch,
                destination, mergeCommit, author, closedBy, reason, closeSourceBranch, createdOn, when);
    }
}
