package org.dvcsconnector.web;

/** Durations as the admin pages show them: "850 ms", "12.4 s", "3 min 5 s", "1 h 2 min". */
public final class DurationFormat {

    public String format(long millis) {
        if (millis < 1_000) {
            return Math.max(0, millis) + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
