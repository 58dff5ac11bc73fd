package org.dvcsconnector.sync;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what a push fully describes, with no API request: a change carrying every new commit (not truncated, at
 * most five, not forced, starting at the stored head, every parent known). A change must start from what is stored
 * (a new branch one not stored, a deletion the stored head), so a replayed or late delivery never moves a branch
 * back or raises its event again; a change whose new head is stored already was applied before. A change that starts
 * from something not stored yet builds on a push whose delivery is still to come (Bitbucket sends each on its own, so
 * a burst arrives in any order): it waits for it, while the caller allows. Anything else is left to a soft sync,
 * which is always correct. The caller holds the repository's write lock ({@link RepositorySync#lockName}).
 */
public final class PushApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PushApplier.class);
    /** The most commits Bitbucket puts in one change of a push payload. */
    private static final int PAYLOAD_COMMITS = 5;

    /** One ref change of a push: {@code oldHead} null for a new branch, {@code newHead} null for a deleted one. */
    public record BranchChange(String name, String oldHead, String newHead, List<CommitRow> commits, boolean truncated,
            boolean forced) {
        /** The name as stored ({@link StoredText#clean}): what the stored heads are compared with. */
        public BranchChange {
            name = StoredText.clean(name);
            commits = List.copyOf(commits);
        }
    }

    private final DevInfoStore store;
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final SyncAuditLog auditLog;
    private final DevEventOutbox outbox;
    private final Clock clock;

    public PushApplier(DevInfoStore store, IssueKeyExtractor keys, SchedulerService scheduler, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.states = new SyncStates(store.ao(), clock);
        this.auditLog = new SyncAuditLog(store.ao(), clock);
        this.outbox = new DevEventOutbox(store.db(), scheduler, clock);
        this.clock = clock;
    }

    /** Whether the repository was synced once: before that there is nothing for a push to extend. */
    public boolean hasBaseline(int repositoryId) {
        return states.hasBaseline(repositoryId);
    }

    /**
     * What applying a push came to: how many changes were stored, whether some wait for a push they build on that is
     * not stored yet, and why a soft sync is needed (null when none is).
     */
    public record Outcome(int applied, boolean waiting, String syncReason) {
        public boolean needsSync() {
            return syncReason != null;
        }
    }

    /** Where a change stands against what is stored. */
    private enum Step { STORED_ALREADY, APPLY, WAIT, SYNC }

    /**
     * Applies what the changes fully describe and what is stored already allows.
     *
     * @param mayWait whether a change that builds on something not stored yet (another push of the same burst,
     *                delivered later or still being applied) may wait for it; when false it is left to a soft sync
     */
    public Outcome apply(int repositoryId, List<BranchChange> changes, Actor actor, boolean mayWait) {
        long started = clock.millis();
        // nothing is fetched; what the push brings is new, so it raises events
        SyncRun run = SyncRun.forPush(repositoryId, store, keys, states, outbox);
        Map<String, String> heads = store.branchHeads(repositoryId);
        String syncReason = null;
        boolean waiting = false;
        int applied = 0;
        for (BranchChange change : changes) {
            String name = change.name();
            switch (step(run, change, heads.get(name))) {
                case STORED_ALREADY -> { } // a replay, or applied by an earlier attempt at this delivery
                case APPLY -> {
                    if (change.newHead() == null) {
                        store.writer().write(repositoryId, tx -> tx.deleteBranch(name));
                        heads.remove(name);
                    } else {
                        store(run, change, actor);
                        heads.put(name, change.newHead());
                    }
                    applied++;
                }
                case WAIT -> {
                    if (mayWait) {
                        waiting = true;
                    } else {
                        syncReason = "a push it builds on was not delivered in time";
                    }
                }
                case SYNC -> syncReason = "the payload does not carry every commit of the push";
            }
        }
        run.wakeDispatcher();
        if (applied > 0 || syncReason != null) { // a change still waiting is logged once it is applied or given up
            audit(repositoryId, started, run.commitsAdded(), applied, syncReason, run.skipped());
        }
        return new Outcome(applied, waiting, syncReason);
    }

    /**
     * A change applies when it starts from what is stored (a new branch from none, a deletion from the stored head)
     * and everything it builds on is stored or in it; one that starts elsewhere builds on a push not applied yet.
     */
    private static Step step(SyncRun run, BranchChange change, String stored) {
        if (change.newHead() == null) {
            if (stored == null) {
                return Step.STORED_ALREADY;
            }
            return stored.equals(change.oldHead()) ? Step.APPLY : Step.WAIT;
        }
        if (change.newHead().equals(stored)) {
            return Step.STORED_ALREADY;
        }
        if (change.truncated() || change.forced() || change.commits().size() > PAYLOAD_COMMITS) {
            return Step.SYNC;
        }
        boolean startsAtStored = change.oldHead() == null ? stored == null : change.oldHead().equals(stored);
        return startsAtStored && graphClosed(run, change.commits(), change.newHead()) ? Step.APPLY : Step.WAIT;
    }

    private void store(SyncRun run, BranchChange change, Actor actor) {
        int repositoryId = run.repositoryId();
        String name = change.name();
        run.saveCommits(change.commits());
        if (change.oldHead() != null) {
            List<String> hashes = change.commits().stream().map(CommitRow::hash).toList();
            store.writer().write(repositoryId, tx -> tx.addBranchCommits(name, hashes));
        } else {
            CommitGraph graph = new CommitGraph();
            store.forEachCommitParents(repositoryId, (hash, parents) -> graph.add(hash, split(parents)));
            run.saveMembership(graph, name, change.newHead());
            run.saveBranchLinks(List.of(name));
        }
        // The head (the soft sync's cursor) moves last, once the commits it covers are stored.
        if (change.oldHead() == null) {
            run.saveNewBranchHead(name, change.newHead(), actor);
        } else {
            store.writer().write(repositoryId, tx -> tx.setBranchHead(name, change.newHead()));
        }
    }

    /** Every parent of the pushed commits, and the new head, is stored or pushed: nothing in between is missing. */
    private static boolean graphClosed(SyncRun run, List<CommitRow> commits, String newHead) {
        Set<String> pushed = new HashSet<>();
        commits.forEach(c -> pushed.add(c.hash()));
        if (!pushed.contains(newHead) && !run.knows(newHead)) {
            return false;
        }
        return commits.stream().flatMap(c -> c.parents().stream()).allMatch(p -> pushed.contains(p) || run.knows(p));
    }

    private void audit(int repositoryId, long started, int commits, int branches, String syncReason, String skipped) {
        LOG.info("Push webhook of repository {}: {} new commits, {} branches changed from the payload{}", repositoryId,
                commits, branches, syncReason == null ? "" : "; the rest is left to a soft sync: " + syncReason);
        // A soft sync is the designed fallback, not a failure: a note, not an error.
        String note = syncReason == null ? null : "A soft sync was requested: " + syncReason + ".";
        if (skipped != null) {
            note = note == null ? skipped : note + " " + skipped;
        }
        auditLog.record(repositoryId, SyncKind.WEBHOOK, started, new SyncAuditLog.Counts(commits, branches, 0, 0), null,
                note);
    }

    private static List<String> split(String parents) {
        return parents == null || parents.isBlank() ? List.of() : Arrays.asList(parents.trim().split(" "));
    }
}
