package org.dvcsconnector.refapp.simulator.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for hand-assembled JSON on hot paths (commit pages): byte copies of precomputed
 * fragments plus the few values that vary, escaped exactly as Jackson's {@code UTF8JsonGenerator} escapes
 * them (so the bytes equal what the generic renderer writes). One per thread, reused.
 */
final class JsonBytes {

    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Jackson's {@code CharTypes.sOutputEscapes128}: 0 = as is, -1 = {@code \}{@code u00XX}, else the short escape. */
    private static final int[] ESCAPES = new int[128];
    private static final int MAX_KEPT = 4 << 20;
    private static final ThreadLocal<JsonBytes> LOCAL = ThreadLocal.withInitial(JsonBytes::new);

    static {
        for (int i = 0; i < 32; i++) {
            ESCAPES[i] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES[0x08] = 'b';
        ESCAPES[0x09] = 't';
        ESCAPES[0x0C] = 'f';
        ESCAPES[0x0A] = 'n';
        ESCAPES[0x0D] = 'r';
    }

    private byte[] buf;
    private int len;

    JsonBytes() {
        this(64 << 10);
    }

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    /** This thread's buffer, emptied. */
    static JsonBytes local() {
        JsonBytes b = LOCAL.get();
        if (b.buf.length > MAX_KEPT) {
            b.buf = new byte[64 << 10];
        }
        b.len = 0;
        return b;
    }

    int length() {
        return len;
    }

    /** The backing array: bytes {@code [0, length())} are the content. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void write(byte[] b) {
        int n = b.length;
        ensure(n);
        if (n <= 16) { // most fragments are short: a loop beats the arraycopy stub
            byte[] dst = buf;
            int p = len;
            for (int i = 0; i < n; i++) {
                dst[p + i] = b[i];
            }
        } else {
            System.arraycopy(b, 0, buf, len, n);
        }
        len += n;
    }

    void write(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    /** An ASCII string that needs no escaping (numbers, tokens). */
    void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    void number(long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        int n = (int) v;
        int digits = 1;
        for (int x = n; x >= 10; x /= 10) {
            digits++;
        }
        ensure(digits);
        int p = len + digits;
        for (int k = 0; k < digits; k++) {
            buf[--p] = (byte) ('0' + n % 10);
            n /= 10;
        }
        len += digits;
    }

    /** 20 bytes of {@code hashes} from {@code off} as 40 lower-case hex digits. */
    void hex(byte[] hashes, int off) {
        ensure(40);
        byte[] b = buf;
        int p = len;
        for (int i = off, end = off + 20; i < end; i++) {
            int v = hashes[i] & 0xff;
            b[p++] = HEX_LOWER[v >>> 4];
            b[p++] = HEX_LOWER[v & 15];
        }
        len = p;
    }

    /** {@code epochSecond} as {@code yyyy-MM-dd'T'HH:mm:ss+00:00} (what {@link Gen#seconds} writes). */
    void isoSeconds(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secs = (int) (epochSecond - days * 86_400L);
        if (days != lastDay) {
            if (!civilDay(days)) {
                ascii(Gen.seconds(epochSecond));
                return;
            }
            lastDay = days;
        }
        ensure(25);
        byte[] b = buf;
        int p = len;
        System.arraycopy(day, 0, b, p, 11);
        p += 11;
        p = two(b, p, secs / 3600);
        b[p++] = ':';
        p = two(b, p, secs / 60 % 60);
        b[p++] = ':';
        p = two(b, p, secs % 60);
        b[p++] = '+';
        b[p++] = '0';
        b[p++] = '0';
        b[p++] = ':';
        b[p++] = '0';
        b[p++] = '0';
        len = p;
    }

    /** The day last formatted into {@link #day} ({@code yyyy-MM-ddT}): commits on a page are mostly on the same day. */
    private long lastDay = Long.MIN_VALUE;
    private final byte[] day = new byte[11];

    /** Formats {@code days} since the epoch into {@link #day}; false if the year has not four digits. */
    private boolean civilDay(long days) {
        // civil-from-days (H. Hinnant), proleptic Gregorian as java.time
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        if (y < 1000 || y > 9999) {
            return false;
        }
        int yy = (int) y;
        byte[] b = day;
        b[0] = (byte) ('0' + yy / 1000);
        b[1] = (byte) ('0' + yy / 100 % 10);
        b[2] = (byte) ('0' + yy / 10 % 10);
        b[3] = (byte) ('0' + yy % 10);
        b[4] = '-';
        two(b, 5, m);
        b[7] = '-';
        two(b, 8, d);
        b[10] = 'T';
        return true;
    }

    private static int two(byte[] b, int p, int v) {
        b[p] = (byte) ('0' + v / 10);
        b[p + 1] = (byte) ('0' + v % 10);
        return p + 2;
    }

    /** The content of a JSON string (no quotes), escaped as Jackson escapes it. */
    void escaped(CharSequence s) {
        int n = s.length();
        ensure(n);
        int p = len;
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                len = p;
                escapedSlow(s, i);
                return;
            }
            int e = ESCAPES[c];
            if (e == 0) {
                b[p++] = (byte) c;
            } else {
                len = p;
                ensure(n - i + 6);
                b = buf;
                b[p++] = '\\';
                if (e > 0) {
                    b[p++] = (byte) e;
                } else {
                    b[p++] = 'u';
                    b[p++] = '0';
                    b[p++] = '0';
                    b[p++] = HEX_UPPER[c >> 4];
                    b[p++] = HEX_UPPER[c & 15];
                }
            }
        }
        len = p;
    }

    /**
     * From the first non-ASCII character on: UTF-8, except that surrogates are written as {@code \}{@code uXXXX}
     * escapes, as Jackson 2's generator does by default (it does not combine surrogate pairs).
     */
    private void escapedSlow(CharSequence s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            ensure(6);
            byte[] b = buf;
            if (c < 128) {
                int e = ESCAPES[c];
                if (e == 0) {
                    b[len++] = (byte) c;
                } else {
                    b[len++] = '\\';
                    if (e > 0) {
                        b[len++] = (byte) e;
                    } else {
                        unicodeEscape(b, c);
                    }
                }
            } else if (c < 0x800) {
                b[len++] = (byte) (0xc0 | (c >> 6));
                b[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                b[len++] = '\\';
                unicodeEscape(b, c);
            } else {
                b[len++] = (byte) (0xe0 | (c >> 12));
                b[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[len++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void unicodeEscape(byte[] b, char c) {
        b[len++] = 'u';
        b[len++] = HEX_UPPER[c >> 12];
        b[len++] = HEX_UPPER[(c >> 8) & 15];
        b[len++] = HEX_UPPER[(c >> 4) & 15];
        b[len++] = HEX_UPPER[c & 15];
    }

    /** Whether {@code pattern} occurs at {@code at} in {@code data}. */
    static boolean regionMatches(byte[] data, int at, byte[] pattern) {
        if (at < 0 || at + pattern.length > data.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (data[at + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
