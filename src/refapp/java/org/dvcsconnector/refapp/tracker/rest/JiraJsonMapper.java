package org.dvcsconnector.refapp.tracker.rest;

import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dvcsconnector.refapp.tracker.Comment;
import org.dvcsconnector.refapp.tracker.HistoryEntry;
import org.dvcsconnector.refapp.tracker.Issue;
import org.dvcsconnector.refapp.tracker.IssueDetails;
import org.dvcsconnector.refapp.tracker.Project;
import org.dvcsconnector.refapp.tracker.TimeTracking;
import org.dvcsconnector.refapp.tracker.User;
import org.dvcsconnector.refapp.tracker.UserStore;
import org.dvcsconnector.refapp.tracker.Workflow;
import org.dvcsconnector.refapp.tracker.Worklog;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.CommentJson;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.Comments;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.Fields;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.IssueJson;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.IssueType;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.ProjectRef;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.Status;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.UserRef;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.WorklogJson;
import org.dvcsconnector.refapp.tracker.rest.JiraJson.Worklogs;

/** Domain records to Jira JSON, with {@code self} links under the request's REST base. */
final class JiraJsonMapper {

    /** ISO-8601 with milliseconds and an offset, in UTC (Jira's precision; parses with OffsetDateTime). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final UserStore users;
    private final TimeTracking timeTracking;

    JiraJsonMapper(UserStore users, TimeTracking timeTracking) {
        this.users = users;
        this.timeTracking = timeTracking;
    }

    JiraJson.Myself myself(User user, UriInfo uri) {
        return new JiraJson.Myself(self(uri, "user?username=" + user.username()), user.username(), user.username(),
                user.displayName(), user.email(), true);
    }

    ProjectRef project(Project project, UriInfo uri) {
        return new ProjectRef(self(uri, "project/" + project.id()), String.valueOf(project.id()), project.key(),
                project.name());
    }

    IssueJson issue(IssueDetails details, UriInfo uri, boolean changelog) {
        Issue issue = details.issue();
        Fields fields = new Fields(issue.summary(), issue.description(), status(issue.status()),
                project(details.project(), uri), new IssueType("Task"), userRef(details.reporter(), uri),
                time(issue.created()), time(issue.updated()),
                Comments.of(details.comments().stream().map(c -> comment(c, uri)).toList()),
                Worklogs.of(details.worklogs().stream().map(w -> worklog(w, issue, uri)).toList()));
        return new IssueJson(String.valueOf(issue.id()), issue.key(), issueSelf(issue, uri), fields,
                changelog ? JiraJson.Changelog.of(details.history().stream().map(h -> history(h, uri)).toList()) : null);
    }

    private JiraJson.History history(HistoryEntry entry, UriInfo uri) {
        return new JiraJson.History(String.valueOf(entry.id()), entry.author() == null ? null : userRef(entry.author(), uri),
                entry.actor(), time(entry.created()), List.of(new JiraJson.HistoryItem("status", "jira",
                        Workflow.statusId(entry.from()), entry.from(), Workflow.statusId(entry.to()), entry.to())));
    }

    JiraJson.CreatedIssue created(Issue issue, UriInfo uri) {
        return new JiraJson.CreatedIssue(String.valueOf(issue.id()), issue.key(), issueSelf(issue, uri));
    }

    CommentJson comment(Comment comment, UriInfo uri) {
        UserRef author = userRef(comment.author(), uri);
        String created = time(comment.created());
        return new CommentJson(self(uri, "issue/" + comment.issueKey() + "/comment/" + comment.id()),
                String.valueOf(comment.id()), author, comment.body(), author, created, created);
    }

    WorklogJson worklog(Worklog worklog, Issue issue, UriInfo uri) {
        String created = time(worklog.created());
        return new WorklogJson(self(uri, "issue/" + issue.id() + "/worklog/" + worklog.id()),
                String.valueOf(worklog.id()), String.valueOf(issue.id()), userRef(worklog.author(), uri),
                worklog.comment(), time(worklog.started()), timeTracking.format(worklog.timeSpentSeconds()),
                worklog.timeSpentSeconds(), created,
                created);
    }

    JiraJson.Transitions transitions(List<Workflow.Transition> transitions) {
        return new JiraJson.Transitions(transitions.stream()
                .map(t -> new JiraJson.TransitionJson(t.id(), t.name(), status(t.to()))).toList());
    }

    static Status status(String name) {
        return new Status(Workflow.statusId(name), name);
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private UserRef userRef(String username, UriInfo uri) {
        return userRef(users.find(username).orElse(new User(username, username, null, false)), uri);
    }

    private static UserRef userRef(User user, UriInfo uri) {
        return new UserRef(self(uri, "user?username=" + user.username()), user.username(), user.username(),
                user.displayName(), true);
    }

    private static String issueSelf(Issue issue, UriInfo uri) {
        return self(uri, "issue/" + issue.id());
    }

    /** User names are restricted to URL-safe characters, so plain concatenation is safe here. */
    private static String self(UriInfo uri, String path) {
        return uri.getBaseUri().resolve(path).toString();
    }
}
