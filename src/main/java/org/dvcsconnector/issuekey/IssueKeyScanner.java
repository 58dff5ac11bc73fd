package org.dvcsconnector.issuekey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds issue-key candidates ({@code PROJ-123}) in free text with a single left-to-right scan: linear time on
 * any input, no regular expression to backtrack on hostile messages.
 *
 * <p>The rules, chosen to match what people write in commits and branch names:
 * <ul>
 *   <li>A key is a project part {@code [A-Za-z][A-Za-z0-9_]+}, a hyphen, and digits; found in any case,
 *       returned in upper case ({@code demo-1} → {@code DEMO-1}). Callers keep only real project keys, so
 *       {@code UTF-8} or {@code utf-8} only match when a project {@code UTF} exists.</li>
 *   <li>It must stand alone on the left: the character before it is not a letter, digit, {@code _} or
 *       {@code -}. So {@code x-DEMO-1} and {@code _DEMO-1} are not keys ({@code fooDEMO-1} is one word: project {@code FOODEMO}), while {@code feature/DEMO-1},
 *       {@code (DEMO-1)} and {@code [DEMO-1]} are.</li>
 *   <li>It must end on the right at a character that is not a letter, digit or {@code _}. So {@code DEMO-1y}
 *       is not a key, while {@code DEMO-1-login} (a typical branch name), {@code DEMO-1:} and {@code DEMO-1.} are.</li>
 *   <li>Project parts longer than {@value #MAX_PROJECT} characters and numbers longer than {@value #MAX_DIGITS}
 *       digits are not keys; at most {@value #MAX_KEYS} distinct keys are returned per text.</li>
 * </ul>
 */
public final class IssueKeyScanner {

    static final int MAX_PROJECT = 30;
    static final int MAX_DIGITS = 9;
    public static final int MAX_KEYS = 100;

    private IssueKeyScanner() {}

    /** Distinct candidate keys in order of first appearance. */
    public static List<String> candidates(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        int n = text.length();
        int i = 0;
        while (i < n && keys.size() < MAX_KEYS) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c) || (i > 0 && isLeftJoiner(text.charAt(i - 1)))) {
                // Not a start; skip the rest of a word at once, since no start inside it can qualify either.
                i = isWord(c) ? skipWord(text, i) : i + 1;
                continue;
            }
            int end = skipWord(text, i); // the project part: letters, digits, '_'
            int next = end;
            if (end - i >= 2 && end - i <= MAX_PROJECT && end < n && text.charAt(end) == '-') {
                int digits = end + 1;
                while (digits < n && isAsciiDigit(text.charAt(digits))) {
                    digits++;
                }
                int count = digits - end - 1;
                if (count > 0 && count <= MAX_DIGITS && (digits == n || !isWord(text.charAt(digits)))
                        && allProjectChars(text, i, end)) {
                    keys.add(text.substring(i, digits).toUpperCase(Locale.ROOT));
                }
                next = Math.max(digits, end + 1);
            }
            i = next;
        }
        return new ArrayList<>(keys);
    }

    private static boolean allProjectChars(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static int skipWord(String text, int i) {
        int n = text.length();
        while (i < n && isWord(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A letter or digit of any script, or '_': what glues characters into one word. */
    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isLeftJoiner(char c) {
        return isWord(c) || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
