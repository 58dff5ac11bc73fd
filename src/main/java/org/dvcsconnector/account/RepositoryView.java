package org.dvcsconnector.account;

import java.time.Instant;

/** A repository row on the accounts page and in REST. */
public record RepositoryView(int id, int accountId, String slug, String name, String avatarUrl, boolean linked,
        boolean smartCommits, boolean deleted, String syncState, Instant lastSyncAt) {}
