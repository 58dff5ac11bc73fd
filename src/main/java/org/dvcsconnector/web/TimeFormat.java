package org.dvcsconnector.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times as server-rendered admin pages show them (pages without a script): the exact instant for
 * {@code <time datetime>} and a readable text in the host's time zone, e.g. "24 Nov 2026, 14:05:09 UTC".
 */
public final class TimeFormat {

    private final DateTimeFormatter text;

    public TimeFormat(ZoneId zone) {
        this.text = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss z", Locale.ENGLISH).withZone(zone);
    }

    /** ISO-8601 in UTC, to the second: a {@code datetime} attribute's value. */
    public String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public String text(long epochMillis) {
        return text.format(Instant.ofEpochMilli(epochMillis));
    }
}
