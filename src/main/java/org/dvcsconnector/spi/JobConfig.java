package org.dvcsconnector.spi;

import java.util.Map;

/** A job: which runner runs it, when, and with what (small, string) parameters. */
public record JobConfig(String runnerKey, JobSchedule schedule, Map<String, String> parameters) {
    public JobConfig {
        parameters = Map.copyOf(parameters);
    }
}
