package org.dvcsconnector.sync;

import java.util.Arrays;
import java.util.List;
import org.dvcsconnector.devinfo.CommitRow;

/**
 * Where a full sync's older history goes on: the commits reachable from {@code heads} (the branch heads its first
 * phase stored), listed newest first, of which every page before {@code next} is stored. With the soft sync's
 * cursor (the stored heads), every commit of a stored head is stored, or still to come on this listing.
 *
 * @param next the next page (Bitbucket's opaque link), null once every page is stored
 * @param commits commits the listing returned so far
 * @param newest the newest commit date listed (epoch millis), null before any
 * @param reached the oldest commit date listed so far (epoch millis), null before any
 */
record HistoryCursor(List<String> heads, String next, int commits, Long newest, Long reached) {

    HistoryCursor {
        heads = List.copyOf(heads);
    }

    /** The listing after its first page, {@code first} (the newest commits), whose next page is {@code next}. */
    static HistoryCursor start(List<String> heads, List<CommitRow> first, String next) {
        return new HistoryCursor(heads, next, 0, null, null).after(first, next);
    }

    /** The cursor once {@code page} (which named {@code next}) is stored. */
    HistoryCursor after(List<CommitRow> page, String next) {
        Long newestNow = newest;
        Long reachedNow = reached;
        for (CommitRow commit : page) {
            if (commit.committedAt() > 0) {
                newestNow = newestNow == null ? commit.committedAt() : Math.max(newestNow, commit.committedAt());
                reachedNow = reachedNow == null ? commit.committedAt() : Math.min(reachedNow, commit.committedAt());
            }
        }
        return new HistoryCursor(heads, next, commits + page.size(), newestNow, reachedNow);
    }

    /** The same listing from its top again (a stored link was refused): what it returned before is counted anew. */
    HistoryCursor restart() {
        return new HistoryCursor(heads, null, 0, null, null);
    }

    /** Whether every page is stored (what is left: branch membership and closed pull requests). */
    boolean listed() {
        return next == null;
    }

    String headsText() {
        return String.join(" ", heads);
    }

    static List<String> heads(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" "));
    }
}
