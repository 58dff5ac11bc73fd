package org.dvcsconnector.refapp.simulator.control;

import java.util.List;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Tag;
import org.dvcsconnector.refapp.simulator.model.Workspace;
import org.dvcsconnector.refapp.simulator.oauth.Consumer;
import org.dvcsconnector.refapp.simulator.oauth.OAuthService;

/**
 * The demo of ARCHITECTURE §5: workspace {@code acme} with {@code webapp}, {@code api} and {@code infra},
 * whose commits, branches and pull requests (in every state) mention DEMO-1..DEMO-12 the ways people
 * write keys, by Alice and Bob; and the two fixed consumers.
 */
public final class DemoData {

    /** Every scope the plugin needs: account, repository (via pullrequest), pull requests, webhooks. */
    public static final List<String> DEMO_SCOPES = List.of("account", "repository", "pullrequest", "webhook");

    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";

    private final Store store;
    private final OAuthService oauth;
    private final ScmOperations scm;

    public DemoData(Store store, OAuthService oauth, ScmOperations scm) {
        this.store = store;
        this.oauth = oauth;
        this.scm = scm;
    }

    public void seed(String callbackUrl) {
        oauth.addConsumer(new Consumer("demo-private", "demo-private-secret", true, callbackUrl, DEMO_SCOPES,
                "DVCS Connector (private demo consumer)", ScmOperations.DEFAULT_ACTOR));
        oauth.addConsumer(new Consumer("demo-public", "demo-public-secret", false, callbackUrl, DEMO_SCOPES,
                "DVCS Connector (public demo consumer)", ScmOperations.DEFAULT_ACTOR));
        Workspace acme = store.createWorkspace("acme", "Acme", ScmOperations.DEFAULT_ACTOR);
        acme.members().put("alice", false);
        acme.members().put("bob", false);
        webapp(store.createRepository(acme, "webapp", "webapp", true));
        api(store.createRepository(acme, "api", "api", true));
        infra(store.createRepository(acme, "infra", "infra", false));
    }

    private void webapp(Repository r) {
        if (r.commits().size() > 0) {
            return; // already seeded
        }
        scm.commit(r, "main", "Initial commit", "Alice Anders", ALICE);
        scm.commit(r, "main", "DEMO-1 add login page", "Alice Anders", ALICE);
        scm.commit(r, "main", "[DEMO-2] Fix session timeout on the dashboard", "Bob Brown", BOB);
        scm.createBranch(r, "feature/DEMO-3-search", "main", "alice");
        scm.commit(r, "feature/DEMO-3-search", "DEMO-3: search box with suggestions", "Alice Anders", ALICE);
        scm.commit(r, "feature/DEMO-3-search", "DEMO-3 #comment suggestions are debounced #time 2h", "Alice Anders", ALICE);
        var pr1 = scm.openPullRequest(r, "DEMO-3 Search box", "feature/DEMO-3-search", "main",
                "Adds the search box (DEMO-3).", "alice", false, List.of("bob"));
        scm.approve(r, pr1.id(), "bob", true);
        scm.merge(r, pr1.id(), "bob", null);
        scm.createBranch(r, "bugfix/DEMO-4-npe", "main", "bob");
        scm.commit(r, "bugfix/DEMO-4-npe", "fixes demo-4: NPE when the cart is empty", "Bob Brown", BOB);
        scm.openPullRequest(r, "Fix NPE on empty cart (DEMO-4)", "bugfix/DEMO-4-npe", "main", "", "bob", false,
                List.of("alice"));
        scm.createBranch(r, "DEMO-5-dark-mode", "main", "alice");
        scm.commit(r, "DEMO-5-dark-mode", "Dark mode prototype DEMO-5, DEMO-6", "Alice Anders", ALICE);
        var pr3 = scm.openPullRequest(r, "DEMO-5 dark mode", "DEMO-5-dark-mode", "main", "Prototype only.", "alice", false);
        scm.decline(r, pr3.id(), "bob", "We go with the design system's theme instead");
        scm.commit(r, "main", "Merge translations (DEMO-7)\n\nAlso refs DEMO-8.", "Bob Brown", BOB);
        int released = r.branches().get("main");
        r.tags().put("v1.0", new Tag("v1.0", released, "First release", store.people().authorId("Bob Brown", BOB),
                java.time.Instant.ofEpochSecond(r.commits().date(released))));
    }

    private void api(Repository r) {
        if (r.commits().size() > 0) {
            return;
        }
        scm.commit(r, "main", "Initial API skeleton", "Bob Brown", BOB);
        scm.commit(r, "main", "DEMO-9 #resolve rate limit the export endpoint", "Bob Brown", BOB);
        scm.createBranch(r, "feature/DEMO-10-pagination", "main", "bob");
        scm.commit(r, "feature/DEMO-10-pagination", "DEMO-10 paginate /orders", "Bob Brown", BOB);
        scm.commit(r, "feature/DEMO-10-pagination", "DEMO-10 review fixes", "Alice Anders", ALICE);
        var pr = scm.openPullRequest(r, "DEMO-10: paginate orders", "feature/DEMO-10-pagination", "main",
                "Cursor-based pagination for /orders.", "bob", false, List.of("alice"));
        scm.approve(r, pr.id(), "alice", true);
    }

    private void infra(Repository r) {
        if (r.commits().size() > 0) {
            return;
        }
        scm.commit(r, "main", "Terraform baseline", "Alice Anders", ALICE);
        scm.createBranch(r, "DEMO-11-ci-cache", "main", "alice");
        scm.commit(r, "DEMO-11-ci-cache", "(DEMO-11) cache the Maven repository in CI", "Alice Anders", ALICE);
        var pr = scm.openPullRequest(r, "DEMO-11 CI cache", "DEMO-11-ci-cache", "main", "", "alice", true);
        scm.merge(r, pr.id(), "alice", null);
        scm.commit(r, "main", "refs DEMO-12 - rotate the staging certificates", "Bob Brown", BOB);
    }
}
