package org.dvcsconnector.refapp.tracker;

import java.util.List;

/** Everything the issue page and {@code GET /rest/api/2/issue/{key}} show, read in one go. */
public record IssueDetails(Issue issue, Project project, User reporter, List<Comment> comments,
        List<Worklog> worklogs, List<HistoryEntry> history) {}
