package org.dvcsconnector.devinfo;

import java.time.Clock;
import java.time.Duration;
import org.dvcsconnector.spi.PluginSettings;

/**
 * Whether the {@link IssueSummaryEntity} table holds every repository's summary and {@link IssueTotalEntity} their
 * sums, so that the panel may read those instead of the links. Writes keep the tables from the moment they exist;
 * only links stored before need the one-time backfill, which says so here when done. Shared by the nodes through
 * the plugin settings; asked on every summary request, so a node re-reads the setting at most every
 * {@link #RECHECK} until it is set, and never after.
 */
public final class SummaryTableReadiness {

    /** Bump to rebuild every summary once (when what a row means changes). */
    static final String VERSION = "2"; // 2: with IssueTotalEntity
    static final String SETTING = "devinfo.summaryTable";
    static final Duration RECHECK = Duration.ofSeconds(5);

    private final PluginSettings settings;
    private final Clock clock;
    private volatile boolean ready;
    private volatile long checkAfter;

    public SummaryTableReadiness(PluginSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public boolean ready() {
        if (ready) {
            return true;
        }
        long now = clock.millis();
        if (now >= checkAfter) {
            checkAfter = now + RECHECK.toMillis();
            ready = VERSION.equals(settings.get(SETTING).orElse(null));
        }
        return ready;
    }

    /** Every repository's summary is built: all nodes may read the table. */
    public void markReady() {
        settings.put(SETTING, VERSION);
        ready = true;
    }
}
