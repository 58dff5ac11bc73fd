package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;

/**
 * A pull request's reviewer or participant (definition {@code participant}): {@code role} REVIEWER or PARTICIPANT;
 * {@code state} {@value #APPROVED}, {@value #CHANGES_REQUESTED} or null (one at a time, as on Bitbucket: approving
 * withdraws a request for changes and the other way round); {@code participatedOn} is when they last reviewed, null
 * until they act.
 */
public record Participant(String username, String role, String state, Instant participatedOn) {

    public static final String REVIEWER = "REVIEWER";
    public static final String PARTICIPANT = "PARTICIPANT";
    public static final String APPROVED = "approved";
    public static final String CHANGES_REQUESTED = "changes_requested";

    public boolean approved() {
        return APPROVED.equals(state);
    }
}
