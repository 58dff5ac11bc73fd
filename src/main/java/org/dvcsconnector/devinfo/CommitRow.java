package org.dvcsconnector.devinfo;

import java.util.List;

/** A commit as synced from Bitbucket; {@code parents} are full hashes, first parent first. */
public record CommitRow(String hash, String message, String authorName, String authorEmail, String authorAccountId,
        String authorAvatarUrl, long committedAt, List<String> parents) {

    public CommitRow {
        parents = List.copyOf(parents);
    }

    /** Without an avatar (an author who is no Bitbucket user, or a test). */
    public CommitRow(String hash, String message, String authorName, String authorEmail, String authorAccountId,
            long committedAt, List<String> parents) {
        this(hash, message, authorName, authorEmail, authorAccountId, null, committedAt, parents);
    }

    public boolean merge() {
        return parents.size() > 1;
    }
}
