package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.java.ao.Query;
import org.dvcsconnector.db.StoredEnum;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.sync.SyncRunEntity;

/**
 * The audit log of syncs: one row per run (full, soft, or a push applied from its webhook). Retention is
 * bounded per repository and per type ({@value #KEEP_PER_TYPE} each), so a busy repository's many webhook
 * entries never push its last full sync out of the log.
 */
public final class SyncAuditLog {

    static final int KEEP_PER_TYPE = 20;
    /** The most entries one listing returns. */
    public static final int MAX_LISTED = 200;


    static final String INTERRUPTED = "Interrupted: the node running this sync stopped. The next run carried on from "
            + "what was stored.";

    /** What a run stored and cost. */
    record Counts(int commits, int branches, int pullRequests, int requests) {}

    private final ActiveObjects ao;
    private final Clock clock;

    public SyncAuditLog(ActiveObjects ao, Clock clock) {
        this.ao = ao;
        this.clock = clock;
    }

    /**
     * Opens the entry of a run that is starting; returns its id. Called under the repository's sync lock, so an
     * entry still open is of a run whose node died: it is closed as interrupted.
     */
    int started(int repositoryId, SyncKind type) {
        return ao.executeInTransaction(() -> {
            for (SyncRunEntity orphan : ao.find(SyncRunEntity.class, "REPOSITORY_ID = ? AND FINISHED IS NULL", repositoryId)) {
                orphan.setFinished(clock.millis());
                orphan.setError(INTERRUPTED);
                orphan.save();
            }
            return ao.create(SyncRunEntity.class,
                    Map.of("REPOSITORY_ID", repositoryId, "TYPE", StoredEnum.write(type), "STARTED", clock.millis())).getID();
        });
    }

    /** Closes the entry with the run's counts and error (null when it succeeded), then prunes old entries. */
    void finished(int entryId, Counts counts, String error) {
        finished(entryId, counts, error, null);
    }

    /** {@link #finished(int, Counts, String)}, with a note (the records the run skipped), or null. */
    void finished(int entryId, Counts counts, String error, String note) {
        ao.executeInTransaction(() -> {
            SyncRunEntity entry = ao.get(SyncRunEntity.class, entryId);
            if (entry == null) {
                return null; // pruned meanwhile (a repository removed)
            }
            if (note != null) {
                entry.setNote(note);
            }
            close(entry, counts, error);
            return null;
        });
    }

    /** A finished run in one go (a webhook applied from its payload); {@code note} says something worth knowing. */
    void record(int repositoryId, SyncKind type, long startedMillis, Counts counts, String error, String note) {
        ao.executeInTransaction(() -> {
            SyncRunEntity entry = ao.create(SyncRunEntity.class,
                    Map.of("REPOSITORY_ID", repositoryId, "TYPE", StoredEnum.write(type), "STARTED", startedMillis));
            entry.setNote(note);
            close(entry, counts, error);
            return null;
        });
    }

    /**
     * The newest entries of the given repositories (id → display name), newest first, at most {@code limit}
     * (capped at {@value #MAX_LISTED}): one query.
     */
    public List<SyncRunView> latest(Map<Integer, String> repositories, int limit) {
        if (repositories.isEmpty()) {
            return List.of();
        }
        int bounded = Math.max(1, Math.min(limit, MAX_LISTED));
        SyncRunEntity[] rows = ao.find(SyncRunEntity.class, Query.select()
                .where("REPOSITORY_ID IN (" + placeholders(repositories.size()) + ")", repositories.keySet().toArray())
                .order("ID DESC").limit(bounded));
        List<SyncRunView> views = new ArrayList<>(rows.length);
        for (SyncRunEntity row : rows) {
            views.add(view(row, repositories.get(row.getRepositoryId())));
        }
        return views;
    }

    private void close(SyncRunEntity entry, Counts counts, String error) {
        entry.setFinished(clock.millis());
        entry.setCommits(counts.commits());
        entry.setBranches(counts.branches());
        entry.setPullRequests(counts.pullRequests());
        entry.setRequests(counts.requests());
        entry.setError(error);
        entry.save();
        prune(entry.getRepositoryId(), entry.getType());
    }

    private void prune(int repositoryId, String type) {
        SyncRunEntity[] old = ao.find(SyncRunEntity.class, Query.select()
                .where("REPOSITORY_ID = ? AND TYPE = ?", repositoryId, type).order("ID DESC").offset(KEEP_PER_TYPE)
                .limit(1000));
        if (old.length > 0) {
            ao.delete(old);
        }
    }

    private static SyncRunView view(SyncRunEntity row, String repository) {
        Instant started = Instant.ofEpochMilli(row.getStarted());
        Instant finished = row.getFinished() == null ? null : Instant.ofEpochMilli(row.getFinished());
        return new SyncRunView(row.getID(), row.getRepositoryId(), repository, StoredEnum.read(SyncKind.class, row.getType()),
                started, finished,
                finished == null ? null : finished.toEpochMilli() - started.toEpochMilli(), row.getCommits(),
                row.getBranches(), row.getPullRequests(), row.getRequests(), row.getError(), row.getNote());
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
