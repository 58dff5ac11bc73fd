package org.dvcsconnector.refapp.simulator.control;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injected trouble for API calls: random server errors, added latency, and Bitbucket's hourly rate limit
 * (a rolling one-hour window per user, as Bitbucket counts "per user" for repository data). All zero = off.
 */
public final class Faults {

    private static final long HOUR_MS = 3_600_000L;

    private final Clock clock;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();
    private volatile Settings settings = new Settings(0, 0, 0);

    public Faults(Clock clock) {
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    public void configure(Settings newSettings) {
        if (newSettings.requestsPerHour() != settings.requestsPerHour()) {
            windows.clear();
        }
        settings = newSettings;
    }

    public long latencyMs() {
        return settings.latencyMs();
    }

    /** The status of an injected server error for this request, or 0 for none. */
    public int randomError() {
        double rate = settings.errorRate();
        if (rate <= 0 || ThreadLocalRandom.current().nextDouble() >= rate) {
            return 0;
        }
        int[] statuses = {500, 502, 503};
        return statuses[ThreadLocalRandom.current().nextInt(statuses.length)];
    }

    /**
     * Records a request by {@code principal}; returns 0 if allowed, else the seconds until the window
     * frees a slot (for {@code Retry-After}).
     */
    public long acquire(String principal) {
        int limit = settings.requestsPerHour();
        if (limit <= 0) {
            return 0;
        }
        long now = clock.millis();
        Deque<Long> window = windows.computeIfAbsent(principal, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - HOUR_MS) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                return Math.max(1, (window.peekFirst() + HOUR_MS - now + 999) / 1000);
            }
            window.addLast(now);
            return 0;
        }
    }

    /** {@code POST /_sim/faults} body. */
    public record Settings(double errorRate, long latencyMs, int requestsPerHour) {}
}
