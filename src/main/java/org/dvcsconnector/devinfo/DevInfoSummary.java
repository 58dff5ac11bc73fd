package org.dvcsconnector.devinfo;

import java.time.Instant;

/** The counts on an issue's development panel; {@code lastUpdated} is null when nothing mentions the issue. */
public record DevInfoSummary(Count commits, Count branches, PullRequestCount pullRequests, Instant lastUpdated) {

    public record Count(int count) {}

    /** Superseded pull requests count in {@code count} only. */
    public record PullRequestCount(int count, int open, int merged, int declined) {}

    public static final DevInfoSummary EMPTY =
            new DevInfoSummary(new Count(0), new Count(0), new PullRequestCount(0, 0, 0, 0), null);

    public boolean none() {
        return commits.count() == 0 && branches.count() == 0 && pullRequests.count() == 0;
    }
}
