package org.dvcsconnector.smartcommit;

import java.time.Duration;
import java.util.List;

/**
 * One command of a commit message for one or more issues: {@code text} is the command as written (for error
 * reports), {@code action} what it asks for.
 */
public record SmartCommand(List<String> issueKeys, String text, Action action) {

    public SmartCommand {
        issueKeys = List.copyOf(issueKeys);
    }

    /** What a command asks for. */
    public sealed interface Action {}

    /** {@code #comment text}. */
    public record Comment(String body) implements Action {}

    /** {@code #time 1w 2d 4h 30m [comment]}. */
    public record LogWork(Duration timeSpent, String comment) implements Action {}

    /** {@code #<transition> [comment]}: {@code name} has hyphens turned into spaces. */
    public record Transition(String name, String comment) implements Action {}

    /** A command that cannot run as written (e.g. {@code #time} without a duration). */
    public record Invalid(String reason) implements Action {}
}
