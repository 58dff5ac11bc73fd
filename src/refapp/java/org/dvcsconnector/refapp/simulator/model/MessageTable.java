package org.dvcsconnector.refapp.simulator.model;

import java.util.Arrays;

/**
 * Append-only table of explicit commit messages (control-API commits, merge commits); generated commits
 * do not store theirs (see {@link MessageGenerator}). Single writer under the repository lock, lock-free
 * readers (the array is published before the volatile size).
 */
public final class MessageTable {

    private String[] values = new String[16];
    private volatile int size;

    public int add(String message) {
        int n = size;
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n] = message;
        size = n + 1;
        return n;
    }

    public String get(int index) {
        return values[index];
    }
}
