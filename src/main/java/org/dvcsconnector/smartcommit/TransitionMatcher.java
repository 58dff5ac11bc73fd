package org.dvcsconnector.smartcommit;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dvcsconnector.spi.IssueTransition;

/** Picks the transition a name means: exact (ignoring case) first, else the only one it is a prefix of. */
public final class TransitionMatcher {

    /** The transition, or why there is none. */
    public record Match(IssueTransition transition, String problem) {}

    private TransitionMatcher() {}

    public static Match match(List<IssueTransition> available, String name) {
        String wanted = normalise(name);
        List<IssueTransition> exact = available.stream().filter(t -> normalise(t.name()).equals(wanted)).toList();
        if (exact.size() == 1) {
            return new Match(exact.get(0), null);
        }
        List<IssueTransition> prefixed = exact.isEmpty()
                ? available.stream().filter(t -> !wanted.isEmpty() && normalise(t.name()).startsWith(wanted)).toList()
                : exact;
        if (prefixed.size() == 1) {
            return new Match(prefixed.get(0), null);
        }
        String names = available.stream().map(IssueTransition::name).collect(Collectors.joining(", "));
        return new Match(null, prefixed.isEmpty()
                ? "No transition '" + name + "' from the issue's status" + (names.isEmpty() ? "" : " (available: " + names + ")")
                : "'" + name + "' matches several transitions: " + prefixed.stream().map(IssueTransition::name)
                        .collect(Collectors.joining(", ")));
    }

    private static String normalise(String name) {
        return name.replace('-', ' ').strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
