package org.dvcsconnector.refapp.scheduler;

import java.time.Duration;

/**
 * Tuning of {@link DbSchedulerService}.
 *
 * @param pollingInterval how often a node looks for due jobs
 * @param missingRunnerDelay how long a job waits when the node that picked it has no runner for it
 *     (randomized ±50% so that another node, which may have the runner, gets its turn)
 * @param onceRetryBackoff first retry delay of a failed one-off job; doubles on each retry
 * @param onceMaxRetries retries of a failed one-off job before it is dropped
 * @param shutdownWait how long {@code close()} waits for running jobs
 * @param threads worker threads per node
 * @param heartbeatInterval how often a node marks the jobs it runs as alive
 * @param missedHeartbeats heartbeats missed before another node takes a job over (its node is dead)
 */
public record SchedulerOptions(
        Duration pollingInterval,
        Duration missingRunnerDelay,
        Duration onceRetryBackoff,
        int onceMaxRetries,
        Duration shutdownWait,
        int threads,
        Duration heartbeatInterval,
        int missedHeartbeats) {

    public static SchedulerOptions defaults() {
        return new SchedulerOptions(
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), 3, Duration.ofSeconds(10), 4,
                // A killed node's sync is taken over within about 20 s, not db-scheduler's default 30 min.
                Duration.ofSeconds(5), 4);
    }

    public SchedulerOptions withPollingInterval(Duration value) {
        return new SchedulerOptions(value, missingRunnerDelay, onceRetryBackoff, onceMaxRetries, shutdownWait, threads, heartbeatInterval, missedHeartbeats);
    }

    public SchedulerOptions withMissingRunnerDelay(Duration value) {
        return new SchedulerOptions(pollingInterval, value, onceRetryBackoff, onceMaxRetries, shutdownWait, threads, heartbeatInterval, missedHeartbeats);
    }

    public SchedulerOptions withOnceRetryBackoff(Duration value) {
        return new SchedulerOptions(pollingInterval, missingRunnerDelay, value, onceMaxRetries, shutdownWait, threads, heartbeatInterval, missedHeartbeats);
    }
}
