package org.dvcsconnector.refapp.simulator.api;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered commit pages, keyed by repository version and the exact request (path, query, form body), for
 * clients that ask for the same page again (benchmarks, tests, several instances syncing one repository).
 * A syncing client walks {@code next} and never asks twice, so a page is only admitted on its second
 * request (a small table of recently seen keys remembers the first): single-use pages cost no copy into
 * the cache and do not evict the pages that are reused. The repository version in the key makes any
 * change invalidate; the byte budget is enforced by dropping everything (cheap, and rare). Cached pages
 * are kept in direct buffers: the socket write then needs no copy into a temporary native buffer.
 */
public final class PageCache {

    private static final int SEEN_SLOTS = 1 << 14;

    private final Map<String, ByteBuffer> pages = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long budget;
    /** Hashes of keys requested once and not cached (direct-mapped; races and collisions only change when a page is admitted). */
    private final long[] seen = new long[SEEN_SLOTS];

    public PageCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** The cached page (a fresh read-only view, safe to hand to one response), or null. */
    public ByteBuffer lookup(String key) {
        ByteBuffer page = pages.get(key);
        return page == null ? null : page.duplicate();
    }

    /**
     * Offers a page just rendered for {@code key} (bytes {@code [0, length)} of {@code rendered}, copied if kept):
     * the first offer of a key only remembers it, the second one caches the page.
     */
    public void offer(String key, byte[] rendered, int length) {
        long h = hash(key);
        int slot = (int) (h ^ (h >>> 32)) & (SEEN_SLOTS - 1);
        if (seen[slot] != h) {
            seen[slot] = h; // first request: remember it, do not cache
            return;
        }
        if (length < budget / 16) {
            ByteBuffer page = ByteBuffer.allocateDirect(length).put(rendered, 0, length).flip().asReadOnlyBuffer();
            if (bytes.addAndGet(length) > budget) {
                pages.clear();
                bytes.set(length);
            }
            pages.put(key, page);
        }
    }

    private static long hash(String key) {
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return h == 0 ? 1 : h;
    }
}
