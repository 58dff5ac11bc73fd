package org.dvcsconnector.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * When a job runs: once, or repeatedly at a fixed interval. atlassian-scheduler's
 * {@code com.atlassian.scheduler.config.Schedule}: {@link Once} is {@code Schedule.runOnce(Date)}, {@link Interval}
 * is {@code Schedule.forInterval(long intervalInMillis, Date firstRunTime)}.
 *
 * <p>Difference: no cron schedules (the plugin uses none), and {@code java.time} instead of {@code Date} and millis.
 */
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
