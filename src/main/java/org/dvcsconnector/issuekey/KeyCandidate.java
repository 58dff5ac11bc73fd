package org.dvcsconnector.issuekey;

import java.util.List;

/**
 * One place in a text that may hold an issue key, with its readings in order of preference: the whole word before
 * the hyphen as the project ({@code BRANCHNAME_JRA-96}), then, for a word with an {@code _}, only its part after the
 * last {@code _} ({@code JRA-96}). Which reading is a key depends on the host's projects, so the scanner, which does
 * not know them, offers both and {@link IssueKeyExtractor} keeps the first whose project exists.
 */
public record KeyCandidate(List<IssueKeyMatch> readings) {

    public KeyCandidate {
        readings = List.copyOf(readings);
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a candidate has at least one reading");
        }
    }
}
