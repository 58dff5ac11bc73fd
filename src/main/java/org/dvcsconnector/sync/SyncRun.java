package org.dvcsconnector.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
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
import org.dvcsconnector.issuekey.IssueKey;
import org.dvcsconnector.issuekey.IssueKeyExtractor;

/**
 * What full and soft sync share for one run over one repository: the reader, the idempotent writes (each
 * page in one transaction), link extraction, progress, and the counts for the audit log.
 *
 * <p>When {@link #recordEvents} is on (soft sync, webhook; never a full sync's backfill), each write that stores
 * something new for an issue (a commit, a branch, a pull request's state change) also writes its development
 * event to the outbox in the same transaction.
 */
final class SyncRun {

    final int repositoryId;
    final RepositoryReader reader;
    private final DevInfoStore store;
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final Set<String> knownCommits;
    private final Set<String> knownLinks;
    private final DevEventOutbox outbox;
    private Map<Long, String> pullRequestStates;
    boolean recordEvents;
    /** Why the run should stop now, or null to go on; asked after every page and before each changed pull request. */
    Supplier<String> stopReason = () -> null;
    int commitsAdded;
    int pullRequestsSaved;
    int branches;
    int eventsRecorded;

    SyncRun(int repositoryId, RepositoryReader reader, DevInfoStore store, IssueKeyExtractor keys, SyncStates states,
            DevEventOutbox outbox, boolean recordEvents) {
        this.repositoryId = repositoryId;
        this.reader = reader;
        this.store = store;
        this.keys = keys;
        this.states = states;
        this.outbox = outbox;
        this.recordEvents = recordEvents;
        this.knownCommits = store.commitHashes(repositoryId);
        this.knownLinks = store.linkIdentities(repositoryId);
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
                if (recordEvents && links.size() > before) {
                    events.add(new NewDevEvent(DevEventType.COMMIT_CREATED, commit.hash(),
                            issueKeys(links.subList(before, links.size())), commit.message(), commit.authorEmail(),
                            commit.authorAccountId(), null, commit.committedAt()));
                }
            }
        }
        store.inTransaction(() -> {
            commitsAdded += store.insertCommits(repositoryId, page, knownCommits);
            store.insertLinks(repositoryId, links, knownLinks);
            record(events);
            return null;
        });
    }

    /** Branch {@code name}'s commits are exactly those of {@code graph} reachable from {@code head}. */
    void saveMembership(CommitGraph graph, String name, String head) {
        BitSet on = graph.reachable(head);
        List<String> hashes = new ArrayList<>(on.cardinality());
        on.stream().forEach(i -> hashes.add(graph.hash(i)));
        store.inTransaction(() -> {
            store.replaceBranchCommits(repositoryId, name, hashes);
            return null;
        });
    }

    void saveBranchLinks(Collection<String> names) {
        List<LinkRow> links = new ArrayList<>();
        names.forEach(name -> links(name, LinkKind.BRANCH, name, links));
        store.inTransaction(() -> store.insertLinks(repositoryId, links, knownLinks));
    }

    /**
     * Stores the pull requests of a page that changed since stored ({@code updated_on} differs), each with its
     * commits and links in one transaction, so a stored version always comes with its commits.
     */
    void savePullRequests(List<PullRequestRow> page, Map<Long, Long> stored) throws BitbucketException {
        for (PullRequestRow pr : page) {
            Long version = stored.get(pr.remoteId());
            if (version != null && version == pr.updatedOn()) {
                continue;
            }
            stopIfUnwanted(); // each changed pull request costs requests of its own
            List<String> commits = reader.pullRequestCommits(pr.remoteId());
            List<LinkRow> links = new ArrayList<>();
            String target = Long.toString(pr.remoteId());
            links(pr.title(), LinkKind.PULL_REQUEST, target, links);
            links(pr.sourceBranch(), LinkKind.PULL_REQUEST, target, links);
            List<NewDevEvent> events = pullRequestEvents(pr, links);
            store.inTransaction(() -> {
                store.savePullRequest(repositoryId, pr, commits);
                store.insertLinks(repositoryId, links, knownLinks);
                record(events);
                return null;
            });
            stored.put(pr.remoteId(), pr.updatedOn());
            pullRequestsSaved++;
        }
    }

    /** The commit cursor: stored last, once everything it covers is committed. Branches new to it are created. */
    void saveBranchHeads(Map<String, String> heads) {
        store.inTransaction(() -> {
            if (recordEvents) {
                Set<String> created = new LinkedHashSet<>(heads.keySet());
                created.removeAll(store.branchHeads(repositoryId).keySet());
                record(created.stream().map(name -> branchCreated(name, null)).filter(e -> e != null).toList());
            }
            store.replaceBranches(repositoryId, heads);
            store.deleteBranchCommitsExcept(repositoryId, heads.keySet());
            return null;
        });
        branches = heads.size();
    }

    /**
     * A branch the push webhook created: its head is stored (the branch exists) with its event, unless the branch
     * was stored already (a replayed delivery of the same push must not create it twice).
     */
    void saveNewBranchHead(String name, String head, String actorAccountId) {
        NewDevEvent event = recordEvents ? branchCreated(name, actorAccountId) : null;
        store.inTransaction(() -> {
            boolean known = store.branchHeads(repositoryId).containsKey(name);
            store.setBranchHead(repositoryId, name, head);
            record(event == null || known ? List.of() : List.of(event));
            return null;
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
        if (!recordEvents || links.isEmpty()) {
            return List.of();
        }
        if (pullRequestStates == null) {
            pullRequestStates = new HashMap<>(store.pullRequestStates(repositoryId));
        }
        String before = pullRequestStates.put(pr.remoteId(), pr.state());
        List<DevEventType> types = new ArrayList<>();
        if (before == null) {
            types.add(DevEventType.PULLREQUEST_CREATED);
        } else if (!"OPEN".equals(before) && "OPEN".equals(pr.state())) {
            types.add(DevEventType.PULLREQUEST_REOPENED);
        }
        if (!pr.state().equals(before) && "MERGED".equals(pr.state())) {
            types.add(DevEventType.PULLREQUEST_MERGED);
        } else if (!pr.state().equals(before) && "DECLINED".equals(pr.state())) {
            types.add(DevEventType.PULLREQUEST_DECLINED);
        }
        List<String> issues = issueKeys(links);
        return types.stream().map(type -> new NewDevEvent(type, Long.toString(pr.remoteId()), issues, null, null,
                pr.actorAccountId(), pr.url(), pr.updatedOn())).toList();
    }

    private void record(List<NewDevEvent> events) {
        outbox.record(repositoryId, events);
        eventsRecorded += events.size();
    }

    /** Wakes the outbox's dispatcher when this run recorded events (after their transactions committed). */
    void wakeDispatcher() {
        if (eventsRecorded > 0) {
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
        if (reader == null) {
            return; // a webhook run: no sync in progress to report on
        }
        stopIfUnwanted();
        states.progress(repositoryId, phase, done, total, reader.requests());
    }

    /** Throws {@link SyncStopped} when the run is no longer wanted; a webhook run (no reader) is never stopped. */
    void stopIfUnwanted() {
        String reason = reader == null ? null : stopReason.get();
        if (reason != null) {
            throw new SyncStopped(reason);
        }
    }

    private void links(String text, LinkKind kind, String target, List<LinkRow> out) {
        for (IssueKey key : keys.extract(text)) {
            out.add(new LinkRow(key.key(), key.projectKey(), kind, target));
        }
    }
}
