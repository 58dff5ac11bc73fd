package org.dvcsconnector.refapp.tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dvcsconnector.spi.IssueActor;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;

/** The spi {@link IssueService}, a thin adapter over {@link IssueActions}. */
final class TrackerIssueService implements IssueService {

    private final ProjectStore projects;
    private final IssueStore issues;
    private final IssueActions actions;

    TrackerIssueService(ProjectStore projects, IssueStore issues, IssueActions actions) {
        this.projects = projects;
        this.issues = issues;
        this.actions = actions;
    }

    @Override
    public Optional<IssueRef> getIssue(String issueKey) {
        return issues.find(issueKey).map(Issue::ref);
    }

    @Override
    public Set<String> getAllProjectKeys() {
        Set<String> keys = new LinkedHashSet<>();
        projects.all().forEach(p -> keys.add(p.key()));
        return keys;
    }

    @Override
    public void addComment(String asUser, String issueKey, String body, Instant created) {
        actions.addComment(asUser, issueKey, body, created == null ? Instant.now() : created);
    }

    @Override
    public void logWork(String asUser, String issueKey, Duration timeSpent, String comment, Instant started) {
        if (timeSpent == null) {
            throw new IssueOperationException("The time spent is required.");
        }
        actions.logWork(asUser, issueKey, timeSpent.toSeconds(), comment, started);
    }

    @Override
    public List<IssueTransition> getTransitions(String asUser, String issueKey) {
        return actions.transitions(asUser, issueKey).stream().map(Workflow.Transition::toSpi).toList();
    }

    @Override
    public void transition(String asUser, String issueKey, String transitionId, String comment) {
        actions.transition(asUser, issueKey, transitionId, comment);
    }

    /** The one workflow every project uses; nothing for a project that does not exist. */
    @Override
    public List<IssueTransition> getWorkflowTransitions(String projectKey) {
        return projectKey != null && projects.find(projectKey).isPresent()
                ? Workflow.TRANSITIONS.stream().map(Workflow.Transition::toSpi).toList() : List.of();
    }

    @Override
    public List<IssueTransition> getTransitions(IssueActor actor, String issueKey) {
        if (actor instanceof IssueActor.AsUser user) {
            return getTransitions(user.username(), issueKey);
        }
        return actions.systemTransitions(issueKey).stream().map(Workflow.Transition::toSpi).toList();
    }

    /** As the system: the history says "{app} on behalf of {name}"; a comment is left out (it would need an author). */
    @Override
    public void transition(IssueActor actor, String issueKey, String transitionId, String comment) {
        if (actor instanceof IssueActor.AsUser user) {
            transition(user.username(), issueKey, transitionId, comment);
        } else {
            actions.systemTransition(issueKey, transitionId, actor.label());
        }
    }
}
