package org.dvcsconnector.refapp.tracker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.spi.TimeTrackingConfiguration;

/**
 * The site's working time (Jira: <em>Administration &gt; Issues &gt; Time tracking</em>): how many hours a day and
 * days a week {@code 1d} and {@code 1w} mean, for the tracker's work logs and the plugin's {@code #time}. Stored under
 * Jira's application-property names in the database, so every node of a cluster uses the same values, and read on
 * each use, so a change applies at once. Defaults: Jira's 8 hours and 5 days.
 */
public final class TimeTracking implements TimeTrackingConfiguration {

    public static final BigDecimal DEFAULT_HOURS_PER_DAY = BigDecimal.valueOf(8);
    public static final BigDecimal DEFAULT_DAYS_PER_WEEK = BigDecimal.valueOf(5);
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);
    private static final String UNITS = "wdhm";
    static final String HOURS_PER_DAY = "jira.timetracking.hoursPerDay";
    static final String DAYS_PER_WEEK = "jira.timetracking.daysPerWeek";

    private final Sql sql;

    TimeTracking(Sql sql) {
        this.sql = sql;
    }

    @Override
    public BigDecimal getHoursPerDay() {
        return read(HOURS_PER_DAY).orElse(DEFAULT_HOURS_PER_DAY);
    }

    @Override
    public BigDecimal getDaysPerWeek() {
        return read(DAYS_PER_WEEK).orElse(DEFAULT_DAYS_PER_WEEK);
    }

    /**
     * Sets both, as Jira's settings page does: more than 0 and at most 24 hours a day, more than 0 and at most 7 days
     * a week, at most two decimals (7.5 hours is a working day in many places).
     *
     * @throws InvalidInputException naming each field that is out of range
     */
    public void update(BigDecimal hoursPerDay, BigDecimal daysPerWeek) {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "workingHoursPerDay", hoursPerDay, 24, "Hours per day must be more than 0 and at most 24.");
        check(errors, "workingDaysPerWeek", daysPerWeek, 7, "Days per week must be more than 0 and at most 7.");
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        try {
            save(hoursPerDay, daysPerWeek);
        } catch (DataAccessException e) {
            if (!e.isDuplicate()) {
                throw e;
            }
            save(hoursPerDay, daysPerWeek); // another node inserted first: the rows exist now, so this updates them
        }
    }

    private void save(BigDecimal hoursPerDay, BigDecimal daysPerWeek) {
        sql.inTransaction(c -> {
            write(c, HOURS_PER_DAY, hoursPerDay.stripTrailingZeros().toPlainString());
            write(c, DAYS_PER_WEEK, daysPerWeek.stripTrailingZeros().toPlainString());
            return null;
        });
    }

    /** Seconds in {@code amount} of a unit {@code w}, {@code d}, {@code h} or {@code m}, by this working time. */
    public long seconds(long amount, char unit) {
        return Math.multiplyExact(amount, unitSeconds()[UNITS.indexOf(unit)]);
    }

    /** A time spent as Jira shows it by this working time, e.g. {@code "1d 2h 30m"}; whole minutes. */
    public String format(long seconds) {
        long[] units = unitSeconds();
        StringBuilder out = new StringBuilder();
        long rest = seconds;
        for (int i = 0; i < units.length; i++) {
            long count = rest / units[i];
            rest %= units[i];
            if (count > 0) {
                out.append(out.isEmpty() ? "" : " ").append(count).append(UNITS.charAt(i));
            }
        }
        return out.isEmpty() ? "0m" : out.toString();
    }

    /** Seconds in a week, a day, an hour and a minute ({@link #UNITS}). */
    private long[] unitSeconds() {
        BigDecimal day = getHoursPerDay().multiply(HOUR);
        BigDecimal week = day.multiply(getDaysPerWeek());
        return new long[] {seconds(week), seconds(day), 3600, 60};
    }

    private static long seconds(BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static void check(Map<String, String> errors, String field, BigDecimal value, int max, String message) {
        if (value == null || value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(max)) > 0
                || value.stripTrailingZeros().scale() > 2) {
            errors.put(field, message + " At most two decimals.");
        }
    }

    private Optional<BigDecimal> read(String key) {
        return sql.first("SELECT PROPERTY_VALUE FROM REFAPP_PROPERTY WHERE PROPERTY_KEY = ?",
                row -> new BigDecimal(row.getString("PROPERTY_VALUE")), key);
    }

    /** Update, else insert. */
    private static void write(Connection c, String key, String value) throws SQLException {
        if (Sql.update(c, "UPDATE REFAPP_PROPERTY SET PROPERTY_VALUE = ? WHERE PROPERTY_KEY = ?", value, key) == 0) {
            Sql.update(c, "INSERT INTO REFAPP_PROPERTY (PROPERTY_KEY, PROPERTY_VALUE) VALUES (?, ?)", key, value);
        }
    }
}
