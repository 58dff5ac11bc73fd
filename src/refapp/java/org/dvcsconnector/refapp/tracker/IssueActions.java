package org.dvcsconnector.refapp.tracker;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.spi.IssueOperationException;

/**
 * Issue operations as a user, with the tracker's permission rules: the user must exist and may only
 * touch issues of projects they may browse. Shared by the spi {@code IssueService}, the REST resources
 * and the host's pages, so the rules live in one place.
 */
public final class IssueActions {

    private final UserStore users;
    private final ProjectStore projects;
    private final IssueStore issues;
    private final Clock clock;

    IssueActions(UserStore users, ProjectStore projects, IssueStore issues, Clock clock) {
        this.users = users;
        this.projects = projects;
        this.issues = issues;
        this.clock = clock;
    }

    /** The issue if it exists and {@code username} may browse it; empty otherwise (no difference shown). */
    public Optional<Issue> findBrowsable(String username, String issueKey) {
        Optional<User> user = users.find(username);
        return issues.find(issueKey).filter(issue -> user.isPresent()
                && projects.find(issue.projectId()).map(p -> p.browsableBy(user.get())).orElse(false));
    }

    /** Looks up by key, or by numeric id as Jira's REST does. */
    public Optional<Issue> findBrowsableByKeyOrId(String username, String keyOrId) {
        if (keyOrId != null && keyOrId.matches("\\d{1,18}")) {
            return issues.find(Long.parseLong(keyOrId)).flatMap(issue -> findBrowsable(username, issue.key()));
        }
        return findBrowsable(username, keyOrId);
    }

    /** The issue page's content: the issue with its project, reporter, comments and work logs. */
    public Optional<IssueDetails> details(String username, String keyOrId) {
        return findBrowsableByKeyOrId(username, keyOrId).map(issue -> new IssueDetails(issue,
                projects.find(issue.projectId()).orElseThrow(),
                users.find(issue.reporter()).orElse(new User(issue.reporter(), issue.reporter(), null, false)),
                issues.comments(issue), issues.worklogs(issue), issues.history(issue)));
    }

    public List<Project> browsableProjects(String username) {
        Optional<User> user = users.find(username);
        return projects.all().stream().filter(p -> p.browsableBy(user.orElse(null))).toList();
    }

    /** A project's issues, newest first; empty when the project does not exist or is not browsable. */
    public List<Issue> projectIssues(String username, String projectKey) {
        Optional<User> user = users.find(username);
        boolean browsable = projects.find(projectKey).map(p -> p.browsableBy(user.orElse(null))).orElse(false);
        return browsable ? issues.listByProject(projectKey) : List.of();
    }

    /**
     * Creates an issue reported by {@code asUser}.
     *
     * @throws InvalidInputException with every bad field at once; a project the user may not browse is
     *     reported exactly like an unknown one
     */
    public Issue create(String asUser, String projectKey, String summary, String description) {
        User user = requireUser(asUser);
        Map<String, String> errors = new LinkedHashMap<>();
        IssueStore.summaryError(summary).ifPresent(m -> errors.put("summary", m));
        IssueStore.descriptionError(description).ifPresent(m -> errors.put("description", m));
        if (projectKey == null || projectKey.isBlank()) {
            errors.put("project", "project is required");
        } else if (!projects.find(projectKey.strip()).map(p -> p.browsableBy(user)).orElse(false)) {
            errors.put("project", "Specify a valid project ID or key");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return issues.create(projectKey, summary, description, user.username());
    }

    public List<Workflow.Transition> transitions(String asUser, String issueKey) {
        return Workflow.availableFrom(require(asUser, issueKey).status());
    }

    /** Runs the transition with this id (or name) and adds {@code comment} when it is not blank. */
    public Issue transition(String asUser, String issueKey, String transitionId, String comment) {
        Issue issue = require(asUser, issueKey);
        String author = canonical(asUser);
        move(issue, transitionId, author, author);
        if (comment != null && !comment.isBlank()) {
            issues.addComment(issue, author, comment, clock.instant());
        }
        return issues.find(issue.id()).orElseThrow();
    }

    /**
     * The transitions leaving the issue's status, for a plugin acting as the system: no user, so no browse check (the
     * refapp's workflow has no conditions to skip).
     */
    public List<Workflow.Transition> systemTransitions(String issueKey) {
        return Workflow.availableFrom(requireIssue(issueKey).status());
    }

    /**
     * Runs the transition as the system, whoever may browse the project, recorded in the history with no author and
     * {@code actor} in words.
     */
    public Issue systemTransition(String issueKey, String transitionId, String actor) {
        if (actor == null || actor.isBlank() || actor.length() > 255) {
            throw new IssueOperationException("A system transition must say who it is for, in at most 255 characters.");
        }
        Issue issue = requireIssue(issueKey);
        move(issue, transitionId, null, actor);
        return issues.find(issue.id()).orElseThrow();
    }

    private void move(Issue issue, String transitionId, String author, String actor) {
        Workflow.Transition transition = Workflow.find(issue.status(), transitionId)
                .orElseThrow(() -> new TransitionNotAvailableException(issue.key(), issue.status(), transitionId));
        if (!issues.changeStatus(issue, issue.status(), transition.to(), author, actor)) {
            throw new IssueOperationException(issue.key() + " was changed by someone else meanwhile; try again.");
        }
    }

    private Issue requireIssue(String issueKey) {
        return issues.find(issueKey).orElseThrow(() -> new IssueOperationException("There is no issue " + issueKey + "."));
    }

    public Comment addComment(String asUser, String issueKey, String body, Instant created) {
        Issue issue = require(asUser, issueKey);
        return issues.addComment(issue, canonical(asUser), body, created);
    }

    public List<Comment> comments(String asUser, String issueKey) {
        return issues.comments(require(asUser, issueKey));
    }

    public Worklog logWork(String asUser, String issueKey, long timeSpentSeconds, String comment, Instant started) {
        Issue issue = require(asUser, issueKey);
        return issues.addWorklog(issue, canonical(asUser), timeSpentSeconds, comment, started);
    }

    private Issue require(String asUser, String issueKey) {
        requireUser(asUser);
        return findBrowsableByKeyOrId(asUser, issueKey).orElseThrow(() -> new IssueNotFoundException(issueKey, asUser));
    }

    private User requireUser(String username) {
        return users.find(username).orElseThrow(() -> new IssueOperationException(
                username == null ? "An anonymous user may not change issues." : "No user named '" + username + "' exists."));
    }

    private String canonical(String username) {
        return requireUser(username).username();
    }
}
