package org.dvcsconnector.spi;

import java.util.Map;

/** The code behind a scheduled job. Throwing marks the run failed; the schedule goes on. */
@FunctionalInterface
public interface JobRunner {
    void run(String jobId, Map<String, String> parameters) throws Exception;
}
