package org.dvcsconnector.spi;

import java.math.BigDecimal;

/**
 * The site's working time, which turns durations written in days and weeks into hours: Jira's
 * {@code com.atlassian.jira.issue.worklog.TimeTrackingConfiguration}, same names and types, so a Jira adapter
 * delegates both methods. Read when needed, not cached: an administrator may change it at any time.
 */
public interface TimeTrackingConfiguration {

    /** Hours in a working day ({@code 1d}); Jira's default is 8. May have a fraction, e.g. 7.5. */
    BigDecimal getHoursPerDay();

    /** Working days in a week ({@code 1w}); Jira's default is 5. May have a fraction, e.g. 4.5. */
    BigDecimal getDaysPerWeek();
}
