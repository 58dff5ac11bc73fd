package org.dvcsconnector.issuekey;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.spi.IssueService;

/**
 * Issue keys in commit messages, branch names and pull-request titles, kept only when their project exists in the
 * host: the host's real project keys, not punctuation, are what stops false links ({@code UTF-8} links only where a
 * project {@code UTF} exists). Candidates come from {@link IssueKeyScanner}; of a candidate's readings the first
 * whose project exists is the key. Linking and smart commits both read keys here.
 *
 * <p>The host's project keys are cached briefly: a sync extracts from thousands of texts, and a project created a
 * minute ago is picked up on the next sync anyway.
 */
public final class IssueKeyExtractor {

    /** Distinct keys kept per item (a commit, a branch, a pull request): Jira's own limit of 500 issue keys. */
    public static final int MAX_KEYS = 500;
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final IssueService issues;
    private final Clock clock;
    private volatile Set<String> projectKeys;
    private volatile long loadedAt;

    public IssueKeyExtractor(IssueService issues, Clock clock) {
        this.issues = issues;
        this.clock = clock;
    }

    /**
     * Distinct keys of existing projects in the texts of one item (e.g. a pull request's title and source branch),
     * in order of first appearance, at most {@value #MAX_KEYS}. Null texts are skipped.
     */
    public List<IssueKey> extract(String... texts) {
        Map<String, IssueKey> keys = new LinkedHashMap<>();
        Set<String> projects = null;
        for (String text : texts) {
            if (text == null || text.isEmpty() || keys.size() >= MAX_KEYS) {
                continue;
            }
            Set<String> known = projects == null ? projects = projectKeys() : projects;
            IssueKeyScanner.scan(text, candidate -> {
                IssueKeyMatch match = resolve(candidate, known);
                if (match != null) {
                    keys.putIfAbsent(match.key().key(), match.key());
                }
                return keys.size() < MAX_KEYS;
            });
        }
        return List.copyOf(keys.values());
    }

    /**
     * Every place the text writes a key of an existing project, in order (a key written twice is there twice), at
     * most {@code limit}: what the smart-commit parser needs to see where keys stand among its commands.
     */
    public List<IssueKeyMatch> matches(CharSequence text, int limit) {
        List<IssueKeyMatch> found = new ArrayList<>();
        if (text == null || text.isEmpty() || limit <= 0) {
            return found;
        }
        Set<String> known = projectKeys();
        IssueKeyScanner.scan(text, candidate -> {
            IssueKeyMatch match = resolve(candidate, known);
            if (match != null) {
                found.add(match);
            }
            return found.size() < limit;
        });
        return found;
    }

    private static IssueKeyMatch resolve(KeyCandidate candidate, Set<String> projects) {
        for (IssueKeyMatch reading : candidate.readings()) {
            if (projects.contains(reading.key().projectKey())) {
                return reading;
            }
        }
        return null;
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
