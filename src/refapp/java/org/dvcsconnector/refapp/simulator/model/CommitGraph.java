package org.dvcsconnector.refapp.simulator.model;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * One repository's commit DAG in parallel primitive arrays, so that a million commits fit in a few
 * tens of megabytes: a commit is an int index (creation order), its hash 20 bytes in one big
 * {@code byte[]}, its parents int indexes, its author an index into {@link People}, its message either an
 * index into {@link MessageTable} or a generated message rendered on demand.
 *
 * <p>Parents always have smaller indexes than their children, so descending index order is a valid
 * topological order (children first), which is what Bitbucket's commit listing promises.
 *
 * <p>Concurrency: one writer at a time (callers hold the repository's lock); readers never lock. Arrays
 * only grow by copy, and {@link #size} is volatile and written last, so a reader that reads {@code size}
 * first sees fully written entries below it.
 */
public final class CommitGraph {

    public static final int NONE = -1;
    private static final HexFormat HEX = HexFormat.of();

    private byte[] hashes = new byte[20 * 16];
    private int[] parent1 = new int[16];
    private int[] parent2 = new int[16];
    private long[] dates = new long[16];
    private int[] authors = new int[16];
    private int[] messages = new int[16];
    /** Open addressing on the hash's first 28 bits (7 hex digits, Bitbucket's shortest prefix); 0 = empty, else index + 1. */
    private int[] table = new int[64];
    private volatile int size;

    public int size() {
        return size;
    }

    /** Appends a commit; the caller holds the repository's write lock. Returns its index. */
    public int append(byte[] hash, int p1, int p2, long epochSecond, int author, int message) {
        int n = size;
        if (n == parent1.length) {
            grow(n * 2);
        }
        System.arraycopy(hash, 0, hashes, n * 20, 20);
        parent1[n] = p1;
        parent2[n] = p2;
        dates[n] = epochSecond;
        authors[n] = author;
        messages[n] = message;
        if ((n + 1) * 2 > table.length) {
            rehash(table.length * 2, n);
        }
        insert(table, n);
        size = n + 1;
        return n;
    }

    /** Pre-sizes the arrays (bulk generation avoids repeated copying). */
    public void ensureCapacity(int capacity) {
        if (capacity > parent1.length) {
            grow(capacity);
            if (capacity * 2 > table.length) {
                rehash(Integer.highestOneBit(capacity * 2 - 1) << 1, size);
            }
        }
    }

    private void grow(int capacity) {
        hashes = Arrays.copyOf(hashes, capacity * 20);
        parent1 = Arrays.copyOf(parent1, capacity);
        parent2 = Arrays.copyOf(parent2, capacity);
        dates = Arrays.copyOf(dates, capacity);
        authors = Arrays.copyOf(authors, capacity);
        messages = Arrays.copyOf(messages, capacity);
    }

    private void rehash(int length, int count) {
        int[] fresh = new int[length];
        for (int i = 0; i < count; i++) {
            insert(fresh, i);
        }
        table = fresh;
    }

    private void insert(int[] t, int index) {
        int mask = t.length - 1;
        int slot = mix(key28(hashes, index * 20)) & mask;
        while (t[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        t[slot] = index + 1;
    }

    private static int key28(byte[] h, int off) {
        return ((h[off] & 0xff) << 20) | ((h[off + 1] & 0xff) << 12) | ((h[off + 2] & 0xff) << 4) | ((h[off + 3] & 0xff) >>> 4);
    }

    private static int mix(int k) {
        return k * 0x9E3779B1 >>> 3;
    }

    /** The commit whose hash starts with {@code prefix} (at least 7 hex digits), or {@link #NONE}. */
    public int find(String prefix) {
        if (prefix == null || prefix.length() < 7 || prefix.length() > 40) {
            return NONE;
        }
        String p = prefix.toLowerCase();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return NONE;
            }
        }
        int key = Integer.parseInt(p.substring(0, 7), 16);
        int n = size;
        int[] t = table;
        int mask = t.length - 1;
        for (int slot = mix(key) & mask; t[slot] != 0; slot = (slot + 1) & mask) {
            int idx = t[slot] - 1;
            if (idx < n && key28(hashes, idx * 20) == key && hashHex(idx).startsWith(p)) {
                return idx;
            }
        }
        return NONE;
    }

    public String hashHex(int index) {
        return HEX.formatHex(hashes, index * 20, index * 20 + 20);
    }

    /**
     * The hashes of all commits, 20 bytes each at {@code index * 20}, for renderers that write hex straight
     * into an output buffer. Read-only; valid for the indexes below the {@link #size} read before this call.
     */
    public byte[] hashBytes() {
        return hashes;
    }

    public int parent1(int index) {
        return parent1[index];
    }

    public int parent2(int index) {
        return parent2[index];
    }

    public long date(int index) {
        return dates[index];
    }

    public int author(int index) {
        return authors[index];
    }

    public int message(int index) {
        return messages[index];
    }

    /**
     * Commits reachable from {@code heads}, not walking into {@code stop} (which may be null). A
     * depth-first walk over parent indexes with a plain int stack: linear in the commits visited.
     */
    public BitSet reachable(int[] heads, BitSet stop) {
        int n = size;
        BitSet seen = new BitSet(n);
        int[] stack = new int[64];
        int top = 0;
        for (int h : heads) {
            if (h >= 0 && h < n) {
                stack[top++] = h;
                if (top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                }
            }
        }
        while (top > 0) {
            int c = stack[--top];
            while (c >= 0 && !seen.get(c) && (stop == null || !stop.get(c))) {
                seen.set(c);
                int second = parent2[c];
                if (second >= 0) {
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = second;
                }
                c = parent1[c];
            }
        }
        return seen;
    }
}
