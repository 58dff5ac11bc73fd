package org.dvcsconnector.sync;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devevent.NewDevEvent;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.devinfo.LinkKind;
import org.dvcsconnector.devinfo.LinkRow;
import org.dvcsconnector.devinfo.PullRequestRow;
import org.dvcsconnector.devinfo.PullRequestState;
import org.dvcsconnector.issuekey.IssueKey;
import org.dvcsconnector.issuekey.IssueKeyExtractor;

/**
 * What full and soft sync share for one run over one repository: the reader, the idempotent writes (each
 * page in one transaction), link extraction, progress, and the counts for the audit log.
 *
 * <p>In a soft sync or a push (never a full sync's backfill), each write that stores
 * something new for an issue (a commit, a branch, a pull request's state change) also writes its development
 * event to the outbox in the same transaction.
 */
final class SyncRun {

    private final SyncKind kind;
    private final int repositoryId;
    /** Null for a push run: it fetches nothing. */
    private final RepositoryReader reader;
    private final DevInfoStore store;
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final DevEventOutbox outbox;
    /** Why the run should stop now, or null to go on; asked after every page and before each changed pull request. */
    private final Supplier<String> stopReason;
    private final Set<String> knownCommits;
    private final Set<String> knownLinks;
    private final Tally tally;
    private Map<Long, PullRequestState> pullRequestStates;

    private SyncRun(SyncKind kind, int repositoryId, RepositoryReader reader, DevInfoStore store, IssueKeyExtractor keys,
            SyncStates states, DevEventOutbox outbox, Supplier<String> stopReason, Set<String> knownCommits,
            Set<String> knownLinks, Tally tally) {
        this.kind = kind;
        this.repositoryId = repositoryId;
        this.reader = reader;
        this.store = store;
        this.keys = keys;
        this.states = states;
        this.outbox = outbox;
        this.stopReason = stopReason;
        this.knownCommits = knownCommits;
        this.knownLinks = knownLinks;
        this.tally = tally;
    }

    /** A full or soft sync reading Bitbucket through {@code reader}. */
    static SyncRun forSync(SyncKind kind, int repositoryId, RepositoryReader reader, DevInfoStore store,
            IssueKeyExtractor keys, SyncStates states, DevEventOutbox outbox, Supplier<String> stopReason) {
        if (kind == SyncKind.WEBHOOK || reader == null) {
            throw new IllegalArgumentException("A " + kind + " sync needs a reader");
        }
        return new SyncRun(kind, repositoryId, reader, store, keys, states, outbox, stopReason,
                store.commitHashes(repositoryId), store.linkIdentities(repositoryId), new Tally());
    }

    /** A push applied from its webhook's payload: nothing is fetched, and nothing stops it. */
    static SyncRun forPush(int repositoryId, DevInfoStore store, IssueKeyExtractor keys, SyncStates states,
            DevEventOutbox outbox) {
        return new SyncRun(SyncKind.WEBHOOK, repositoryId, null, store, keys, states, outbox, () -> null,
                store.commitHashes(repositoryId), store.linkIdentities(repositoryId), new Tally());
    }

    /**
     * The same run carried on as a full sync (a soft sync found a stored head gone): what it stores from now on is
     * backfill, so it raises no events; what it knows and has counted so far carries over.
     */
    SyncRun asFull() {
        return new SyncRun(SyncKind.FULL, repositoryId, reader, store, keys, states, outbox, stopReason, knownCommits,
                knownLinks, tally);
    }

    SyncKind kind() {
        return kind;
    }

    int repositoryId() {
        return repositoryId;
    }

    RepositoryReader reader() {
        if (reader == null) {
            throw new IllegalStateException("A push run reads nothing from Bitbucket");
        }
        return reader;
    }

    int commitsAdded() {
        return tally.commitsAdded;
    }

    int pullRequestsSaved() {
        return tally.pullRequestsSaved;
    }

    int branches() {
        return tally.branches;
    }

    /** Events are raised for what a soft sync or a push brings; a full sync and its older history are backfill. */
    private boolean recordEvents() {
        return kind == SyncKind.SOFT || kind == SyncKind.WEBHOOK;
    }

    /** Whether the commit is stored (or was stored by this run). */
    boolean knows(String hash) {
        return knownCommits.contains(hash);
    }

    DevInfoStore store() {
        return store;
    }

    /** Stores a page of commits and their issue links in one transaction; new rows only. */
    void saveCommits(List<CommitRow> page) {
        List<LinkRow> links = new ArrayList<>();
        List<NewDevEvent> events = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        for (CommitRow commit : page) {
            if (!knownCommits.contains(commit.hash()) && fresh.add(commit.hash())) {
                int before = links.size();
                links(commit.message(), LinkKind.COMMIT, commit.hash(), links);
                if (recordEvents() && links.size() > before) {
                    events.add(new NewDevEvent(DevEventType.COMMIT_CREATED, commit.hash(),
                            issueKeys(links.subList(before, links.size())), commit.message(), commit.authorEmail(),
                            commit.authorAccountId(), null, commit.committedAt()));
                }
            }
        }
        store.writer().write(repositoryId, tx -> {
            tally.commitsAdded += tx.insertCommits(page, knownCommits);
            tx.insertLinks(links, knownLinks);
            record(events);
        });
    }

    /** Branch {@code name}'s commits are exactly those of {@code graph} reachable from {@code head}. */
    void saveMembership(CommitGraph graph, String name, String head) {
        BitSet on = graph.reachable(head);
        List<String> hashes = new ArrayList<>(on.cardinality());
        on.stream().forEach(i -> hashes.add(graph.hash(i)));
        store.writer().write(repositoryId, tx -> tx.replaceBranchCommits(name, hashes));
    }

    void saveBranchLinks(Collection<String> names) {
        List<LinkRow> links = new ArrayList<>();
        names.forEach(name -> links(name, LinkKind.BRANCH, name, links));
        store.writer().write(repositoryId, tx -> tx.insertLinks(links, knownLinks));
    }

    /**
     * Stores the pull requests of a page that changed since stored ({@code updated_on} differs), each with its
     * links and events in one transaction. The page holds all of it: no request per pull request.
     */
    void savePullRequests(List<PullRequestRow> page, Map<Long, Long> stored) throws BitbucketException {
        for (PullRequestRow pr : page) {
            Long version = stored.get(pr.remoteId());
            if (version != null && version == pr.updatedOn()) {
                continue;
            }
            stopIfUnwanted();
            List<LinkRow> links = new ArrayList<>();
            String target = Long.toString(pr.remoteId());
            links(pr.title(), LinkKind.PULL_REQUEST, target, links);
            links(pr.sourceBranch(), LinkKind.PULL_REQUEST, target, links);
            List<NewDevEvent> events = pullRequestEvents(pr, links);
            store.writer().write(repositoryId, tx -> {
                tx.savePullRequest(pr);
                tx.insertLinks(links, knownLinks);
                record(events);
            });
            stored.put(pr.remoteId(), pr.updatedOn());
            tally.pullRequestsSaved++;
        }
    }

    /** The commit cursor: stored last, once everything it covers is committed. Branches new to it are created. */
    void saveBranchHeads(Map<String, String> heads) {
        store.writer().write(repositoryId, tx -> {
            if (recordEvents()) {
                Set<String> created = new LinkedHashSet<>(heads.keySet());
                created.removeAll(store.branchHeads(repositoryId).keySet());
                record(created.stream().map(name -> branchCreated(name, null)).filter(e -> e != null).toList());
            }
            tx.replaceBranches(heads);
            tx.deleteBranchCommitsExcept(heads.keySet());
        });
        tally.branches = heads.size();
    }

    /**
     * A branch the push webhook created: its head is stored (the branch exists) with its event, unless the branch
     * was stored already (a replayed delivery of the same push must not create it twice).
     */
    void saveNewBranchHead(String name, String head, String actorAccountId) {
        NewDevEvent event = recordEvents() ? branchCreated(name, actorAccountId) : null;
        store.writer().write(repositoryId, tx -> {
            boolean known = store.branchHeads(repositoryId).containsKey(name);
            tx.setBranchHead(name, head);
            record(event == null || known ? List.of() : List.of(event));
        });
    }

    private NewDevEvent branchCreated(String name, String actorAccountId) {
        List<LinkRow> links = new ArrayList<>();
        links(name, LinkKind.BRANCH, name, links);
        return links.isEmpty() ? null : new NewDevEvent(DevEventType.BRANCH_CREATED, name, issueKeys(links), null,
                null, actorAccountId, null, System.currentTimeMillis());
    }

    /** Created, merged, declined, reopened: what the stored state and the new one say happened. */
    private List<NewDevEvent> pullRequestEvents(PullRequestRow pr, List<LinkRow> links) {
        if (!recordEvents() || links.isEmpty()) {
            return List.of();
        }
        if (pullRequestStates == null) {
            pullRequestStates = new HashMap<>(store.pullRequestStates(repositoryId));
        }
        PullRequestState before = pullRequestStates.put(pr.remoteId(), pr.state());
        List<DevEventType> types = new ArrayList<>();
        if (before == null) {
            types.add(DevEventType.PULLREQUEST_CREATED);
        } else if (before != PullRequestState.OPEN && pr.state() == PullRequestState.OPEN) {
            types.add(DevEventType.PULLREQUEST_REOPENED);
        }
        if (pr.state() != before && pr.state() == PullRequestState.MERGED) {
            types.add(DevEventType.PULLREQUEST_MERGED);
        } else if (pr.state() != before && pr.state() == PullRequestState.DECLINED) {
            types.add(DevEventType.PULLREQUEST_DECLINED);
        }
        List<String> issues = issueKeys(links);
        return types.stream().map(type -> new NewDevEvent(type, Long.toString(pr.remoteId()), issues, null, null,
                pr.actorAccountId(), pr.url(), pr.updatedOn())).toList();
    }

    private void record(List<NewDevEvent> events) {
        outbox.record(repositoryId, events);
        tally.eventsRecorded += events.size();
    }

    /** Wakes the outbox's dispatcher when this run recorded events (after their transactions committed). */
    void wakeDispatcher() {
        if (tally.eventsRecorded > 0) {
            outbox.wake();
        }
    }

    private static List<String> issueKeys(List<LinkRow> links) {
        return links.stream().map(LinkRow::issueKey).distinct().toList();
    }

    /**
     * Reports progress after a page, and stops the run there (with {@link SyncStopped}) when it is no longer wanted:
     * unlinking a repository or deleting its account must not wait for a full sync of a large repository to end.
     */
    void progress(SyncProgress.Phase phase, int done, Integer total) {
        if (kind == SyncKind.WEBHOOK) {
            return; // no sync in progress to report on
        }
        stopIfUnwanted();
        states.progress(repositoryId, phase, done, total, reader().requests());
    }

    /** Throws {@link SyncStopped} when the run is no longer wanted (a push run never is). */
    void stopIfUnwanted() {
        String reason = stopReason.get();
        if (reason != null) {
            throw new SyncStopped(reason);
        }
    }

    /** What a run has stored, for the log and the audit entry; shared with the run it carries on as. */
    private static final class Tally {
        int commitsAdded;
        int pullRequestsSaved;
        int branches;
        int eventsRecorded;
    }

    private void links(String text, LinkKind kind, String target, List<LinkRow> out) {
        for (IssueKey key : keys.extract(text)) {
            out.add(new LinkRow(key.key(), key.projectKey(), kind, target));
        }
    }
}
