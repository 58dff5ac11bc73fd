package org.dvcsconnector.refapp.scheduler;

import java.time.Duration;
import java.util.Map;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;

/**
 * What db-scheduler stores in {@code task_data} for one job: the runner to call, its parameters and,
 * for an interval job, the fixed delay between runs (null for a one-off job). The first/next run time
 * is the row's {@code execution_time}, so it is not repeated here.
 *
 * <p>Serialized as JSON with db-scheduler's {@code JacksonSerializer} rather than Java serialization:
 * the column stays readable for an admin, there is no Java-deserialization attack surface, and
 * adding a field later does not break rows written by an older node.
 */
record JobData(String runnerKey, Map<String, String> parameters, Long intervalMillis) {

    static JobData of(JobConfig config) {
        Long interval = config.schedule() instanceof JobSchedule.Interval every ? every.every().toMillis() : null;
        return new JobData(config.runnerKey(), config.parameters(), interval);
    }

    static java.time.Instant firstRun(JobConfig config) {
        // JobSchedule is sealed with these two cases (no pattern switch on Java 17).
        return config.schedule() instanceof JobSchedule.Interval every
                ? every.firstRun()
                : ((JobSchedule.Once) config.schedule()).at();
    }

    boolean repeats() {
        return intervalMillis != null;
    }

    Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }
}
