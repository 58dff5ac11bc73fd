package org.dvcsconnector.spi;

import java.time.Duration;
import java.time.Instant;

/** When a job runs: once, or repeatedly at a fixed interval. */
public sealed interface JobSchedule {

    record Once(Instant at) implements JobSchedule {}

    record Interval(Duration every, Instant firstRun) implements JobSchedule {
        public Interval {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + every);
            }
        }
    }

    static JobSchedule now() {
        return new Once(Instant.now());
    }
}
