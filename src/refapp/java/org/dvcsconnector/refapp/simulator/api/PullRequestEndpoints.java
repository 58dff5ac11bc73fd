package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;

/** Pull requests: the collection (repeated {@code state}, default OPEN), one pull request, its commits. */
public final class PullRequestEndpoints {

    private static final Set<String> STATES = Set.of(PullRequest.OPEN, PullRequest.MERGED, PullRequest.DECLINED,
            PullRequest.SUPERSEDED);

    private final Store store;
    private final PullRequestJson json;
    private final CommitJson commits;
    private final PageCache cache;

    public PullRequestEndpoints(Store store, PullRequestJson json, CommitJson commits, PageCache cache) {
        this.store = store;
        this.json = json;
        this.commits = commits;
        this.cache = cache;
    }

    public void list(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        List<String> states = ex.query().all("state");
        for (String s : states) {
            if (!STATES.contains(s.toUpperCase())) {
                throw HttpError.badRequest("Invalid state: " + s + " (one of OPEN, MERGED, DECLINED, SUPERSEDED)");
            }
        }
        Set<String> wanted = states.isEmpty() ? Set.of(PullRequest.OPEN)
                : Set.copyOf(states.stream().map(String::toUpperCase).toList());
        List<PullRequest> list = r.pullRequests().descendingMap().values().stream()
                .filter(pr -> wanted.contains(pr.state())).toList();
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, list, Paging.MAX_PULLREQUEST_PAGELEN,
                (gen, s, pr) -> json.pullRequest(gen, s, r, pr, false)));
    }

    public void get(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        PullRequest pr = find(r, ex.var(2));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> json.pullRequest(new Gen(g, false), f, r, pr, true));
    }

    /** The commits the pull request brings: on its source, not on its destination (when it was opened/merged). */
    public void commits(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        PullRequest pr = find(r, ex.var(2));
        int[] inc = {pr.sourceCommit()};
        int[] exc = {pr.destinationCommit()};
        BitSet selected = r.selection("pr" + pr.id() + ":" + pr.sourceCommit() + "^" + pr.destinationCommit(), inc, exc);
        CommitEndpoints.page(ex, r, selected, commits, cache, "pr" + pr.id() + ":" + pr.sourceCommit() + "^" + pr.destinationCommit());
    }

    private static PullRequest find(Repository r, String id) {
        try {
            PullRequest pr = r.pullRequests().get(Integer.parseInt(id));
            if (pr != null) {
                return pr;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw HttpError.notFound("Pull request " + id + " not found in " + r.fullName());
    }
}
