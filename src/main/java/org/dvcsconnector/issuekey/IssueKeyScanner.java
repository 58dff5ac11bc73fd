package org.dvcsconnector.issuekey;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one tokenizer for issue keys ({@code PROJ-123}): links and smart commits both read keys through it (by way of
 * {@link IssueKeyExtractor}), so they never disagree. One left-to-right pass, no regular expression: a character is
 * read a bounded number of times (at most four per character over a text), so the work is linear on any input, and
 * nothing is capped here: callers stop the scan when they have enough ({@link IssueKeyExtractor#MAX_KEYS}).
 *
 * <p>The rules. A <em>word</em> is a run of letters and digits of any script and {@code _}; everything else
 * (spaces, {@code - / . # : , ( ) [ ] " '}, Unicode dashes and minus signs, emoji, …) separates words.
 * <ul>
 *   <li>A key is a word, an ASCII hyphen {@code -}, and 1 to {@value #MAX_DIGITS} ASCII digits that no letter or
 *       digit follows. A word, a hyphen or {@code _} may follow: {@code ABC-1-login}, {@code ABC-1_fix},
 *       {@code ABC-1.} and {@code ABC-1:} are {@code ABC-1}.</li>
 *   <li>The word is the project: an ASCII letter, then ASCII letters, digits or {@code _}, 2 to
 *       {@value #MAX_PROJECT} characters, in any case; keys come back in upper case ({@code abc-1} is
 *       {@code ABC-1}).</li>
 *   <li>A word with {@code _} has a second reading, its part after the last {@code _}, tried when the whole word is
 *       not a project: {@code branchname_JRA-96} is {@code BRANCHNAME_JRA-96} if that project exists, else
 *       {@code JRA-96}; {@code _ABC-1_} is {@code ABC-1}.</li>
 *   <li>A key may start after any separator, a hyphen too, so runs give every key: {@code feature-ABC-1} is
 *       {@code ABC-1}, {@code ABC-1-ABC-2} is both, {@code release/1.2-ABC-3} is {@code ABC-3}.</li>
 *   <li>Letters and digits of other scripts are part of a word but never of a key. So look-alikes link nothing:
 *       {@code ＡＢＣ-1}, {@code ABC-１}, {@code ABC-١}, {@code ABC‐1} (U+2010), {@code ABC−1} (U+2212); and a
 *       look-alike digit glued to a number stops it ({@code ABC-1２} is not {@code ABC-1}). Dashes and minus signs
 *       that are not {@code -} separate like any punctuation ({@code feature‐ABC-1} is {@code ABC-1}).</li>
 * </ul>
 * Punctuation does not decide what is a false link: {@code UTF-8}, {@code SHA-256} or {@code x-ray-1} are
 * candidates here, and {@link IssueKeyExtractor} drops them unless the host has that project.
 */
public final class IssueKeyScanner {

    /** Longest project part: Jira allows 10 by default and up to 255 when configured; 30 covers real keys. */
    public static final int MAX_PROJECT = 30;
    /** Most digits in an issue number: under a billion issues per project. */
    public static final int MAX_DIGITS = 9;

    private IssueKeyScanner() {}

    /**
     * Hands each candidate to {@code sink}, in order of position, until the sink returns false. Candidates never
     * overlap.
     */
    public static void scan(CharSequence text, Predicate<KeyCandidate> sink) {
        if (text == null) {
            return;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int width = wordCharWidth(text, i, c);
            if (width == 0) {
                i++;
                continue;
            }
            // One word: note what a project reading needs while passing over it.
            int start = i;
            int lastUnderscore = -1;
            boolean ascii = true; // ASCII letters, digits and '_' only
            boolean asciiTail = true; // the same for the part after the last '_'
            while (width > 0) {
                if (c == '_') {
                    lastUnderscore = i;
                    asciiTail = true;
                } else if (!isAsciiLetter(c) && !isAsciiDigit(c)) {
                    ascii = false;
                    asciiTail = false;
                }
                i += width;
                if (i == n) {
                    break;
                }
                c = text.charAt(i);
                width = wordCharWidth(text, i, c);
            }
            int end = i;
            if (end < n && c == '-') {
                int digitsEnd = end + 1;
                while (digitsEnd < n && digitsEnd - end <= MAX_DIGITS && isAsciiDigit(text.charAt(digitsEnd))) {
                    digitsEnd++;
                }
                int digits = digitsEnd - end - 1;
                // A letter or digit of any script glued on stops the number (so does a 10th digit); '_' does not.
                char next = digitsEnd < n ? text.charAt(digitsEnd) : ' ';
                boolean glued = next != '_' && wordCharWidth(text, digitsEnd, next) > 0;
                if (digits > 0 && !glued) {
                    List<IssueKeyMatch> readings = new ArrayList<>(2);
                    if (ascii && projectShape(text, start, end)) {
                        readings.add(match(text, start, end, digitsEnd));
                    }
                    if (lastUnderscore >= 0 && asciiTail && projectShape(text, lastUnderscore + 1, end)) {
                        readings.add(match(text, lastUnderscore + 1, end, digitsEnd));
                    }
                    if (!readings.isEmpty() && !sink.test(new KeyCandidate(readings))) {
                        return;
                    }
                }
                i = end + 1; // a key may start right after the hyphen
            }
        }
    }

    /** Every candidate of a text, in order (tests and tools; callers with a budget use {@link #scan}). */
    public static List<KeyCandidate> candidates(CharSequence text) {
        List<KeyCandidate> all = new ArrayList<>();
        scan(text, all::add);
        return all;
    }

    /** A project reading: starts with an ASCII letter, 2 to MAX_PROJECT characters (the caller checked the rest). */
    private static boolean projectShape(CharSequence text, int from, int to) {
        int length = to - from;
        return length >= 2 && length <= MAX_PROJECT && isAsciiLetter(text.charAt(from));
    }

    private static IssueKeyMatch match(CharSequence text, int from, int hyphen, int to) {
        StringBuilder key = new StringBuilder(to - from);
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            key.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
        }
        String upper = key.toString();
        return new IssueKeyMatch(new IssueKey(upper, upper.substring(0, hyphen - from)), from, to);
    }

    /** 1 or 2 (a surrogate pair) when a word character, {@code c}, is at {@code i}, else 0. */
    private static int wordCharWidth(CharSequence text, int i, char c) {
        if (c == '_' || isAsciiLetter(c) || isAsciiDigit(c)) {
            return 1;
        }
        if (c < 0x80) {
            return 0;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
            char low = text.charAt(i + 1);
            return Character.isLowSurrogate(low) && Character.isLetterOrDigit(Character.toCodePoint(c, low)) ? 2 : 0;
        }
        return Character.isLetterOrDigit(c) ? 1 : 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
