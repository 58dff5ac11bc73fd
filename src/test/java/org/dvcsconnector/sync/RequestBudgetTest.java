package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountLinker;
import org.dvcsconnector.account.ConsumerType;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.testing.MapPluginSettings;
import org.dvcsconnector.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two workspaces linked through the same Bitbucket consumer share Bitbucket's hourly limit (the simulator's
 * {@code requestsPerHour} is per user, as on Bitbucket). Without a budget the large workspace's full sync spends all
 * of it and the small one is refused; with a per-account budget the large one pauses itself and the small one syncs.
 * Budgets count over a rolling hour, on the database, for every node.
 */
class RequestBudgetTest {

    private static final int BITBUCKET_LIMIT = 100;
    private static final int BUDGET = AccountRequestBudgets.FLOOR;

    private SyncFixture fixture;
    private final Map<String, String> settingValues = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:15:00Z"));
    private int bigRepository;
    private int smallRepository;

    @BeforeEach
    void start() throws Exception {
        fixture = new SyncFixture(1, 12_000, 2, 0); // 120 commit pages and more, beyond both limits
        bigRepository = fixture.repositoryId("repo-01");
        fixture.control("/_sim/generate", "{\"workspace\":\"small\",\"repositories\":1,\"commitsPerRepository\":40,"
                + "\"branchesPerRepository\":1,\"pullRequestsPerRepository\":0,\"projectKey\":\"DEMO\",\"seed\":7}");
        AccountLinker linker = new AccountLinker(fixture.accounts, fixture.secrets,
                new OAuthTokenClient(fixture.http, Clock.systemUTC()), fixture.http, fixture.endpoints, Clock.systemUTC());
        int small = linker.linkPrivate(new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, "small", "demo-private",
                "demo-private-secret", ConsumerType.PRIVATE, true, true)).getID();
        RepositoryEntity repository = fixture.ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", small, "SLUG", "repo-01"));
        repository.setLinked(true);
        repository.save();
        smallRepository = repository.getID();
        fixture.control("/_sim/faults", "{\"errorRate\":0,\"latencyMs\":0,\"requestsPerHour\":" + BITBUCKET_LIMIT + "}");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void withoutABudgetTheLargeWorkspaceStarvesTheSmallOne() {
        RepositorySync sync = sync(accountId -> RequestBudget.UNLIMITED);
        sync.run(bigRepository, true);
        sync.run(smallRepository, true);
        SyncProgress small = state(sync, smallRepository);
        assertThat(small.state()).isEqualTo(SyncProgress.State.PAUSED);
        assertThat(small.pauseReason()).isEqualTo(RateLimitedException.Reason.RATE_LIMIT);
        assertThat(small.message()).startsWith("Paused until ").contains("Bitbucket's rate limit");
    }

    @Test
    void aBudgetPausesTheLargeWorkspaceAndLeavesRoomForTheSmallOne() throws Exception {
        ownBudget(fixture.accountId, BUDGET);
        AccountRequestBudgets budgets = budgets();
        RepositorySync sync = sync(budgets::forAccount);

        sync.run(bigRepository, true);
        SyncProgress big = state(sync, bigRepository);
        assertThat(big.state()).as("a pause is no failure").isEqualTo(SyncProgress.State.PAUSED);
        assertThat(big.pauseReason()).isEqualTo(RateLimitedException.Reason.BUDGET);
        assertThat(big.error()).isNull();
        assertThat(big.message()).startsWith("Paused until ")
                .contains("this account's budget of 60 requests/hour is spent");
        assertThat(big.resumesAt()).isEqualTo(Instant.parse("2026-11-24T11:16:00Z")); // its first minute stops counting
        assertThat(big.recentSynced()).as("the recent work came first").isTrue();
        assertThat(big.type()).as("it resumes where it stopped: the older history").isEqualTo(SyncKind.HISTORY);
        assertThat(big.requests()).isLessThanOrEqualTo(BUDGET);
        assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + bigRepository)
                && job.contains("history=true"));
        assertThat(fixture.stats().path("rateLimited").asInt()).as("Bitbucket never had to refuse").isZero();

        sync.run(smallRepository, true);
        SyncProgress small = state(sync, smallRepository);
        assertThat(small.state()).isEqualTo(SyncProgress.State.DONE);
        assertThat(small.error()).isNull();
        assertThat(fixture.devInfo.commitHashes(smallRepository)).hasSize(40);
    }

    @Test
    void aPausedSyncResumesWhereItStoppedWhenTheBudgetAllows() throws Exception {
        ownBudget(fixture.accountId, BUDGET);
        AccountRequestBudgets budgets = budgets();
        RepositorySync sync = sync(budgets::forAccount);
        sync.run(bigRepository, true);
        int stored = fixture.devInfo.commitHashes(bigRepository).size();
        int pagesBefore = commitPages();

        clock.set(state(sync, bigRepository).resumesAt().plusSeconds(1));
        fixture.control("/_sim/faults", "{\"errorRate\":0,\"latencyMs\":0,\"requestsPerHour\":0}");
        sync.run(bigRepository, false, true); // the job queued for the pause's end

        assertThat(fixture.devInfo.commitHashes(bigRepository).size()).as("went on past what was stored")
                .isGreaterThan(stored);
        assertThat(commitPages() - pagesBefore).as("no page read twice: it went on from its cursor")
                .isLessThanOrEqualTo(BUDGET);
        assertThat(state(sync, bigRepository).state()).isEqualTo(SyncProgress.State.PAUSED);
    }

    @Test
    void aRequestWhilePausedJoinsTheRunThatResumes() throws Exception {
        ownBudget(fixture.accountId, BUDGET);
        RepositorySync sync = sync(budgets()::forAccount);
        sync.run(bigRepository, true);
        Instant resumes = state(sync, bigRepository).resumesAt();
        fixture.scheduled.clear();

        sync.request(bigRepository, false);

        SyncProgress still = state(sync, bigRepository);
        assertThat(still.state()).as("a sync now would only be refused").isEqualTo(SyncProgress.State.PAUSED);
        assertThat(still.resumesAt()).isEqualTo(resumes);
        assertThat(still.type()).as("a soft sync reads Bitbucket again, then carries the history on")
                .isEqualTo(SyncKind.SOFT);
        assertThat(fixture.scheduled).singleElement().asString().contains("full=false").contains("history=false");
    }

    @Test
    void everyNodeDrawsOnTheSameBudgetOverARollingHour() {
        ownBudget(fixture.accountId, BUDGET);
        RequestBudget nodeA = budgets().forAccount(fixture.accountId);
        RequestBudget nodeB = budgets().forAccount(fixture.accountId);
        int granted = 0;
        for (int i = 0; i < 20; i++) { // 10:15: a third of the budget
            granted += nodeA.take().isEmpty() ? 1 : 0;
        }
        clock.set(Instant.parse("2026-11-24T10:45:00Z"));
        for (int i = 0; i < 80; i++) {
            granted += nodeA.take().isEmpty() ? 1 : 0;
            granted += nodeB.take().isEmpty() ? 1 : 0;
        }
        assertThat(granted).as("never more than the budget between the two nodes").isLessThanOrEqualTo(BUDGET)
                .isGreaterThanOrEqualTo(BUDGET - 2 * AccountRequestBudgets.CHUNK);
        assertThat(nodeA.take()).as("room again once the 10:15 minute stops counting")
                .contains(Instant.parse("2026-11-24T11:16:00Z"));
        assertThat(nodeA.usage().used()).isGreaterThanOrEqualTo(BUDGET - 2 * AccountRequestBudgets.CHUNK);

        clock.set(Instant.parse("2026-11-24T11:16:01Z"));
        int again = 0;
        for (int i = 0; i < 80; i++) {
            again += nodeB.take().isEmpty() ? 1 : 0;
        }
        assertThat(again).as("only what 10:15 took comes back; 10:45's still counts").isBetween(10, 20);
        clock.set(Instant.parse("2026-11-24T11:46:01Z"));
        assertThat(nodeA.take()).isEmpty();
    }

    @Test
    void theUsageSaysWhatCountsAndUntilWhen() {
        RequestBudget budget = budgets().forAccount(fixture.accountId);
        budget.take();
        RequestBudget.Usage usage = budget.usage();
        assertThat(usage.perHour()).isEqualTo(AccountRequestBudgets.DEFAULT_PER_HOUR);
        assertThat(usage.used()).as("a node reserves a chunk at a time").isEqualTo(AccountRequestBudgets.CHUNK);
        assertThat(usage.counted()).singleElement().satisfies(c ->
                assertThat(c.until()).isEqualTo(Instant.parse("2026-11-24T11:16:00Z")));
        assertThat(usage.window()).isEqualTo(Duration.ofMinutes(61));
        assertThat(usage.left()).isEqualTo(AccountRequestBudgets.DEFAULT_PER_HOUR - AccountRequestBudgets.CHUNK);
    }

    @Test
    void anAccountsOwnBudgetWinsOverTheSitesAndTheSettingIsKeptInRange() {
        settingValues.put(AccountRequestBudgets.SETTING, "lots");
        assertThat(budgets().defaultPerHour()).isEqualTo(AccountRequestBudgets.DEFAULT_PER_HOUR);
        settingValues.put(AccountRequestBudgets.SETTING, "1");
        assertThat(budgets().defaultPerHour()).isEqualTo(AccountRequestBudgets.FLOOR);
        settingValues.put(AccountRequestBudgets.SETTING, "99999");
        assertThat(budgets().defaultPerHour()).isEqualTo(AccountRequestBudgets.CEILING);
        assertThat(budgets().forAccount(fixture.accountId).perHour()).isEqualTo(AccountRequestBudgets.CEILING);
        ownBudget(fixture.accountId, 250);
        assertThat(budgets().forAccount(fixture.accountId).perHour()).isEqualTo(250);
        assertThat(AccountRequestBudgets.allowed(59)).isFalse();
        assertThat(AccountRequestBudgets.allowed(60)).isTrue();
        assertThat(AccountRequestBudgets.allowed(5_000)).isTrue();
        assertThat(AccountRequestBudgets.allowed(5_001)).isFalse();
    }

    private void ownBudget(int accountId, int perHour) {
        AccountEntity account = fixture.accounts.find(accountId).orElseThrow();
        account.setRequestBudget(perHour);
        account.save();
    }

    private int commitPages() throws Exception {
        return fixture.stats().path("byEndpoint").path("GET /2.0/repositories/{workspace}/{repo_slug}/commits").asInt();
    }

    private AccountRequestBudgets budgets() {
        return new AccountRequestBudgets(fixture.ao, fixture.locks, settings(), clock);
    }

    private RepositorySync sync(java.util.function.IntFunction<RequestBudget> budgets) {
        return new RepositorySync(fixture.accounts, fixture.devInfo, fixture.tokens, fixture.http, fixture.endpoints,
                fixture.scheduler(), fixture.locks, new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()),
                clock, (account, repository) -> {}, budgets);
    }

    private static SyncProgress state(RepositorySync sync, int repositoryId) {
        return sync.progress().get(repositoryId);
    }

    private PluginSettings settings() {
        return new MapPluginSettings(settingValues);
    }
}
