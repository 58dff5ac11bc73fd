package org.dvcsconnector.spi;

import java.util.Map;

/**
 * The code behind a scheduled job: atlassian-scheduler's {@code com.atlassian.scheduler.JobRunner}. Throwing marks
 * the run failed; the schedule goes on.
 *
 * <p>Difference: {@code runJob} takes the two fields of {@code com.atlassian.scheduler.JobRunnerRequest} the plugin
 * reads (job id, parameters) and reports failure by throwing, which atlassian-scheduler also treats as a failed
 * run, instead of returning a {@code com.atlassian.scheduler.JobRunnerResponse}.
 */
@FunctionalInterface
public interface JobRunner {
    void runJob(String jobId, Map<String, String> parameters) throws Exception;
}
