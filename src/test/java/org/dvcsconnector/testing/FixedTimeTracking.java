package org.dvcsconnector.testing;

import java.math.BigDecimal;
import org.dvcsconnector.spi.TimeTrackingConfiguration;

/** A host's working time that never changes. */
public record FixedTimeTracking(BigDecimal hoursPerDay, BigDecimal daysPerWeek) implements TimeTrackingConfiguration {

    /** Jira's defaults: 8-hour days, 5-day weeks. */
    public static final FixedTimeTracking JIRA_DEFAULT = of("8", "5");

    public static FixedTimeTracking of(String hoursPerDay, String daysPerWeek) {
        return new FixedTimeTracking(new BigDecimal(hoursPerDay), new BigDecimal(daysPerWeek));
    }

    @Override
    public BigDecimal getHoursPerDay() {
        return hoursPerDay;
    }

    @Override
    public BigDecimal getDaysPerWeek() {
        return daysPerWeek;
    }
}
