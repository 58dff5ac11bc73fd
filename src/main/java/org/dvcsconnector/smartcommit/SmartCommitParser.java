package org.dvcsconnector.smartcommit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.issuekey.IssueKeyMatch;
import org.dvcsconnector.spi.TimeTrackingConfiguration;

/**
 * The smart-commit grammar as Jira documents it, {@code <ignored text> ISSUE_KEY <ignored text> #COMMAND <arguments>},
 * over a commit message:
 * <pre>
 *   message  := (text | group)*
 *   group    := keys-and-text command+       the keys: every issue key on the line before the first command
 *   command  := '#' name args                args run to the next command, the next group or the line's end
 * </pre>
 * Issue keys are exactly those the commit's links have: {@link IssueKeyExtractor} finds them, so a command runs on an
 * issue only if the commit is linked to it, and every key the line links before a command gets it
 * ({@code feature-ABC-1 fix #comment …}, {@code ABC-1-login #comment …}). Lines above that hold only keys
 * ({@code ABC-1, ABC-2} alone on a line) belong to the group too; other lines without a command are text. A line that
 * starts with a command continues the last group. Within a command's arguments a key is text
 * ({@code #comment see ABC-7}), unless the words right before the next command all hold keys
 * ({@code ABC-1 #comment a ABC-2 #resolve}): then they begin a new group. A command is {@code #} at the start or after
 * a blank, then an ASCII letter; {@code #ABC-1} is a key, not a command. {@code #comment} and {@code #time} are built
 * in; any other name is a transition. A command with no group is ignored.
 *
 * <p>One pass, no regular expressions over the message, so the work is linear. Bounded on hostile input: only the
 * first {@value #MAX_CHARS} characters are read; at most {@value #MAX_COMMANDS} commands, and at most
 * {@value #MAX_ACTIONS} issue-command pairs in all (so a group has at most as many keys as an item's links,
 * {@link IssueKeyExtractor#MAX_KEYS}); later commands are dropped. A parser bug never throws (nothing is parsed);
 * a host that cannot say its projects or its working time does, so that the caller tries again.
 */
public final class SmartCommitParser {

    public static final int MAX_CHARS = 64 * 1024;
    public static final int MAX_COMMANDS = 50;
    /** Issue-command pairs per message: each is a call to the host, and Jira keeps 500 issue keys per item. */
    public static final int MAX_ACTIONS = IssueKeyExtractor.MAX_KEYS;
    private static final int MAX_NAME = 64;

    private final IssueKeyExtractor keys;
    private final TimeTrackingConfiguration timeTracking;

    public SmartCommitParser(IssueKeyExtractor keys, TimeTrackingConfiguration timeTracking) {
        this.keys = keys;
        this.timeTracking = timeTracking;
    }

    public List<SmartCommand> parse(String message) {
        if (message == null) {
            return List.of();
        }
        // A key cut short at the end cannot matter: its commands would have to follow it.
        String text = message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message;
        if (text.indexOf('#') < 0) {
            return List.of(); // no command: nothing to ask the host
        }
        List<IssueKeyMatch> found = keys.matches(text, MAX_CHARS);
        if (found.isEmpty()) {
            return List.of();
        }
        WorkingTime workingTime = WorkingTime.of(timeTracking);
        try {
            return new Run(text, found, workingTime).parse();
        } catch (RuntimeException e) {
            return List.of(); // defensive: a parser bug must never stop a sync or the event queue
        }
    }

    /** The state of one parse. */
    private static final class Run {
        private final String s;
        private final int n;
        private final List<IssueKeyMatch> found; // in order of position, never overlapping
        private final WorkingTime workingTime;
        private final List<SmartCommand> out = new ArrayList<>();
        private int nextKey;
        private int actions;
        private boolean full;
        private List<String> group = List.of();
        private final Set<String> pending = new LinkedHashSet<>(); // keys of the group text being read
        private final Set<String> trailing = new LinkedHashSet<>(); // keys of the words right before, in arguments
        private int trailingStart;
        private boolean lineOfKeys = true; // every word on the line so far holds a key
        private boolean inWord;
        private boolean wordHasKey;
        private int wordStart;
        private String openName; // the command whose arguments are being read
        private int openStart; // where its arguments start
        private int openTextStart;

        Run(String s, List<IssueKeyMatch> found, WorkingTime workingTime) {
            this.s = s;
            this.n = s.length();
            this.found = found;
            this.workingTime = workingTime;
        }

        List<SmartCommand> parse() {
            int i = 0;
            while (i < n && !full) {
                while (nextKey < found.size() && found.get(nextKey).start() < i) {
                    nextKey++; // inside a command's name
                }
                if (nextKey < found.size() && found.get(nextKey).start() == i) {
                    IssueKeyMatch match = found.get(nextKey++);
                    key(i, match.key().key());
                    i = match.end();
                    continue;
                }
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    endWord();
                    if (openName != null) {
                        close(i);
                    } else if (!lineOfKeys) {
                        pending.clear(); // a line of text without a command: its keys are only mentioned
                    }
                    trailing.clear();
                    lineOfKeys = true;
                    i++;
                } else if (isBlank(c)) {
                    endWord();
                    i++;
                } else if (c == '#' && (i == 0 || isSpace(s.charAt(i - 1))) && i + 1 < n && isLetter(s.charAt(i + 1))
                        && !keyAt(i + 1)) {
                    int end = i + 1;
                    while (end < n && isNameChar(s.charAt(end)) && end - i <= MAX_NAME) {
                        end++;
                    }
                    command(i, end);
                    i = end;
                } else {
                    startWord(i);
                    i++;
                }
            }
            close(n);
            return out;
        }

        private boolean keyAt(int i) {
            return nextKey < found.size() && found.get(nextKey).start() == i;
        }

        private void key(int at, String key) {
            startWord(at);
            wordHasKey = true;
            if (openName == null) {
                add(pending, key);
            } else {
                if (trailing.isEmpty()) {
                    trailingStart = wordStart;
                }
                add(trailing, key);
            }
        }

        private static void add(Set<String> keys, String key) {
            if (keys.size() < MAX_ACTIONS) {
                keys.add(key);
            }
        }

        private void startWord(int at) {
            if (!inWord) {
                inWord = true;
                wordHasKey = false;
                wordStart = at;
            }
        }

        /** A blank ends a word: a word without a key ends the run of key words before the next command. */
        private void endWord() {
            if (inWord && !wordHasKey) {
                trailing.clear();
                lineOfKeys = false;
            }
            inWord = false;
        }

        private void command(int start, int nameEnd) {
            if (openName != null) {
                if (trailing.isEmpty()) {
                    close(start);
                } else {
                    close(trailingStart); // the words before the command begin a new group
                    group = List.copyOf(trailing);
                }
            } else if (!pending.isEmpty()) {
                group = List.copyOf(pending);
            }
            pending.clear();
            trailing.clear();
            inWord = false;
            lineOfKeys = false;
            if (group.isEmpty() || full) {
                return; // text before the first key
            }
            openName = s.substring(start + 1, nameEnd);
            openTextStart = start;
            openStart = nameEnd;
        }

        /** Ends the open command (if any) at {@code end} and records it. */
        private void close(int end) {
            if (openName == null) {
                return;
            }
            String name = openName;
            openName = null;
            if (out.size() >= MAX_COMMANDS || actions + group.size() > MAX_ACTIONS) {
                full = true;
                return;
            }
            String args = s.substring(openStart, Math.max(openStart, end)).strip();
            String text = s.substring(openTextStart, Math.max(openStart, end)).strip();
            out.add(new SmartCommand(group, text, action(name, args, workingTime)));
            actions += group.size();
        }
    }

    static SmartCommand.Action action(String name, String args, WorkingTime workingTime) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "comment" -> args.isEmpty() ? new SmartCommand.Invalid("The comment is empty")
                    : new SmartCommand.Comment(args);
            case "time" -> WorkDuration.logWork(args, workingTime);
            default -> new SmartCommand.Transition(name.replace('-', ' ').strip(), args);
        };
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || Character.isSpaceChar(c);
    }

    private static boolean isSpace(char c) {
        return isBlank(c) || c == '\n' || c == '\r';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
