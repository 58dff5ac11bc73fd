package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Full sync of a generated workspace (2 repositories × 2,000 commits, 10 branches, 20 pull requests). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullSyncTest {

    /** Requests a full sync may make beyond its pages (the repository's own record, the first page of an empty listing). */
    static final int PER_REPOSITORY = 2;

    private SyncFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new SyncFixture(2, 2000, 10, 20);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void aFullSyncStoresExactlyWhatBitbucketHasWithFewRequests() throws Exception {
        for (String slug : new String[] {"repo-01", "repo-02"}) {
            int id = fixture.repositoryId(slug);
            int before = fixture.apiRequests();
            fixture.sync().run(id, true);
            int requests = fixture.apiRequests() - before;

            Mirror expected = Mirror.expected(fixture.remote(slug));
            Mirror stored = Mirror.stored(fixture.ao, id);
            Mirror.assertMirrors(stored, expected);
            assertThat(stored.links()).isNotEmpty();

            int lowerBound = lowerBound(fixture.remote(slug));
            System.out.printf("full sync %s: %d requests, lower bound %d (%.3f)%n", slug, requests, lowerBound,
                    requests / (double) lowerBound);
            assertThat(requests).isLessThanOrEqualTo(allowedRequests(fixture.remote(slug)));

            SyncProgress progress = fixture.sync().progress().get(id);
            assertThat(progress.state()).isEqualTo(SyncProgress.State.DONE);
            assertThat(progress.requests()).isEqualTo(requests);
        }
    }

    @Test
    void pullRequestsCostTheirListingPagesAndNoRequestEach() throws Exception {
        try (SyncFixture many = new SyncFixture(1, 300, 5, 150)) {
            int id = many.repositoryId("repo-01");
            int before = many.apiRequests();
            many.sync().run(id, true);
            int requests = many.apiRequests() - before;

            Mirror.assertMirrors(Mirror.stored(many.ao, id), Mirror.expected(many.remote("repo-01")));
            many.stats().path("byEndpoint").fields().forEachRemaining(e -> assertThat(e.getKey())
                    .as("%d requests", e.getValue().asInt()).doesNotMatch(".*/pullrequests/[^/]+/commits.*"));
            int bound = lowerBound(many.remote("repo-01"));
            System.out.printf("full sync, 150 pull requests: %d requests, page bound %d (%.3f)%n", requests, bound,
                    requests / (double) bound);
            assertThat(requests).isLessThanOrEqualTo(allowedRequests(many.remote("repo-01")));
        }
    }

    /** Past some 45 heads the listing's include list goes in a POST body; its next pages are posted the same way. */
    @Test
    void aRepositoryWithManyBranchesListsItsHistoryByThePostFormAndResumesIt() throws Exception {
        try (SyncFixture many = new SyncFixture(1, 1_500, 120, 0)) {
            int id = many.repositoryId("repo-01");
            many.sync(many.breakingAfter(6)).run(id, true);
            assertThat(many.sync().progress().get(id).history().complete()).isFalse();
            many.sync().run(id, false);
            Mirror.assertMirrors(Mirror.stored(many.ao, id), Mirror.expected(many.remote("repo-01")));
            assertThat(many.stats().path("byEndpoint").path("POST /2.0/repositories/{workspace}/{repo_slug}/commits")
                    .asInt()).as("commit pages posted").isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void deletingTheRepositoryDataLeavesNoRows() throws Exception {
        try (SyncFixture other = new SyncFixture(1, 300, 3, 3)) {
            int id = other.repositoryId("repo-01");
            other.sync().run(id, true);
            org.dvcsconnector.account.RepositoryEntity repository = other.accounts.repository(id).orElseThrow();
            java.util.List<org.dvcsconnector.account.RepositoryDataCleaner> cleaners = java.util.List.of(
                    new org.dvcsconnector.devinfo.DevInfoCleaner(other.devInfo), new SyncStateCleaner(other.devInfo.db()));
            for (org.dvcsconnector.account.RepositoryDataCleaner cleaner : cleaners) {
                assertThat(cleaner.remaining(repository)).isPositive();
                while (cleaner.deleteBatch(repository, 500) > 0) {
                    // bounded batches until done
                }
                assertThat(cleaner.remaining(repository)).isZero();
            }
        }
    }

    @Test
    void aSyncCutShortThenRunAgainLosesAndDuplicatesNothing() throws Exception {
        SyncFixture other = new SyncFixture(1, 2000, 10, 20);
        try {
            int id = other.repositoryId("repo-01");
            // The crash: Bitbucket becomes unreachable after 12 API calls (mid-way through the commit pages).
            other.sync(other.breakingAfter(12)).run(id, true);
            SyncProgress cut = other.sync().progress().get(id);
            assertThat(cut.state()).isEqualTo(SyncProgress.State.FAILED);
            assertThat(cut.error()).startsWith("Older history: ");
            assertThat(Mirror.stored(other.ao, id).commits()).isNotEmpty().hasSizeLessThan(2000);
            // The recent work came first, with the heads (the soft sync's cursor); the history's cursor is where it broke.
            assertThat(cut.recentSynced()).isTrue();
            assertThat(Mirror.stored(other.ao, id).branches()).isEqualTo(Mirror.expected(other.remote("repo-01")).branches());
            assertThat(cut.history().commitsListed()).as("the cursor moved past stored pages only")
                    .isEqualTo(Mirror.stored(other.ao, id).commits().size());

            int before = other.apiRequests();
            other.sync().run(id, false); // a soft sync, which carries the older history on from its cursor
            Mirror expected = Mirror.expected(other.remote("repo-01"));
            Mirror stored = Mirror.stored(other.ao, id);
            Mirror.assertMirrors(stored, expected);
            int pagesLeft = (2000 - cut.history().commitsListed() + 99) / 100;
            assertThat(other.apiRequests() - before).as("no page read again").isLessThanOrEqualTo(pagesLeft + 4);
        } finally {
            other.close();
        }
    }

    @Test
    void underTwentyPercentServerErrorsTheSyncIsStillExactAndDuplicatesNothing() throws Exception {
        SyncFixture other = new SyncFixture(1, 1000, 5, 10);
        try {
            int id = other.repositoryId("repo-01");
            other.control("/_sim/faults", "{\"errorRate\": 0.2, \"latencyMs\": 5, \"requestsPerHour\": 0}");
            // Back-off without waiting, so the test stays fast; the retries themselves are real.
            RepositorySync sync = other.sync(BitbucketHttp.newClient(duration -> { }));
            sync.run(id, true);
            // A sync that still failed after its retries resumes from its cursors on the next run.
            for (int run = 0; run < 3 && sync.progress().get(id).state() != SyncProgress.State.DONE; run++) {
                sync.run(id, false);
            }
            other.control("/_sim/faults", "{\"errorRate\": 0, \"latencyMs\": 0, \"requestsPerHour\": 0}");
            assertThat(sync.progress().get(id).state()).isEqualTo(SyncProgress.State.DONE);
            Mirror.assertMirrors(Mirror.stored(other.ao, id), Mirror.expected(other.remote("repo-01")));
        } finally {
            other.close();
        }
    }

    @Test
    void bitbucketsRateLimitPausesTheSyncAndSchedulesItsResumption() throws Exception {
        SyncFixture other = new SyncFixture(1, 1000, 5, 10);
        try {
            int id = other.repositoryId("repo-01");
            other.control("/_sim/faults", "{\"errorRate\": 0, \"latencyMs\": 0, \"requestsPerHour\": 5}");
            other.scheduled.clear();
            RepositorySync sync = other.sync(BitbucketHttp.newClient(duration -> { }));
            sync.run(id, true);
            other.control("/_sim/faults", "{\"errorRate\": 0, \"latencyMs\": 0, \"requestsPerHour\": 0}");

            SyncProgress progress = sync.progress().get(id);
            assertThat(progress.state()).as("a pause is no failure").isEqualTo(SyncProgress.State.PAUSED);
            assertThat(progress.error()).isNull();
            assertThat(progress.pauseReason()).isEqualTo(org.dvcsconnector.bitbucket.RateLimitedException.Reason.RATE_LIMIT);
            assertThat(progress.resumesAt()).isNotNull();
            assertThat(progress.message()).matches("Paused until \\d\\d:\\d\\d \\(Bitbucket's rate limit for this consumer"
                    + " is reached\\); it resumes by itself\\.");
            assertThat(other.scheduled).as("the sync is queued again for when the limit lifts")
                    .anySatisfy(job -> assertThat(job).startsWith(RepositorySync.RUNNER + "." + id));
            int stored = Mirror.stored(other.ao, id).commits().size();
            assertThat(progress.history() == null ? 0 : progress.history().commitsListed())
                    .as("no cursor moved past stored data").isEqualTo(stored);
        } finally {
            other.close();
        }
    }

    /**
     * The fewest requests a full sync can make, with Bitbucket's largest pages:
     * ceil(branches / 100) + ceil(commits / 100) + ceil(pullRequests / 50)
     * + Σ over pull requests of max(1, ceil(commitsOfThePullRequest / 100)).
     */
    /**
     * The pages a full sync cannot do without, each endpoint at its largest {@code pagelen}: branches, commits
     * and pull requests. A pull request's own commits are not among them: the plugin does not fetch them.
     */
    static int lowerBound(Repository r) {
        int commits = r.commits().reachable(r.branches().values().stream().mapToInt(Integer::intValue).toArray(), null)
                .cardinality();
        return ceil(r.branches().size(), 100) + ceil(commits, 100) + Math.max(1, ceil(r.pullRequests().size(), 50));
    }

    /** The issue's target: at most 1.05 × the page bound, plus a small constant per repository. */
    static int allowedRequests(Repository r) {
        return (int) Math.floor(1.05 * lowerBound(r)) + PER_REPOSITORY;
    }

    private static int ceil(int n, int page) {
        return Math.max(1, (n + page - 1) / page);
    }
}
