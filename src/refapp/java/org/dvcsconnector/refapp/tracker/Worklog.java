package org.dvcsconnector.refapp.tracker;

import java.time.Instant;

/** Time logged on an issue. */
public record Worklog(long id, String issueKey, String author, long timeSpentSeconds, String comment, Instant started,
        Instant created) {

    /** Jira's default time-tracking units: a day is 8 hours and a week 5 days. */
    private static final long[] UNIT_SECONDS = {5 * 8 * 3600, 8 * 3600, 3600, 60};
    private static final String[] UNIT_NAMES = {"w", "d", "h", "m"};

    /** The time spent as Jira shows it, e.g. {@code "1d 2h 30m"}; whole minutes (seconds are dropped). */
    public String timeSpent() {
        return format(timeSpentSeconds);
    }

    static String format(long seconds) {
        StringBuilder out = new StringBuilder();
        long rest = seconds;
        for (int i = 0; i < UNIT_SECONDS.length; i++) {
            long count = rest / UNIT_SECONDS[i];
            rest %= UNIT_SECONDS[i];
            if (count > 0) {
                out.append(out.isEmpty() ? "" : " ").append(count).append(UNIT_NAMES[i]);
            }
        }
        return out.isEmpty() ? "0m" : out.toString();
    }
}
