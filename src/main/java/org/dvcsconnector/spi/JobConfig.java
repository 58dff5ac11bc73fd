package org.dvcsconnector.spi;

import java.util.Map;

/**
 * A job: which runner runs it, when, and with what (small, string) parameters. atlassian-scheduler's
 * {@code com.atlassian.scheduler.config.JobConfig}, always with {@code RunMode.RUN_ONCE_PER_CLUSTER}.
 *
 * <p>Difference: a record instead of {@code JobConfig.forJobRunnerKey(..).withSchedule(..).withParameters(..)}, the
 * runner key a string instead of a {@code JobRunnerKey}, and parameters strings instead of {@code Serializable}s.
 */
public record JobConfig(String runnerKey, JobSchedule schedule, Map<String, String> parameters) {
    public JobConfig {
        parameters = Map.copyOf(parameters);
    }
}
