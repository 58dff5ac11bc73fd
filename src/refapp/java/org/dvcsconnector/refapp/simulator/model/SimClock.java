package org.dvcsconnector.refapp.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's one clock: every timestamp its model, OAuth server, rate limit and webhooks use comes from here.
 * It runs with the system clock, shifted by an offset the control API sets ({@code POST /_sim/clock}): tests move
 * it to a given instant or forward by some seconds, and it keeps running from there. Safe to share between threads.
 */
public final class SimClock extends Clock {

    private final Clock system;
    private volatile Duration offset = Duration.ZERO;

    public SimClock() {
        this(Clock.systemUTC());
    }

    public SimClock(Clock system) {
        this.system = system;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        SimClock self = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }
        };
    }

    /** From now on the clock reads {@code now} (and runs on from it). */
    public synchronized void set(Instant now) {
        offset = Duration.between(system.instant(), now);
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public synchronized void advance(Duration amount) {
        offset = offset.plus(amount);
    }

    /** Back to the system's time. */
    public synchronized void reset() {
        offset = Duration.ZERO;
    }

    /** How far the clock is from the system's time. */
    public Duration offset() {
        return offset;
    }
}
