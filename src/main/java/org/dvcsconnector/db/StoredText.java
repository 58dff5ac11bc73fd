package org.dvcsconnector.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How any text Bitbucket sends fits the plugin's columns: the one place that says it.
 *
 * <ul>
 *   <li>Every text is <b>cleaned</b> first: U+0000 is removed (PostgreSQL refuses it in text) and a lone surrogate
 *       becomes U+FFFD (it has no UTF-8 form). Other control characters, emoji and every other code point are kept.</li>
 *   <li>A <b>name</b> (a branch, a pull request's source or destination) is never cut. A name of at most
 *       {@value #KEY_LENGTH} characters is its own key; a longer one is keyed by its first {@value #PREFIX}
 *       characters, {@code ~} and the SHA-256 of the whole name (64 hex digits): unique, the same on every lookup,
 *       and within the indexed column. No real name is another's key: git refuses {@code ~} in ref names. The whole
 *       name goes to a column of its own ({@link #full}, null for a short name), which is what is shown and linked.</li>
 *   <li>A <b>long text</b> (a commit message, a pull request's title) is stored up to {@value #LONG} characters
 *       ({@link #fit}); its full length is stored beside it when it was cut.</li>
 *   <li>A <b>short text</b> (an author's name, e-mail or account id: AO's VARCHAR(255)) is cut at
 *       {@value #SHORT} characters, ending in "…" ({@link #shorten}). An e-mail address that long is no valid address
 *       (RFC 5321: 254), so nothing it could match is lost.</li>
 * </ul>
 *
 * Lengths are in UTF-16 code units, as Java and JavaScript count them (an emoji counts 2), and nothing is ever cut
 * inside a surrogate pair.
 */
public final class StoredText {

    /** The longest string AO indexes (VARCHAR(450)): the name columns. */
    public static final int KEY_LENGTH = 450;
    /** AO's default string column, VARCHAR(255). */
    public static final int SHORT = 255;
    /** The most of a commit message or pull request title stored (64 Ki characters); the panel shows 1,000. */
    public static final int LONG = 64 * 1024;
    /** A commit hash: 40 hex digits (SHA-1, what Bitbucket Cloud repositories use). */
    public static final int HASH = 40;
    private static final int HASH_HEX = 64;
    private static final char KEY_MARK = '~';
    /** A long name's key keeps this much of the name in front of its hash. */
    static final int PREFIX = KEY_LENGTH - 1 - HASH_HEX;
    private static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "\u2026";

    private StoredText() {}

    /** A text as stored, and the length of the text it came from; {@code cut} when characters were dropped. */
    public record Fit(String text, int length, boolean cut) {
        /** The original length when the text was cut, else null (what a length column holds). */
        public Integer lengthIfCut() {
            return cut ? length : null;
        }
    }

    /** {@code text} without U+0000 and with each lone surrogate replaced by U+FFFD; the same instance when clean. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == 0) {
                break;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (c == 0) {
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
                i++;
            }
        }
        return out.toString();
    }

    /** {@code text} cleaned and cut to at most {@code max} characters, never inside a surrogate pair. */
    public static Fit fit(String text, int max) {
        if (text == null) {
            return new Fit(null, 0, false);
        }
        String clean = clean(text);
        if (clean.length() <= max) {
            return new Fit(clean, text.length(), false);
        }
        return new Fit(clean.substring(0, boundary(clean, max)), text.length(), true);
    }

    /** {@code text} cleaned and, when longer than {@code max}, cut so that with a closing "…" it is {@code max} long. */
    public static String shorten(String text, int max) {
        String clean = clean(text);
        if (clean == null || clean.length() <= max) {
            return clean;
        }
        return clean.substring(0, boundary(clean, max - ELLIPSIS.length())) + ELLIPSIS;
    }

    /** The key a name is stored and looked up by: itself (cleaned) up to {@value #KEY_LENGTH} characters. */
    public static String key(String name) {
        String clean = clean(name);
        if (clean == null || clean.length() <= KEY_LENGTH) {
            return clean;
        }
        return clean.substring(0, boundary(clean, PREFIX)) + KEY_MARK + sha256(clean);
    }

    /** The whole name (cleaned) when its key is not the name itself, else null. */
    public static String full(String name) {
        String clean = clean(name);
        return clean == null || clean.length() <= KEY_LENGTH ? null : clean;
    }

    /** The name to show: the whole one when stored, else the key (which is then the name). */
    public static String shown(String key, String full) {
        return full != null ? full : key;
    }

    /** Whether {@code hash} fits a hash column (40 characters); a longer one is no SHA-1 and cannot be stored. */
    public static boolean fitsHash(String hash) {
        return hash == null || hash.length() <= HASH;
    }

    /** Where to cut {@code text} to at most {@code max} characters without splitting a surrogate pair. */
    private static int boundary(String text, int max) {
        int end = Math.max(0, max);
        return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
