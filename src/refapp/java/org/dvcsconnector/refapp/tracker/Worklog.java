package org.dvcsconnector.refapp.tracker;

import java.time.Instant;

/** Time logged on an issue; {@link TimeTracking#format} shows it as Jira does. */
public record Worklog(long id, String issueKey, String author, long timeSpentSeconds, String comment, Instant started,
        Instant created) {}
