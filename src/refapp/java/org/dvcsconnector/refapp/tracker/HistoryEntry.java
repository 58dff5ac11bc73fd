package org.dvcsconnector.refapp.tracker;

import java.time.Instant;

/**
 * A status change in an issue's history. {@code author} is the user who made it, or null when a plugin acted as the
 * system (Jira records those as anonymous); {@code actor} says who in words either way.
 */
public record HistoryEntry(long id, String issueKey, String author, String actor, String from, String to,
        Instant created) {}
