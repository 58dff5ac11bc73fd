package org.dvcsconnector.refapp.tracker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Issues, their comments and work logs. No permission checks here: {@link IssueActions} does those. */
public final class IssueStore {

    public static final int MAX_SUMMARY = 255;
    public static final int MAX_TEXT = TrackerSchema.MAX_TEXT;
    public static final long MAX_TIME_SPENT_SECONDS = 100_000L * 3600;

    private static final String SELECT = "SELECT i.ID, i.ISSUE_KEY, i.PROJECT_ID, p.PROJECT_KEY, i.SUMMARY, i.DESCRIPTION,"
            + " i.STATUS, i.REPORTER, i.CREATED, i.UPDATED FROM REFAPP_ISSUE i JOIN REFAPP_PROJECT p ON p.ID = i.PROJECT_ID";
    private static final int ATTEMPTS = 5;

    private final Sql sql;
    private final Clock clock;

    IssueStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Creates an issue in status {@link Workflow#TO_DO}, numbered by the project's counter.
     *
     * @throws InvalidInputException for a missing or unknown project, or a missing or too long summary
     */
    public Issue create(String projectKey, String summary, String description, String reporter) {
        validateSummary(summary);
        descriptionError(description).ifPresent(message -> {
            throw new InvalidInputException("description", message);
        });
        if (projectKey == null || projectKey.isBlank()) {
            throw new InvalidInputException("project", "project is required");
        }
        String key = projectKey.strip().toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                return sql.inTransaction(c -> insert(c, key, summary.strip(), description, reporter, now));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !isLockContention(e)) {
                    throw e;
                }
            }
        }
    }

    private Issue insert(Connection c, String projectKey, String summary, String description, String reporter,
            Instant now) throws SQLException {
        Project project = Sql.list(c, "SELECT ID, PROJECT_KEY, NAME, BROWSE FROM REFAPP_PROJECT WHERE PROJECT_KEY = ?",
                        ProjectStore::project, projectKey).stream().findFirst()
                .orElseThrow(() -> new InvalidInputException("project", "Specify a valid project ID or key"));
        // The UPDATE row-locks the project until commit, so concurrent creators take numbers one at a time.
        Sql.update(c, "UPDATE REFAPP_PROJECT SET ISSUE_COUNTER = ISSUE_COUNTER + 1 WHERE ID = ?", project.id());
        long number = Sql.list(c, "SELECT ISSUE_COUNTER FROM REFAPP_PROJECT WHERE ID = ?", r -> r.getLong(1),
                project.id()).get(0);
        String key = project.key() + "-" + number;
        long id = Sql.insert(c, "INSERT INTO REFAPP_ISSUE (PROJECT_ID, ISSUE_NUMBER, ISSUE_KEY, SUMMARY, DESCRIPTION,"
                        + " STATUS, REPORTER, CREATED, UPDATED) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                project.id(), number, key, summary, description, Workflow.initialStatus(), reporter, now, now);
        return new Issue(id, key, project.id(), project.key(), summary, description, Workflow.initialStatus(), reporter,
                Sql.timestamp(now).toInstant(), Sql.timestamp(now).toInstant());
    }

    static void validateSummary(String summary) {
        summaryError(summary).ifPresent(message -> {
            throw new InvalidInputException("summary", message);
        });
    }

    /** Jira's messages for a missing or too long summary. */
    static Optional<String> summaryError(String summary) {
        if (summary == null || summary.isBlank()) {
            return Optional.of("You must specify a summary of the issue.");
        }
        if (summary.strip().length() > MAX_SUMMARY) {
            return Optional.of("Summary must be less than " + MAX_SUMMARY + " characters.");
        }
        return Optional.empty();
    }

    static Optional<String> descriptionError(String description) {
        return description != null && description.length() > MAX_TEXT
                ? Optional.of("The description must be at most " + MAX_TEXT + " characters.")
                : Optional.empty();
    }

    private static boolean isLockContention(DataAccessException e) {
        String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
        // H2 lock timeout, PostgreSQL serialization failure and deadlock.
        return "HYT00".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    public Optional<Issue> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return sql.first(SELECT + " WHERE i.ISSUE_KEY = ?", IssueStore::issue, key.strip().toUpperCase(Locale.ROOT));
    }

    public Optional<Issue> find(long id) {
        return sql.first(SELECT + " WHERE i.ID = ?", IssueStore::issue, id);
    }

    /** A project's issues, newest first. */
    public List<Issue> listByProject(String projectKey) {
        return sql.list(SELECT + " WHERE p.PROJECT_KEY = ? ORDER BY i.ISSUE_NUMBER DESC", IssueStore::issue,
                projectKey == null ? null : projectKey.toUpperCase(Locale.ROOT));
    }

    public long countByProject(String projectKey) {
        return sql.first("SELECT COUNT(*) FROM REFAPP_ISSUE i JOIN REFAPP_PROJECT p ON p.ID = i.PROJECT_ID"
                + " WHERE p.PROJECT_KEY = ?", r -> r.getLong(1), projectKey).orElse(0L);
    }

    /**
     * Moves the issue from {@code from} to {@code to} and records it in the history as done by {@code author} (null:
     * the system) described as {@code actor}; false, with nothing written, when its status was no longer {@code from}.
     */
    public boolean changeStatus(Issue issue, String from, String to, String author, String actor) {
        Instant now = clock.instant();
        return sql.inTransaction(c -> {
            if (Sql.update(c, "UPDATE REFAPP_ISSUE SET STATUS = ?, UPDATED = ? WHERE ID = ? AND STATUS = ?", to, now,
                    issue.id(), from) != 1) {
                return false;
            }
            Sql.insert(c, "INSERT INTO REFAPP_HISTORY (ISSUE_ID, AUTHOR, ACTOR, FROM_STATUS, TO_STATUS, CREATED)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", issue.id(), author, actor, from, to, now);
            return true;
        });
    }

    /** The issue's status changes, oldest first. */
    public List<HistoryEntry> history(Issue issue) {
        return sql.list("SELECT ID, AUTHOR, ACTOR, FROM_STATUS, TO_STATUS, CREATED FROM REFAPP_HISTORY WHERE ISSUE_ID = ?"
                        + " ORDER BY CREATED, ID",
                r -> new HistoryEntry(r.getLong("ID"), issue.key(), r.getString("AUTHOR"), r.getString("ACTOR"),
                        r.getString("FROM_STATUS"), r.getString("TO_STATUS"), Sql.instant(r, "CREATED")), issue.id());
    }

    public Comment addComment(Issue issue, String author, String body, Instant created) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("comment", "Comment body can not be empty!");
        }
        if (body.length() > MAX_TEXT) {
            throw new InvalidInputException("comment", "The comment must be at most " + MAX_TEXT + " characters.");
        }
        long id = sql.inTransaction(c -> {
            touch(c, issue);
            return Sql.insert(c, "INSERT INTO REFAPP_COMMENT (ISSUE_ID, AUTHOR, BODY, CREATED) VALUES (?, ?, ?, ?)",
                    issue.id(), author, body, created);
        });
        return new Comment(id, issue.key(), author, body, Sql.timestamp(created).toInstant());
    }

    public Worklog addWorklog(Issue issue, String author, long timeSpentSeconds, String comment, Instant started) {
        if (timeSpentSeconds < 60 || timeSpentSeconds > MAX_TIME_SPENT_SECONDS) {
            throw new InvalidInputException("timeLogged",
                    "The time spent must be between 1 minute and 100000 hours (60 to " + MAX_TIME_SPENT_SECONDS + " seconds).");
        }
        if (comment != null && comment.length() > MAX_TEXT) {
            throw new InvalidInputException("comment", "The work log comment must be at most " + MAX_TEXT + " characters.");
        }
        Instant now = clock.instant();
        Instant start = started == null ? now : started;
        long id = sql.inTransaction(c -> {
            touch(c, issue);
            return Sql.insert(c, "INSERT INTO REFAPP_WORKLOG (ISSUE_ID, AUTHOR, TIME_SPENT_SECONDS, WORK_COMMENT, STARTED,"
                    + " CREATED) VALUES (?, ?, ?, ?, ?, ?)", issue.id(), author, timeSpentSeconds, comment, start, now);
        });
        return new Worklog(id, issue.key(), author, timeSpentSeconds, comment, Sql.timestamp(start).toInstant(),
                Sql.timestamp(now).toInstant());
    }

    public List<Comment> comments(Issue issue) {
        return sql.list("SELECT ID, AUTHOR, BODY, CREATED FROM REFAPP_COMMENT WHERE ISSUE_ID = ? ORDER BY CREATED, ID",
                r -> new Comment(r.getLong("ID"), issue.key(), r.getString("AUTHOR"), r.getString("BODY"),
                        Sql.instant(r, "CREATED")), issue.id());
    }

    public List<Worklog> worklogs(Issue issue) {
        return sql.list("SELECT ID, AUTHOR, TIME_SPENT_SECONDS, WORK_COMMENT, STARTED, CREATED FROM REFAPP_WORKLOG"
                        + " WHERE ISSUE_ID = ? ORDER BY STARTED, ID",
                r -> new Worklog(r.getLong("ID"), issue.key(), r.getString("AUTHOR"), r.getLong("TIME_SPENT_SECONDS"),
                        r.getString("WORK_COMMENT"), Sql.instant(r, "STARTED"), Sql.instant(r, "CREATED")), issue.id());
    }

    private void touch(Connection c, Issue issue) throws SQLException {
        Sql.update(c, "UPDATE REFAPP_ISSUE SET UPDATED = ? WHERE ID = ?", clock.instant(), issue.id());
    }

    private static Issue issue(ResultSet r) throws SQLException {
        return new Issue(r.getLong("ID"), r.getString("ISSUE_KEY"), r.getLong("PROJECT_ID"), r.getString("PROJECT_KEY"),
                r.getString("SUMMARY"), r.getString("DESCRIPTION"), r.getString("STATUS"), r.getString("REPORTER"),
                Sql.instant(r, "CREATED"), Sql.instant(r, "UPDATED"));
    }
}
