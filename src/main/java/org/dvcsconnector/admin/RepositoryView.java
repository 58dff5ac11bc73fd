package org.dvcsconnector.admin;

import java.time.Instant;
import org.dvcsconnector.sync.SyncProgress;

/**
 * A repository row on the accounts page and in REST; {@code sync} (and {@code syncState}, its state) is null before the
 * first sync is requested, and {@code syncText} is the line the page shows for it.
 * {@code webhook}: REGISTERED, PENDING (registered after the first successful sync), FAILED (with
 * {@code webhookError} saying why and what to do) or NONE (not linked).
 */
public record RepositoryView(int id, int accountId, String slug, String name, String avatarUrl, boolean linked,
        boolean smartCommits, boolean deleted, SyncProgress.State syncState, Instant lastSyncAt, SyncProgress sync,
        String syncText, String webhook, String webhookError) {}
