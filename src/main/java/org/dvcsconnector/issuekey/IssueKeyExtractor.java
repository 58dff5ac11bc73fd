package org.dvcsconnector.issuekey;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dvcsconnector.spi.IssueService;

/**
 * Issue keys in commit messages, branch names and pull-request titles, kept only when their project exists
 * in the host. The host's project keys are cached briefly: a sync extracts from thousands of texts, and a
 * project created a minute ago is picked up on the next sync anyway.
 */
public final class IssueKeyExtractor {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final IssueService issues;
    private final Clock clock;
    private volatile Set<String> projectKeys;
    private volatile long loadedAt;

    public IssueKeyExtractor(IssueService issues, Clock clock) {
        this.issues = issues;
        this.clock = clock;
    }

    /** Distinct keys of existing projects, in order of first appearance (at most {@link IssueKeyScanner#MAX_KEYS}). */
    public List<IssueKey> extract(String text) {
        List<String> candidates = IssueKeyScanner.candidates(text);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> projects = projectKeys();
        List<IssueKey> keys = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            String project = candidate.substring(0, candidate.lastIndexOf('-'));
            if (projects.contains(project)) {
                keys.add(new IssueKey(candidate, project));
            }
        }
        return keys;
    }

    private Set<String> projectKeys() {
        long now = clock.millis();
        Set<String> cached = projectKeys;
        if (cached == null || now - loadedAt > CACHE_TTL.toMillis()) {
            cached = Set.copyOf(issues.getAllProjectKeys());
            projectKeys = cached;
            loadedAt = now;
        }
        return cached;
    }
}
