package org.dvcsconnector.refapp.tracker;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dvcsconnector.spi.IssueTransition;

/** The one workflow every project uses, with Jira-like stable transition ids. */
public final class Workflow {

    public static final String TO_DO = "To Do";
    public static final String IN_PROGRESS = "In Progress";
    public static final String IN_REVIEW = "In Review";
    public static final String DONE = "Done";

    public static final List<String> STATUSES = List.of(TO_DO, IN_PROGRESS, IN_REVIEW, DONE);

    /** A named move between statuses. */
    public record Transition(String id, String name, Set<String> from, String to) {
        public IssueTransition toSpi() {
            return new IssueTransition(id, name, to);
        }
    }

    public static final List<Transition> TRANSITIONS = List.of(
            new Transition("11", "Start Progress", Set.of(TO_DO), IN_PROGRESS),
            new Transition("21", "Submit for review", Set.of(IN_PROGRESS), IN_REVIEW),
            new Transition("31", "Resolve", Set.of(TO_DO, IN_PROGRESS, IN_REVIEW), DONE),
            new Transition("41", "Reopen", Set.of(DONE), TO_DO));

    private Workflow() {}

    public static String initialStatus() {
        return TO_DO;
    }

    /** The transitions that leave {@code status}, in id order. */
    public static List<Transition> availableFrom(String status) {
        return TRANSITIONS.stream().filter(t -> t.from().contains(status)).toList();
    }

    /** The transition available from {@code status} whose id, or else name (ignoring case), is {@code idOrName}. */
    public static Optional<Transition> find(String status, String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        String wanted = idOrName.strip();
        List<Transition> available = availableFrom(status);
        return available.stream().filter(t -> t.id().equals(wanted)).findFirst()
                .or(() -> available.stream()
                        .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT)))
                        .findFirst());
    }

    /** A stable numeric id per status, for Jira-shaped JSON. */
    public static String statusId(String status) {
        return String.valueOf(STATUSES.indexOf(status) + 1);
    }
}
