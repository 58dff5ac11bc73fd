package org.dvcsconnector.smartcommit;

import java.math.BigDecimal;
import org.dvcsconnector.spi.TimeTrackingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How long {@code 1d} and {@code 1w} are, in minutes, by the site's time tracking settings. */
record WorkingTime(double minutesPerDay, double minutesPerWeek) {

    private static final Logger LOG = LoggerFactory.getLogger(WorkingTime.class);

    /** Jira's defaults, 8-hour days and 5-day weeks. */
    static final WorkingTime DEFAULT = new WorkingTime(8 * 60, 5 * 8 * 60);

    /** The host's settings, read now; values no host should give (none, zero, over 24 hours or 7 days) are Jira's defaults. */
    static WorkingTime of(TimeTrackingConfiguration config) {
        BigDecimal hours = config.getHoursPerDay();
        BigDecimal days = config.getDaysPerWeek();
        if (valid(hours, 24) && valid(days, 7)) {
            double day = hours.doubleValue() * 60;
            return new WorkingTime(day, day * days.doubleValue());
        }
        LOG.warn("The host's time tracking settings ({} hours a day, {} days a week) are out of range; #time uses 8 and 5",
                hours, days);
        return DEFAULT;
    }

    private static boolean valid(BigDecimal value, int max) {
        return value != null && value.signum() > 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }
}
