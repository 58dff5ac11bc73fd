package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;

/**
 * A pull request's reviewer or participant (definition {@code participant}): {@code role} REVIEWER or PARTICIPANT;
 * {@code participatedOn} is when they approved, null until they act.
 */
public record Participant(String username, String role, boolean approved, Instant participatedOn) {

    public static final String REVIEWER = "REVIEWER";
    public static final String PARTICIPANT = "PARTICIPANT";
}
