package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull request, immutable: every change replaces it in its repository (readers never see a half-made
 * change). Source and destination commits are commit indexes in the repository's {@link CommitGraph};
 * {@code mergeCommit} is {@link CommitGraph#NONE} unless merged.
 */
public record PullRequest(int id, String title, String description, String state, String sourceBranch,
                          int sourceCommit, String destinationBranch, int destinationCommit, int mergeCommit,
                          String author, String closedBy, String reason, boolean closeSourceBranch,
                          Instant createdOn, Instant updatedOn, List<Participant> participants) {

    public static final String OPEN = "OPEN";
    public static final String MERGED = "MERGED";
    public static final String DECLINED = "DECLINED";
    public static final String SUPERSEDED = "SUPERSEDED";

    public PullRequest {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /**
     * {@code username}'s review becomes {@code review} ({@link Participant#APPROVED}, {@link
     * Participant#CHANGES_REQUESTED}, or null when withdrawn); someone not yet taking part joins as a participant.
     */
    public PullRequest withReview(String username, String review, Instant when) {
        List<Participant> next = new ArrayList<>();
        boolean found = false;
        for (Participant p : participants) {
            if (p.username().equals(username)) {
                next.add(new Participant(username, p.role(), review, when));
                found = true;
            } else {
                next.add(p);
            }
        }
        if (!found) {
            next.add(new Participant(username, Participant.PARTICIPANT, review, when));
        }
        return new PullRequest(id, title, description, state, sourceBranch, sourceCommit, destinationBranch,
                destinationCommit, mergeCommit, author, closedBy, reason, closeSourceBranch, createdOn, when, next);
    }

    public PullRequest withState(String newState, int merge, String by, String why, Instant when) {
        return new PullRequest(id, title, description, newState, sourceBranch, sourceCommit, destinationBranch,
                destinationCommit, merge, author, by, why, closeSourceBranch, createdOn, when, participants);
    }

    public PullRequest withContent(String newTitle, String newDescription, Instant when) {
        return new PullRequest(id, newTitle, newDescription, state, sourceBranch, sourceCommit, destinationBranch,
                destinationCommit, mergeCommit, author, closedBy, reason, closeSourceBranch, createdOn, when, participants);
    }

    public PullRequest withCommits(int source, int destination, Instant when) {
        return new PullRequest(id, title, description, state, sourceBranch, source, destinationBranch,
                destination, mergeCommit, author, closedBy, reason, closeSourceBranch, createdOn, when, participants);
    }
}
