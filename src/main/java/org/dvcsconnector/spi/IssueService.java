package org.dvcsconnector.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and their workflow, as Jira's {@code com.atlassian.jira.bc.issue.IssueService} and the services beside it
 * give them. Operations "as" a user run with that user's permissions, the way Jira's services check them, and throw
 * {@link IssueOperationException} when the host refuses them.
 *
 * <p>Difference: one interface with keys, usernames and {@code java.time} instead of Jira's validate-then-do pairs
 * over several services ({@code IssueService}, {@code CommentService}, {@code WorklogService}); each method names
 * what a Jira adapter calls.
 */
public interface IssueService {

    /**
     * The issue, whoever may browse it: Jira's {@code IssueManager.getIssueObject(key)} (not
     * {@code IssueService.getIssue(user, key)}, which checks a user's permission).
     */
    Optional<IssueRef> getIssue(String issueKey);

    /** The keys of every project, whoever may browse them: SAL's {@code ProjectManager.getAllProjectKeys()}. */
    Set<String> getAllProjectKeys();

    /**
     * A comment with the given creation time, visible to all: Jira's {@code CommentService.create(user, issue, body,
     * groupLevel, roleLevelId, created, dispatchEvent, errorCollection)}.
     */
    void addComment(String asUser, String issueKey, String body, Instant created);

    /**
     * Work logged from {@code started}: Jira's {@code WorklogService.validateCreate} and
     * {@code createAndAutoAdjustRemainingEstimate}.
     */
    void logWork(String asUser, String issueKey, Duration timeSpent, String comment, Instant started);

    /** The transitions the user may take now: Jira's {@code IssueWorkflowManager.getAvailableActions(issue, user)}. */
    List<IssueTransition> getTransitions(String asUser, String issueKey);

    /**
     * Takes a transition, with an optional comment: Jira's {@code IssueService.validateTransition} (the comment in its
     * {@code IssueInputParameters}) and {@code transition}.
     */
    void transition(String asUser, String issueKey, String transitionId, String comment);

    /**
     * Every transition of the project's workflow, whatever the status it leaves from, in the workflow's order; empty
     * for an unknown project. Jira: {@code WorkflowManager.getWorkflow(projectId, issueTypeId)} for each issue type of
     * the project's workflow scheme, then {@code JiraWorkflow.getAllActions()}.
     */
    default List<IssueTransition> getWorkflowTransitions(String projectKey) {
        throw new UnsupportedOperationException("This host does not list workflow transitions");
    }

    /**
     * The transitions the actor may take now. For {@link IssueActor.AsSystem}: every transition that leaves the issue's
     * status, conditions ignored (Jira: {@code IssueWorkflowManager.getAvailableActions(issue, TransitionOptions
     * .defaults().skipConditions(), null)}).
     */
    default List<IssueTransition> getTransitions(IssueActor actor, String issueKey) {
        if (actor instanceof IssueActor.AsUser user) {
            return getTransitions(user.username(), issueKey);
        }
        throw new UnsupportedOperationException("This host cannot act as " + actor.label());
    }

    /**
     * Takes a transition as the actor. For {@link IssueActor.AsSystem} conditions, validators and permissions are
     * skipped and the host records the change as {@link IssueActor#label()} (Jira: {@code validateTransition(null,
     * issueId, actionId, params, TransitionOptions} with {@code skipConditions().skipValidators().skipPermissions()}),
     * then {@code transition(null, result)}; the label goes into the transition's comment).
     */
    default void transition(IssueActor actor, String issueKey, String transitionId, String comment) {
        if (!(actor instanceof IssueActor.AsUser user)) {
            throw new UnsupportedOperationException("This host cannot act as " + actor.label());
        }
        transition(user.username(), issueKey, transitionId, comment);
    }
}
