package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.sync.SyncRunEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Soft sync after changes made through the simulator's control API (which behaves like pushes and clicks). */
class SoftSyncTest {

    private static final String SLUG = "repo-01";
    private SyncFixture fixture;
    private int id;

    @BeforeEach
    void start() throws Exception {
        fixture = new SyncFixture(1, 600, 6, 6);
        id = fixture.repositoryId(SLUG);
        fixture.sync().run(id, true);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSoftSyncPicksUpExactlyTheNewCommitsBranchesAndPullRequests() throws Exception {
        int commitsBefore = Mirror.stored(fixture.ao, id).commits().size();
        fixture.commit(SLUG, "main", "DEMO-21 on main");
        fixture.commit(SLUG, "main", "demo-22 again on main");
        fixture.branch(SLUG, "feature/DEMO-23-new", "main");
        fixture.commit(SLUG, "feature/DEMO-23-new", "DEMO-23 work on the new branch");
        fixture.branch(SLUG, "release/1.0", "main"); // a new branch with no new commit: membership only
        fixture.control("/_sim/workspaces/gen/repositories/" + SLUG + "/pullrequests",
                "{\"title\":\"DEMO-23 new feature\",\"source\":\"feature/DEMO-23-new\",\"destination\":\"main\"}");
        PullRequest open = fixture.remote(SLUG).pullRequests().values().stream()
                .filter(pr -> pr.state().equals(PullRequest.OPEN) && !pr.sourceBranch().equals("feature/DEMO-23-new"))
                .findFirst().orElse(null);
        if (open != null) {
            fixture.control("/_sim/workspaces/gen/repositories/" + SLUG + "/pullrequests/" + open.id() + "/merge", "{}");
        }

        int before = fixture.apiRequests();
        fixture.sync().run(id, false);
        int requests = fixture.apiRequests() - before;

        Mirror expected = Mirror.expected(fixture.remote(SLUG));
        Mirror stored = Mirror.stored(fixture.ao, id);
        Mirror.assertMirrors(stored, expected);
        int newCommits = expected.commits().size() - commitsBefore;
        assertThat(newCommits).isBetween(3, 4); // 3 pushed, plus a merge commit when a pull request was merged
        assertThat(lastRun().getType()).isEqualTo("SOFT");
        assertThat(lastRun().getCommits()).isEqualTo(newCommits);
        // branches 1 + new commits 1 + pull requests 1 + commits of each changed pull request (1 or 2).
        System.out.printf("soft sync after changes: %d requests%n", requests);
        assertThat(requests).isLessThanOrEqualTo(5);

        // Nothing changed: two requests (branches, one page of pull requests), nothing written.
        before = fixture.apiRequests();
        fixture.sync().run(id, false);
        assertThat(fixture.apiRequests() - before).isEqualTo(2);
        assertThat(lastRun().getCommits()).isZero();
        assertThat(lastRun().getPullRequests()).isZero();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), expected);
    }

    @Test
    void aSoftSyncCutShortIsCompletedByTheNextWithoutDuplicates() throws Exception {
        for (int i = 0; i < 250; i++) {
            fixture.commit(SLUG, "main", "DEMO-30 change " + i);
        }
        // Cut after branches and two commit pages: the stored heads (the cursor) must not move.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        okhttp3.OkHttpClient breaking = fixture.http.newBuilder().addInterceptor(chain -> {
            if (chain.request().url().encodedPath().startsWith("/2.0/") && calls.incrementAndGet() > 3) {
                throw new java.io.IOException("connection reset (test)");
            }
            return chain.proceed(chain.request());
        }).build();
        Map<String, String> headsBefore = fixture.devInfo.branchHeads(id);
        fixture.sync(breaking).run(id, false);
        assertThat(fixture.sync().progress().get(id).state()).isEqualTo(SyncProgress.State.FAILED);
        assertThat(fixture.devInfo.branchHeads(id)).isEqualTo(headsBefore);

        fixture.sync().run(id, false);
        assertThat(lastRun().getType()).isEqualTo("SOFT");
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @Test
    void manyStoredHeadsAreExcludedWithThePostForm() throws Exception {
        for (int i = 0; i < 60; i++) {
            fixture.branch(SLUG, "topic-" + i, "main");
            fixture.commit(SLUG, "topic-" + i, "DEMO-40 topic " + i);
        }
        fixture.sync().run(id, false);
        fixture.commit(SLUG, "main", "DEMO-41 after many branches");
        int posts = postedCommitPages();
        fixture.sync().run(id, false); // 66 stored heads to exclude: about 3 KB, over the URL budget
        assertThat(postedCommitPages()).isGreaterThan(posts);
        assertThat(lastRun().getCommits()).isEqualTo(1);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    private int postedCommitPages() throws java.io.IOException {
        return fixture.stats().path("byEndpoint").path("POST /2.0/repositories/{workspace}/{repo_slug}/commits").asInt(0);
    }

    private SyncRunEntity lastRun() {
        SyncRunEntity[] runs = fixture.ao.find(SyncRunEntity.class,
                net.java.ao.Query.select().where("REPOSITORY_ID = ?", id).order("ID DESC").limit(1));
        return runs[0];
    }

    @Test
    void aSyncAskedForWhileTheRepositoryIsBusyRunsLaterInsteadOfBeingLost() throws Exception {
        try (SyncFixture.HeldLock busy = fixture.holdRepositoryLock(id)) {
            fixture.scheduled.clear();
            fixture.commit(SLUG, "main", "DEMO-30 while busy");
            fixture.sync().run(id, false);
            assertThat(fixture.scheduled).as("queued again, not dropped")
                    .anyMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id + " "));
        }
        fixture.sync().run(id, false); // the queued run, once the holder is done
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }
}
