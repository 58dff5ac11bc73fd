package org.dvcsconnector.smartcommit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The smart-commit grammar as Jira documents it, over a commit message:
 * <pre>
 *   message  := (text | group)*
 *   group    := keys ws* command+          keys: issue keys separated by blanks or commas
 *   command  := '#' name args              args run to the next command, group or line end
 * </pre>
 * Text before the first group is ignored, as are keys not directly followed by a command (a key mentioned in
 * a comment stays text). {@code #comment} and {@code #time} are built in; any other name is a transition.
 *
 * <p>One hand-written pass, no regular expressions over the message, so the work is linear. Bounded on
 * hostile input: only the first {@value #MAX_CHARS} characters are read, at most {@value #MAX_COMMANDS}
 * commands and {@value #MAX_KEYS} keys per group are kept. Never throws.
 */
public final class SmartCommitParser {

    public static final int MAX_CHARS = 64 * 1024;
    public static final int MAX_COMMANDS = 50;
    public static final int MAX_KEYS = 50;
    private static final int MAX_NAME = 64;
    private static final int MAX_KEY = 64;

    private SmartCommitParser() {}

    public static List<SmartCommand> parse(String message) {
        if (message == null || message.isEmpty()) {
            return List.of();
        }
        try {
            return new Run(message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message).parse();
        } catch (RuntimeException e) {
            return List.of(); // defensive: a parser bug must never stop a sync or the event queue
        }
    }

    /** The state of one parse. */
    private static final class Run {
        private final String s;
        private final List<SmartCommand> out = new ArrayList<>();
        private List<String> groupKeys = List.of();
        private final List<String> pendingKeys = new ArrayList<>();
        private int pendingStart = -1; // where the run of keys being collected began
        private int pendingEnd = -1;   // just after its last key
        private String openName;       // the command whose arguments are being read
        private int openStart;         // where its arguments start
        private int openTextStart;

        Run(String s) {
            this.s = s;
        }

        List<SmartCommand> parse() {
            int i = 0;
            int n = s.length();
            while (i < n && out.size() < MAX_COMMANDS) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    close(i);
                    i++;
                } else if (c == '#' && (i == 0 || isSpace(s.charAt(i - 1))) && i + 1 < n && isLetter(s.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < n && isNameChar(s.charAt(end)) && end - i <= MAX_NAME) {
                        end++;
                    }
                    command(i, end);
                    i = end;
                } else if (isUpper(c) && (i == 0 || !isWordChar(s.charAt(i - 1)))) {
                    int end = keyEnd(i);
                    if (end > 0) {
                        key(i, end);
                        i = end;
                    } else {
                        i++;
                    }
                } else {
                    i++;
                }
            }
            close(n);
            return out;
        }

        /** End of an issue key ({@code [A-Z][A-Z0-9_]*-[0-9]+}, not followed by a word character) at i, or -1. */
        private int keyEnd(int i) {
            int n = s.length();
            int j = i + 1;
            while (j < n && j - i < MAX_KEY && (isUpper(s.charAt(j)) || isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j >= n || s.charAt(j) != '-') {
                return -1;
            }
            int digits = ++j;
            while (j < n && j - i < MAX_KEY && isDigit(s.charAt(j))) {
                j++;
            }
            if (j == digits || (j < n && (isWordChar(s.charAt(j)) || s.charAt(j) == '-'))) {
                return -1;
            }
            return j;
        }

        private void key(int start, int end) {
            if (pendingKeys.isEmpty() || !onlySeparators(pendingEnd, start, true)) {
                pendingKeys.clear();
                pendingStart = start;
            }
            if (pendingKeys.size() < MAX_KEYS) {
                String key = s.substring(start, end);
                if (!pendingKeys.contains(key)) {
                    pendingKeys.add(key);
                }
            }
            pendingEnd = end;
        }

        private void command(int start, int nameEnd) {
            if (!pendingKeys.isEmpty() && onlySeparators(pendingEnd, start, false)) {
                close(pendingStart); // the keys begin a new group: the previous command ends before them
                groupKeys = List.copyOf(pendingKeys);
            } else {
                close(start);
            }
            pendingKeys.clear();
            if (groupKeys.isEmpty()) {
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
            String args = s.substring(openStart, Math.max(openStart, end)).strip();
            String text = s.substring(openTextStart, Math.max(openStart, end)).strip();
            out.add(new SmartCommand(groupKeys, text, action(openName, args)));
            openName = null;
        }

        /** Blanks (and commas between keys) only, newlines allowed between keys and their first command. */
        private boolean onlySeparators(int from, int to, boolean commas) {
            if (from < 0 || from > to) {
                return false;
            }
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (!(isSpace(c) || (commas && c == ','))) {
                    return false;
                }
            }
            return true;
        }
    }

    static SmartCommand.Action action(String name, String args) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "comment" -> args.isEmpty() ? new SmartCommand.Invalid("The comment is empty")
                    : new SmartCommand.Comment(args);
            case "time" -> WorkDuration.logWork(args);
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

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isWordChar(c) || c == '-';
    }
}
