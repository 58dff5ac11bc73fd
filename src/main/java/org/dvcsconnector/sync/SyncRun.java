package org.dvcsconnector.sync;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.bitbucket.BitbucketException;
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
 */
final class SyncRun {

    final int repositoryId;
    final RepositoryReader reader;
    private final DevInfoStore store;
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final Set<String> knownCommits;
    private final Set<String> knownLinks;
    int commitsAdded;
    int pullRequestsSaved;
    int branches;

    SyncRun(int repositoryId, RepositoryReader reader, DevInfoStore store, IssueKeyExtractor keys, SyncStates states) {
        this.repositoryId = repositoryId;
        this.reader = reader;
        this.store = store;
        this.keys = keys;
        this.states = states;
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
        for (CommitRow commit : page) {
            if (!knownCommits.contains(commit.hash())) {
                links(commit.message(), LinkKind.COMMIT, commit.hash(), links);
            }
        }
        store.ao().executeInTransaction(() -> {
            commitsAdded += store.insertCommits(repositoryId, page, knownCommits);
            store.insertLinks(repositoryId, links, knownLinks);
            return null;
        });
    }

    /** Branch {@code name}'s commits are exactly those of {@code graph} reachable from {@code head}. */
    void saveMembership(CommitGraph graph, String name, String head) {
        BitSet on = graph.reachable(head);
        List<String> hashes = new ArrayList<>(on.cardinality());
        on.stream().forEach(i -> hashes.add(graph.hash(i)));
        store.ao().executeInTransaction(() -> {
            store.replaceBranchCommits(repositoryId, name, hashes);
            return null;
        });
    }

    void saveBranchLinks(Collection<String> names) {
        List<LinkRow> links = new ArrayList<>();
        names.forEach(name -> links(name, LinkKind.BRANCH, name, links));
        store.ao().executeInTransaction(() -> store.insertLinks(repositoryId, links, knownLinks));
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
            List<String> commits = reader.pullRequestCommits(pr.remoteId());
            List<LinkRow> links = new ArrayList<>();
            String target = Long.toString(pr.remoteId());
            links(pr.title(), LinkKind.PULL_REQUEST, target, links);
            links(pr.sourceBranch(), LinkKind.PULL_REQUEST, target, links);
            store.ao().executeInTransaction(() -> {
                store.savePullRequest(repositoryId, pr, commits);
                store.insertLinks(repositoryId, links, knownLinks);
                return null;
            });
            stored.put(pr.remoteId(), pr.updatedOn());
            pullRequestsSaved++;
        }
    }

    /** The commit cursor: stored last, once everything it covers is committed. */
    void saveBranchHeads(Map<String, String> heads) {
        store.ao().executeInTransaction(() -> {
            store.replaceBranches(repositoryId, heads);
            store.deleteBranchCommitsExcept(repositoryId, heads.keySet());
            return null;
        });
        branches = heads.size();
    }

    void progress(SyncProgress.Phase phase, int done, Integer total) {
        if (reader == null) {
            return; // a webhook run: no sync in progress to report on
        }
        states.progress(repositoryId, phase, done, total, reader.requests());
    }

    private void links(String text, LinkKind kind, String target, List<LinkRow> out) {
        for (IssueKey key : keys.extract(text)) {
            out.add(new LinkRow(key.key(), key.projectKey(), kind, target));
        }
    }
}
