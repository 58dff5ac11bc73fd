package org.dvcsconnector.account;

import java.time.Duration;

/**
 * Keeps a repository's writers (its syncs and the pushes applied from its webhooks, on any node) out while some
 * work runs on its stored data, so that work cannot race a sync that is still writing.
 */
@FunctionalInterface
public interface RepositoryWriters {

    /** Runs {@code work} once no writer holds the repository, waiting up to {@code wait}; false when none came. */
    boolean whileIdle(int repositoryId, Duration wait, Runnable work);
}
