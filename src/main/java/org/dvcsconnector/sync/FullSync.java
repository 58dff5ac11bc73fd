package org.dvcsconnector.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of one repository, newest first, in two phases.
 *
 * <ol>
 * <li>{@link #recent}: the recent work, in a few requests: the branches, the newest page of commits (100) and the
 * open pull requests; then the branch heads (the soft sync's cursor) and the {@link HistoryCursor}, so that soft
 * syncs and pushes work from here on.</li>
 * <li>{@link #historyTurn}: the older commits, {@value #TURN_PAGES} pages a turn (streamed to the database, the
 * cursor written after each page), turns shared with the account's other repositories; once every page is stored,
 * every branch's membership over the stored graph and the closed pull requests.</li>
 * </ol>
 * Safe to run again after a crash: rows that exist are skipped, pull requests whose {@code updated_on} is stored are
 * not fetched again, and each cursor moves only past what is committed.
 */
final class FullSync {

    /** Pages of older commits one turn stores before the account's other repositories get theirs. */
    static final int TURN_PAGES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(FullSync.class);

    private FullSync() {}

    /** The recent work and the cursors: the repository has a baseline once this returns. */
    static void recent(SyncRun run, SyncStates states) throws BitbucketException {
        run.progress(SyncProgress.Phase.BRANCHES, 0, null);
        Map<String, String> heads = run.reader().branches();
        List<String> include = new ArrayList<>(new LinkedHashSet<>(heads.values()));
        HistoryCursor cursor = new HistoryCursor(List.of(), null, 0, null, null);
        run.progress(SyncProgress.Phase.COMMITS, 0, null);
        if (!include.isEmpty()) {
            RepositoryReader.CommitPage first = run.reader().commitPage(include, null);
            run.saveCommits(first.commits());
            cursor = HistoryCursor.start(include, first.commits(), first.next());
            run.progress(SyncProgress.Phase.COMMITS, first.commits().size(), null);
        }
        run.saveBranchLinks(heads.keySet());
        membership(run, heads); // of what is stored so far: complete once the history is
        run.saveBranchHeads(heads);
        PullRequestSync.run(run, states, PullRequestSync.OPEN);
        states.recentStored(run.repositoryId(), cursor);
    }

    /**
     * Turns of the older history while none of the account's other repositories waits for one (newest first, and
     * fair); null once it is complete, else when the next turn should run. A run that is itself a queued turn
     * ({@link SyncKind#HISTORY}) takes it before giving way to other turns (else two would give way to each other for
     * ever); recent work still waiting goes first all the same.
     */
    static Instant history(SyncRun run, SyncStates states, TurnOrder turns, int accountId) throws BitbucketException {
        boolean restarted = false;
        boolean myTurn = run.kind() == SyncKind.HISTORY;
        while (states.history(run.repositoryId()).isPresent()) {
            Optional<Instant> later = turns.before(accountId, run.repositoryId(), myTurn);
            myTurn = false;
            if (later.isPresent()) {
                return later.get();
            }
            try {
                if (historyTurn(run, states, TURN_PAGES)) {
                    return null;
                }
            } catch (BitbucketException e) {
                if (e.status() != 404 || restarted) {
                    throw e;
                }
                // The heads it lists from are gone (history rewritten): its recent work again says what is left.
                LOG.info("The older history of repository {} lists heads that are gone; storing its recent work again",
                        run.repositoryId());
                recent(run, states);
                restarted = true;
            }
        }
        return null;
    }

    /**
     * One turn of older history: up to {@code pages} pages of commits and, once every page is stored, the branches'
     * membership and the closed pull requests. True when the history is complete (or none was pending).
     */
    static boolean historyTurn(SyncRun run, SyncStates states, int pages) throws BitbucketException {
        int id = run.repositoryId();
        HistoryCursor cursor = states.history(id).orElse(null);
        if (cursor == null) {
            return true;
        }
        for (int page = 0; !cursor.listed() && page < pages; page++) {
            Next next = nextPage(run, cursor);
            run.saveCommits(next.commits());
            cursor = (next.restarted() ? cursor.restart() : cursor).after(next.commits(), next.page().next());
            states.historyAdvanced(id, cursor);
            run.progress(SyncProgress.Phase.HISTORY, cursor.commits(), null);
        }
        if (!cursor.listed()) {
            return false;
        }
        membership(run, run.store().branchHeads(id));
        PullRequestSync.run(run, states, PullRequestSync.CLOSED);
        states.historyComplete(id);
        return true;
    }

    /** The page after the cursor; a stored link Bitbucket no longer takes restarts the listing (duplicates are skipped). */
    private static Next nextPage(SyncRun run, HistoryCursor cursor) throws BitbucketException {
        try {
            return new Next(run.reader().commitPage(cursor.heads(), cursor.next()), false);
        } catch (BitbucketException e) {
            if (e.status() != 200 && e.status() != 400 && e.status() != 404) {
                throw e;
            }
            LOG.info("The stored next page of repository {}'s history was refused ({}); listing it from the top",
                    run.repositoryId(), e.getMessage());
            return new Next(run.reader().commitPage(cursor.heads(), null), true);
        }
    }

    private record Next(RepositoryReader.CommitPage page, boolean restarted) {
        List<org.dvcsconnector.devinfo.CommitRow> commits() {
            return page.commits();
        }
    }

    /** Each branch's commits over the stored graph, for the branches whose head is stored. */
    private static void membership(SyncRun run, Map<String, String> heads) {
        CommitGraph graph = CommitGraph.stored(run.store(), run.repositoryId());
        int done = 0;
        for (Map.Entry<String, String> branch : heads.entrySet()) {
            if (graph.contains(branch.getValue())) {
                run.saveMembership(graph, branch.getKey(), branch.getValue());
            }
            run.progress(SyncProgress.Phase.BRANCH_MEMBERSHIP, ++done, heads.size());
        }
    }
}
