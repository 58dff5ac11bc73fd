package org.dvcsconnector.refapp.simulator.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bitbucket API and OAuth requests served, keyed by method and the spec's path template
 * ({@code "GET /2.0/repositories/{workspace}/{repo_slug}/commits"}), plus the 429s sent. Control calls
 * are not counted: benchmarks and tests read these numbers to see what the plugin did.
 */
public final class Stats {

    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    public void count(String method, String template) {
        requests.increment();
        byEndpoint.computeIfAbsent(method + " " + template, k -> new LongAdder()).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byEndpoint.forEach((k, v) -> counts.put(k, v.sum()));
        return new Snapshot(requests.sum(), counts, rateLimited.sum());
    }

    public void reset() {
        byEndpoint.clear();
        requests.reset();
        rateLimited.reset();
    }

    /** The {@code GET /_sim/stats} document. */
    public record Snapshot(long requests, Map<String, Long> byEndpoint, long rateLimited) {}
}
