package org.dvcsconnector.sync;

import java.time.Instant;

/**
 * One entry of the sync audit log: a full, soft or webhook run of one repository, what it stored, how many
 * Bitbucket requests it cost and how it ended. {@code finished} is null while the run is going on (or if its
 * node died; the next run of the repository then starts a new entry). {@code note}: information that is no error
 * (why a push needed a soft sync).
 */
public record SyncRunView(int id, int repositoryId, String repository, SyncKind type, Instant started, Instant finished,
        Long durationMs, int commits, int branches, int pullRequests, int requests, String error,
        String note) {}
