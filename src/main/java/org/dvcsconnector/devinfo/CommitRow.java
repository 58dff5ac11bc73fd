package org.dvcsconnector.devinfo;

import java.util.List;

/** A commit as synced from Bitbucket; {@code parents} are full hashes, first parent first. */
public record CommitRow(String hash, String message, String authorName, String authorEmail, String authorAccountId,
        long committedAt, List<String> parents) {

    public CommitRow {
        parents = List.copyOf(parents);
    }

    public boolean merge() {
        return parents.size() > 1;
    }
}
