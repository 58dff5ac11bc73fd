package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The Jira REST v2 shapes the tracker returns (a subset of Jira's fields, same names). */
public final class JiraJson {

    private JiraJson() {}

    public record Myself(String self, String name, String key, String displayName, String emailAddress,
            boolean active) {}

    public record UserRef(String self, String name, String key, String displayName, boolean active) {}

    public record ProjectRef(String self, String id, String key, String name) {}

    public record Status(String id, String name) {}

    public record IssueType(String name) {}

    public record CommentJson(String self, String id, UserRef author, String body, UserRef updateAuthor,
            String created, String updated) {}

    public record Comments(List<CommentJson> comments, int startAt, int maxResults, int total) {
        static Comments of(List<CommentJson> comments) {
            return new Comments(comments, 0, comments.size(), comments.size());
        }
    }

    public record WorklogJson(String self, String id, String issueId, UserRef author, String comment,
            String started, String timeSpent, long timeSpentSeconds, String created, String updated) {}

    public record Worklogs(List<WorklogJson> worklogs, int startAt, int maxResults, int total) {
        static Worklogs of(List<WorklogJson> worklogs) {
            return new Worklogs(worklogs, 0, worklogs.size(), worklogs.size());
        }
    }

    public record Fields(String summary, String description, Status status, ProjectRef project, IssueType issuetype,
            UserRef reporter, String created, String updated, Comments comment, Worklogs worklog) {}

    /** {@code changelog} only with {@code ?expand=changelog}, as in Jira. */
    public record IssueJson(String id, String key, String self, Fields fields,
            @JsonInclude(JsonInclude.Include.NON_NULL) Changelog changelog) {}

    /** Jira's change history, status changes only. */
    public record Changelog(int startAt, int maxResults, int total, List<History> histories) {
        static Changelog of(List<History> histories) {
            return new Changelog(0, histories.size(), histories.size(), histories);
        }
    }

    /**
     * One change. {@code author} is absent when a plugin acted as the system (Jira: anonymous); {@code actor}, not
     * Jira's, says who in words ("DVCS Connector on behalf of Bob Brown").
     */
    public record History(String id, @JsonInclude(JsonInclude.Include.NON_NULL) UserRef author, String actor,
            String created, List<HistoryItem> items) {}

    /** {@code toString} is Jira's name, not one a record component may have. */
    public record HistoryItem(String field, String fieldtype, String from, String fromString, String to,
            @com.fasterxml.jackson.annotation.JsonProperty("toString") String toText) {}

    public record CreatedIssue(String id, String key, String self) {}

    public record TransitionJson(String id, String name, Status to) {}

    public record Transitions(List<TransitionJson> transitions) {}
}
