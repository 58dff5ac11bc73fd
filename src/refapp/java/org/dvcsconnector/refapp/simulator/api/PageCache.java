package org.dvcsconnector.refapp.simulator.api;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rendered commit pages, keyed by repository version and the exact request (path, query, form body).
 * A commit page of 100 full commits is ~220 KB of JSON; syncing clients and benchmarks ask for the same
 * pages again, and rendering them is most of the simulator's CPU. The repository version in the key makes
 * any change invalidate; the byte budget is enforced by dropping everything (cheap, and rare).
 * Pages are kept in direct buffers: the socket write then needs no copy into a temporary native buffer.
 */
public final class PageCache {

    private final Map<String, ByteBuffer> pages = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long budget;

    public PageCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** The page (a fresh read-only view, safe to hand to one response). */
    public ByteBuffer get(String key, Supplier<byte[]> render) {
        ByteBuffer page = pages.get(key);
        if (page != null) {
            return page.duplicate();
        }
        byte[] rendered = render.get();
        page = ByteBuffer.allocateDirect(rendered.length).put(rendered).flip().asReadOnlyBuffer();
        if (rendered.length < budget / 16) {
            if (bytes.addAndGet(rendered.length) > budget) {
                pages.clear();
                bytes.set(rendered.length);
            }
            pages.put(key, page);
        }
        return page.duplicate();
    }
}
