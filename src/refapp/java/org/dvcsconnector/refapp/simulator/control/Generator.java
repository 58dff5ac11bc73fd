package org.dvcsconnector.refapp.simulator.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.MessageGenerator;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Workspace;

/**
 * {@code POST /_sim/generate}: bulk, reproducible history. Everything (hashes, dates, authors, messages,
 * branch names, merges, pull request states) is a function of the seed, so the same request yields the
 * same data; repositories of the same name are replaced. No webhooks fire: this is a bulk load.
 *
 * <p>History shape: a main line with feature branches forking off it, about 40 % of commits on branches
 * and about 3 % merge commits bringing branches back. Messages are not stored but rendered by
 * {@link MessageGenerator} (merge messages are stored).
 */
public final class Generator {

    /** Demo accounts' e-mails first, so generated commits link to accounts; one author without an account. */
    private static final String[][] AUTHORS = {
        {"Alice Anders", "alice@example.com"}, {"Bob Brown", "bob@example.com"},
        {"Alice Anders", "alice@example.com"}, {"Carol Chen", "carol@example.org"},
    };
    private static final String[] PREFIXES = {"feature/", "bugfix/", "", "hotfix/"};
    private static final String[] WORDS = {"login", "cache", "search", "export", "billing", "sync", "upload", "audit"};
    private static final long EPOCH = 1_704_067_200L; // 2024-01-01T00:00:00Z

    private final Store store;
    private final People people;

    public Generator(Store store, People people) {
        this.store = store;
        this.people = people;
    }

    /** The generate request (ARCHITECTURE §5); {@code issueCount} bounds the keys mentioned (default 12). */
    public record Request(String workspace, int repositories, int commitsPerRepository, int branchesPerRepository,
                          int pullRequestsPerRepository, String projectKey, long seed, Integer issueCount) {

        void validate() {
            if (workspace == null || !workspace.matches("[a-z0-9][a-z0-9_-]*")) {
                throw HttpError.badRequest("workspace: lower-case letters, digits, '-' or '_' required");
            }
            if (projectKey == null || !projectKey.matches("[A-Z][A-Z0-9_]*")) {
                throw HttpError.badRequest("projectKey: an issue project key such as DEMO is required");
            }
            if (repositories < 1 || repositories > 1000 || commitsPerRepository < 1 || commitsPerRepository > 5_000_000
                    || branchesPerRepository < 0 || branchesPerRepository > 10_000 || pullRequestsPerRepository < 0
                    || pullRequestsPerRepository > 10_000 || (long) repositories * commitsPerRepository > 20_000_000L) {
                throw HttpError.badRequest("repositories 1..1000, commitsPerRepository 1..5000000 (20 million in all), "
                        + "branchesPerRepository and pullRequestsPerRepository 0..10000");
            }
        }
    }

    public Workspace generate(Request req) {
        req.validate();
        int issues = req.issueCount() == null || req.issueCount() < 1 ? 12 : req.issueCount();
        Workspace ws = store.createWorkspace(req.workspace(), null, ScmOperations.DEFAULT_ACTOR);
        int[] authors = Arrays.stream(AUTHORS).mapToInt(a -> people.authorId(a[0], a[1])).toArray();
        for (int i = 1; i <= req.repositories(); i++) {
            String slug = String.format("repo-%02d", i);
            Instant created = Instant.ofEpochSecond(EPOCH - 86_400L * i);
            Repository r = new Repository(ws, slug, slug, Store.stableUuid("repository:" + ws.slug() + "/" + slug),
                    i % 2 == 0, created);
            long seed = MessageGenerator.mix(req.seed() * 1_000_003L + i);
            r.useGenerator(new MessageGenerator(req.projectKey(), seed, issues));
            synchronized (r) {
                fill(r, req, seed, issues, authors);
            }
            ws.repositories().put(slug, r);
        }
        return ws;
    }

    private void fill(Repository r, Request req, long seed, int issues, int[] authors) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int b = req.branchesPerRepository();
        int total = req.commitsPerRepository();
        CommitGraph graph = r.commits();
        graph.ensureCapacity(total);
        String[] names = new String[b];
        int[] heads = new int[b];
        int[] mergedHead = new int[b];
        int[] mergeCommit = new int[b];
        Arrays.fill(heads, CommitGraph.NONE);
        Arrays.fill(mergedHead, CommitGraph.NONE);
        Arrays.fill(mergeCommit, CommitGraph.NONE);
        for (int k = 0; k < b; k++) {
            int issue = k % issues + 1;
            String key = req.projectKey() + "-" + issue;
            String base = PREFIXES[k % 4] + (k % 4 == 3 ? key.toLowerCase() : key) + (k % 4 == 1 ? "" : "-" + WORDS[k % WORDS.length]);
            names[k] = k >= issues ? base + "-" + (k / issues + 1) : base;
        }
        int main = CommitGraph.NONE;
        for (int c = 0; c < total; c++) {
            long when = EPOCH + c * 600L + rnd.nextInt(300);
            int author = authors[rnd.nextInt(authors.length)];
            byte[] hash = Repository.sha1(seed + ":" + r.fullName() + ":" + c);
            int roll = rnd.nextInt(100);
            int branch = b == 0 ? -1 : rnd.nextInt(b);
            if (c > 0 && branch >= 0 && roll < 3 && heads[branch] >= 0 && heads[branch] != mergedHead[branch]) {
                String msg = "Merged in " + names[branch] + " (pull request #" + (branch + 1) + ")\n\n"
                        + names[branch] + " into " + r.mainBranch();
                main = r.appendCommit(main, heads[branch], when, author, msg); // names the branch: stored
                mergedHead[branch] = heads[branch];
                mergeCommit[branch] = main;
            } else if (c > 0 && branch >= 0 && roll < 43) {
                int parent = heads[branch] >= 0 ? heads[branch] : main;
                heads[branch] = r.appendGeneratedCommit(hash, parent, CommitGraph.NONE, when, author);
            } else {
                main = r.appendGeneratedCommit(hash, main, CommitGraph.NONE, when, author);
            }
        }
        r.branches().put(r.mainBranch(), main);
        for (int k = 0; k < b; k++) {
            r.branches().put(names[k], heads[k] >= 0 ? heads[k] : main);
        }
        pullRequests(r, req, names, heads, mergedHead, mergeCommit, main);
        r.touch(Instant.ofEpochSecond(EPOCH + total * 600L));
    }

    private void pullRequests(Repository r, Request req, String[] names, int[] heads, int[] mergedHead,
                              int[] mergeCommit, int main) {
        int b = names.length;
        if (b == 0) {
            return;
        }
        String[] states = {PullRequest.MERGED, PullRequest.OPEN, PullRequest.DECLINED, PullRequest.SUPERSEDED};
        String[] authorsByName = {"alice", "bob"};
        for (int j = 0; j < req.pullRequestsPerRepository(); j++) {
            int k = j % b;
            String state = states[j % 4];
            boolean merged = state.equals(PullRequest.MERGED) && mergeCommit[k] >= 0;
            if (state.equals(PullRequest.MERGED) && !merged) {
                state = PullRequest.OPEN;
            }
            int source = merged ? mergedHead[k] : heads[k] >= 0 ? heads[k] : main;
            int dest = merged ? r.commits().parent1(mergeCommit[k]) : main;
            Instant created = Instant.ofEpochSecond(EPOCH + 3_600L * j);
            String title = names[k].replaceFirst("^[a-z]+/", "").replace('-', ' ') + ": " + WORDS[j % WORDS.length] + " changes";
            String author = people.user(authorsByName[j % 2]).isPresent() ? authorsByName[j % 2] : ScmOperations.DEFAULT_ACTOR;
            String closedBy = state.equals(PullRequest.OPEN) ? null : author;
            int id = r.nextPullRequestId();
            r.pullRequests().put(id, new PullRequest(id, title, "Generated pull request for " + names[k] + ".", state,
                    names[k], source, r.mainBranch(), dest, merged ? mergeCommit[k] : CommitGraph.NONE, author,
                    closedBy, state.equals(PullRequest.DECLINED) ? "Not needed any more" : "", false, created,
                    created.plusSeconds(7_200), java.util.List.of()));
        }
    }
}
