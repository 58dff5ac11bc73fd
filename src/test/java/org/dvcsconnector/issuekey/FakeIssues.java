package org.dvcsconnector.issuekey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;

/** An issue service that only knows project keys (what extraction and sync need). */
public final class FakeIssues implements IssueService {

    private final Supplier<Set<String>> projectKeys;

    public FakeIssues(Supplier<Set<String>> projectKeys) {
        this.projectKeys = projectKeys;
    }

    public static FakeIssues projects(String... keys) {
        Set<String> set = Set.of(keys);
        return new FakeIssues(() -> set);
    }

    @Override
    public Optional<IssueRef> getIssue(String issueKey) {
        return Optional.empty();
    }

    @Override
    public Set<String> getAllProjectKeys() {
        return projectKeys.get();
    }

    @Override
    public void addComment(String asUser, String issueKey, String body, Instant created) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void logWork(String asUser, String issueKey, Duration timeSpent, String comment, Instant started) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<IssueTransition> getTransitions(String asUser, String issueKey) {
        return List.of();
    }

    @Override
    public void transition(String asUser, String issueKey, String transitionId, String comment) {
        throw new UnsupportedOperationException();
    }
}
