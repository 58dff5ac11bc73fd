package org.dvcsconnector.sync;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.db.StoredText;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What full and soft sync share for one run over one repository: the reader, the idempotent writes (each
 * page in one transaction), link extraction, progress, and the counts for the audit log.
 *
 * <p>In a soft sync or a push (never a full sync's backfill), each write that stores
 * something new for an issue (a commit, a branch, a pull request's state change) also writes its development
 * event to the outbox in the same transaction.
 */
final class SyncRun {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

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
    private final WriteUnits units;
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
        this.units = new WriteUnits(repositoryId, store, outbox, knownCommits, knownLinks);
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

    /**
     * Stores a page of commits and their issue links in one transaction; new rows only. When the database refuses a
     * value of the page, the page is stored again one commit at a time (each with its links and events), so that
     * only the commits it cannot store are skipped, each with its reason ({@link #skipped}); the sync goes on.
     */
    void saveCommits(List<CommitRow> page) {
        List<CommitRow> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CommitRow commit : page) {
            if (!knownCommits.contains(commit.hash()) && seen.add(commit.hash())) {
                fresh.add(commit);
            }
        }
        if (fresh.isEmpty() || writeCommits(fresh) == null) {
            return;
        }
        for (CommitRow commit : fresh) {
            String refused = writeCommits(List.of(commit));
            if (refused != null) {
                skip("commit " + commit.hash(), refused);
            }
        }
    }

    /** One unit for the commits, their links and events; null when stored, else why the database refused it. */
    private String writeCommits(List<CommitRow> commits) {
        List<LinkRow> links = new ArrayList<>();
        List<NewDevEvent> events = new ArrayList<>();
        for (CommitRow commit : commits) {
            int before = links.size();
            links(LinkKind.COMMIT, commit.hash(), links, commit.message());
            if (recordEvents() && links.size() > before) {
                events.add(new NewDevEvent(DevEventType.COMMIT_CREATED, commit.hash(),
                        issueKeys(links.subList(before, links.size())), commit.message(), commit.authorEmail(),
                        commit.authorAccountId(), commit.authorName(), null, commit.committedAt()));
            }
        }
        return attempt(unit -> {
            unit.commitsAdded += unit.tx.insertCommits(commits, unit.commits);
            unit.tx.insertLinks(links, unit.links);
            unit.record(events);
        });
    }

    /**
     * Branch {@code name}'s commits are exactly those of {@code graph} reachable from {@code head} and stored (a
     * commit the database refused is on no branch).
     */
    void saveMembership(CommitGraph graph, String name, String head) {
        BitSet on = graph.reachable(head);
        List<String> hashes = new ArrayList<>(on.cardinality());
        on.stream().mapToObj(graph::hash).filter(knownCommits::contains).forEach(hashes::add);
        store.writer().write(repositoryId, tx -> tx.replaceBranchCommits(name, hashes));
    }

    void saveBranchLinks(Collection<String> names) {
        List<LinkRow> links = new ArrayList<>();
        names.forEach(name -> links(LinkKind.BRANCH, name, links, name));
        attemptOrThrow(unit -> unit.tx.insertLinks(links, unit.links));
    }

    /**
     * Stores the pull requests of a page that changed since stored ({@code updated_on} differs), each with its
     * links and events in one transaction. The page holds all of it: no request per pull request. One the database
     * refuses is skipped with its reason, and tried again by the next sync.
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
            links(LinkKind.PULL_REQUEST, target, links, pr.title(), pr.sourceBranch());
            List<NewDevEvent> events = pullRequestEvents(pr, links);
            String refused = attempt(unit -> {
                unit.tx.savePullRequest(pr);
                unit.tx.insertLinks(links, unit.links);
                unit.record(events);
            });
            if (refused != null) {
                skip("pull request #" + pr.remoteId(), refused);
                continue;
            }
            if (pullRequestStates != null) {
                pullRequestStates.put(pr.remoteId(), pr.state());
            }
            stored.put(pr.remoteId(), pr.updatedOn());
            tally.pullRequestsSaved++;
        }
    }

    /**
     * The commit cursor: stored last, once everything it covers is committed. Branches new to it are created. A
     * head that is no commit hash (longer than 40 characters) cannot be stored: its branch is skipped.
     */
    void saveBranchHeads(Map<String, String> heads) {
        Map<String, String> storable = new LinkedHashMap<>();
        heads.forEach((name, head) -> {
            if (StoredText.fitsHash(head)) {
                storable.put(name, head);
            } else {
                skip("branch " + name, "its head \"" + head + "\" is no commit hash");
            }
        });
        attemptOrThrow(unit -> {
            if (recordEvents()) {
                Set<String> created = new LinkedHashSet<>(storable.keySet());
                created.removeAll(store.branchHeads(repositoryId).keySet());
                unit.record(created.stream().map(name -> branchCreated(name, null)).filter(e -> e != null).toList());
            }
            unit.tx.replaceBranches(storable);
            unit.tx.deleteBranchCommitsExcept(storable.keySet());
        });
        tally.branches = storable.size();
    }

    /**
     * A branch the push webhook created: its head is stored (the branch exists) with its event, unless the branch
     * was stored already (a replayed delivery of the same push must not create it twice).
     */
    void saveNewBranchHead(String name, String head, Actor actor) {
        NewDevEvent event = recordEvents() ? branchCreated(name, actor) : null;
        attemptOrThrow(unit -> {
            boolean known = store.branchHeads(repositoryId).containsKey(name);
            unit.tx.setBranchHead(name, head);
            unit.record(event == null || known ? List.of() : List.of(event));
        });
    }

    /** A soft sync does not know who created a branch ({@code actor} null); a push webhook does. */
    private NewDevEvent branchCreated(String name, Actor actor) {
        List<LinkRow> links = new ArrayList<>();
        links(LinkKind.BRANCH, name, links, name);
        return links.isEmpty() ? null : new NewDevEvent(DevEventType.BRANCH_CREATED, name, issueKeys(links), null,
                null, actor == null ? null : actor.accountId(), actor == null ? null : actor.displayName(), null,
                System.currentTimeMillis());
    }

    /** Created, merged, declined, reopened: what the stored state and the new one say happened. */
    private List<NewDevEvent> pullRequestEvents(PullRequestRow pr, List<LinkRow> links) {
        if (!recordEvents() || links.isEmpty()) {
            return List.of();
        }
        if (pullRequestStates == null) {
            pullRequestStates = new HashMap<>(store.pullRequestStates(repositoryId));
        }
        PullRequestState before = pullRequestStates.get(pr.remoteId()); // set once the pull request is stored
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
                pr.actorAccountId(), pr.actorName(), pr.url(), pr.updatedOn())).toList();
    }

    /** {@link WriteUnits#attempt}: null once committed (its counts then count), else the database's reason. */
    private String attempt(WriteUnits.Work work) {
        WriteUnits.Result result = units.attempt(work);
        if (result.refused() == null) {
            tally.commitsAdded += result.unit().commitsAdded;
            tally.eventsRecorded += result.unit().eventsRecorded;
        }
        return result.refused();
    }

    /** {@link #attempt}, for a unit with nothing to skip: a refusal fails the run. */
    private void attemptOrThrow(WriteUnits.Work work) {
        String refused = attempt(work);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
    }

    /** A record the database refused: logged, and noted in the run's log entry and sync state. */
    private void skip(String what, String reason) {
        String record = StoredText.shorten(what, 80);
        String why = StoredText.shorten(reason, 300);
        LOG.warn("Repository {}: {} skipped, it cannot be stored ({})", repositoryId, record, why);
        tally.skipped.add(record + ": " + why);
    }

    /** What the run skipped, in words for the sync log and the page ("2 records skipped: …"); null when nothing. */
    String skipped() {
        return tally.skipped.note();
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
        final WriteUnits.Skipped skipped = new WriteUnits.Skipped();
    }

    /** The links of one item (a commit, a branch, a pull request) from all its texts: at most 500 keys per item. */
    private void links(LinkKind kind, String target, List<LinkRow> out, String... texts) {
        for (IssueKey key : keys.extract(texts)) {
            out.add(new LinkRow(key.key(), key.projectKey(), kind, target));
        }
    }
}
