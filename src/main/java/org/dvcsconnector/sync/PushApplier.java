package org.dvcsconnector.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * back or raises its event again. Anything else is left to a soft sync, which is always correct. The caller holds
 * the repository's write lock ({@link RepositorySync#lockName}).
 */
public final class PushApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PushApplier.class);
    /** The most commits Bitbucket puts in one change of a push payload. */
    private static final int PAYLOAD_COMMITS = 5;

    /** One ref change of a push: {@code oldHead} null for a new branch, {@code newHead} null for a deleted one. */
    public record BranchChange(String name, String oldHead, String newHead, List<CommitRow> commits, boolean truncated,
            boolean forced) {
        public BranchChange {
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

    /** Applies what the changes fully describe; true when some change needs a soft sync. */
    public boolean apply(int repositoryId, List<BranchChange> changes, String actorAccountId) {
        long started = clock.millis();
        // nothing is fetched; what the push brings is new, so it raises events
        SyncRun run = SyncRun.forPush(repositoryId, store, keys, states, outbox);
        Map<String, String> heads = store.branchHeads(repositoryId);
        boolean needsSync = false;
        int applied = 0;
        for (BranchChange change : changes) {
            String name = change.name();
            String stored = heads.get(name);
            if (change.newHead() == null) {
                if (stored != null && !stored.equals(change.oldHead())) {
                    needsSync = true; // a replayed or late deletion: the branch moved (or came back) since
                    continue;
                }
                store.writer().write(repositoryId, tx -> tx.deleteBranch(name));
                heads.remove(name);
                applied++;
                continue;
            }
            if (!completeInPayload(run, change, stored)) {
                needsSync = true;
                continue;
            }
            store(run, change, actorAccountId);
            heads.put(name, change.newHead());
            applied++;
        }
        run.wakeDispatcher();
        audit(repositoryId, started, run.commitsAdded(), applied, needsSync);
        return needsSync;
    }

    private void store(SyncRun run, BranchChange change, String actorAccountId) {
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
            run.saveNewBranchHead(name, change.newHead(), actorAccountId);
        } else {
            store.writer().write(repositoryId, tx -> tx.setBranchHead(name, change.newHead()));
        }
    }

    private static boolean completeInPayload(SyncRun run, BranchChange change, String stored) {
        boolean startsAtStored = change.oldHead() == null ? stored == null : change.oldHead().equals(stored);
        return !change.truncated() && !change.forced() && change.commits().size() <= PAYLOAD_COMMITS && startsAtStored
                && graphClosed(run, change.commits(), change.newHead());
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

    private void audit(int repositoryId, long started, int commits, int branches, boolean needsSync) {
        LOG.info("Push webhook of repository {}: {} new commits, {} branches changed from the payload{}", repositoryId,
                commits, branches, needsSync ? "; the rest is left to a soft sync" : "");
        auditLog.record(repositoryId, SyncKind.WEBHOOK, started, new SyncAuditLog.Counts(commits, branches, 0, 0),
                needsSync ? "Not complete in the payload: a soft sync was requested" : null);
    }

    private static List<String> split(String parents) {
        return parents == null || parents.isBlank() ? List.of() : Arrays.asList(parents.trim().split(" "));
    }
}
