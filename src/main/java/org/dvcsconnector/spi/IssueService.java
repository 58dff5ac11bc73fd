package org.dvcsconnector.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and their workflow (Jira {@code IssueService}). Operations "as" a user run with that user's
 * permissions and throw {@link IssueOperationException} when the host refuses them.
 */
public interface IssueService {

    Optional<IssueRef> getIssue(String issueKey);

    /** The keys of every project in the host, whoever may browse them. */
    Set<String> getProjectKeys();

    void addComment(String asUser, String issueKey, String body, Instant created);

    void logWork(String asUser, String issueKey, Duration timeSpent, String comment, Instant started);

    List<IssueTransition> getTransitions(String asUser, String issueKey);

    void transition(String asUser, String issueKey, String transitionId, String comment);
}
