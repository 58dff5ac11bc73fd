package org.dvcsconnector.sync;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A repository's commit graph, compact enough for hundreds of thousands of commits: each hash gets an int
 * index (on first sight, as a commit or as a parent), parents are int arrays, and "on branch B" is a
 * {@link BitSet} walk from B's head. Messages and authors are never held here: they stream to the database.
 */
final class CommitGraph {

    static final int NONE = -1;

    private final Map<String, Integer> index = new HashMap<>();
    private String[] hashes = new String[1024];
    private int[] parent1 = new int[1024];
    private int[] parent2 = new int[1024];
    /** Octopus merges (more than two parents): rare, so kept aside. */
    private final Map<Integer, int[]> moreParents = new HashMap<>();
    private final BitSet known = new BitSet();

    /** The graph of the commits stored for the repository (rebuilt from the database; no request). */
    static CommitGraph stored(org.dvcsconnector.devinfo.DevInfoStore store, int repositoryId) {
        CommitGraph graph = new CommitGraph();
        store.forEachCommitParents(repositoryId, (hash, parents) -> graph.add(hash,
                parents == null || parents.isBlank() ? List.of() : Arrays.asList(parents.trim().split(" "))));
        return graph;
    }

    int size() {
        return index.size();
    }

    /** Records a commit and its parents (full hashes, first parent first). */
    void add(String hash, List<String> parents) {
        int i = indexOf(hash);
        known.set(i);
        // Resolve the parents first: indexOf may grow (replace) the arrays, and an array store evaluates
        // its array reference before the value.
        int p1 = parents.isEmpty() ? NONE : indexOf(parents.get(0));
        int p2 = parents.size() < 2 ? NONE : indexOf(parents.get(1));
        parent1[i] = p1;
        parent2[i] = p2;
        if (parents.size() > 2) {
            moreParents.put(i, parents.subList(2, parents.size()).stream().mapToInt(this::indexOf).toArray());
        }
    }

    boolean contains(String hash) {
        Integer i = index.get(hash);
        return i != null && known.get(i);
    }

    String hash(int i) {
        return hashes[i];
    }

    /** Every known commit reachable from {@code head} (itself included); empty when the head is unknown. */
    BitSet reachable(String head) {
        BitSet seen = new BitSet(size());
        Integer start = index.get(head);
        if (start == null || !known.get(start)) {
            return seen;
        }
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = start;
        seen.set(start);
        while (top > 0) {
            int c = stack[--top];
            if (!known.get(c)) {
                continue; // a parent we never received (shallow boundary): nothing beyond it
            }
            for (int p : parentsOf(c)) {
                if (p != NONE && !seen.get(p)) {
                    seen.set(p);
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = p;
                }
            }
        }
        seen.and(known);
        return seen;
    }

    void forEach(BitSet set, IntConsumer consumer) {
        set.stream().forEach(consumer);
    }

    private int[] parentsOf(int c) {
        int[] more = moreParents.get(c);
        if (more == null) {
            return new int[] {parent1[c], parent2[c]};
        }
        int[] all = Arrays.copyOf(new int[] {parent1[c], parent2[c]}, 2 + more.length);
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }

    private int indexOf(String hash) {
        Integer i = index.get(hash);
        if (i != null) {
            return i;
        }
        int n = index.size();
        if (n == hashes.length) {
            int grown = n * 2;
            hashes = Arrays.copyOf(hashes, grown);
            parent1 = Arrays.copyOf(parent1, grown);
            parent2 = Arrays.copyOf(parent2, grown);
        }
        hashes[n] = hash;
        parent1[n] = NONE;
        parent2[n] = NONE;
        index.put(hash, n);
        return n;
    }
}
