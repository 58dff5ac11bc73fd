package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dvcsconnector.account.AccountLinker;
import org.dvcsconnector.account.ConsumerType;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
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
 * Two workspaces linked through the same Bitbucket user share Bitbucket's hourly limit (the simulator's
 * {@code requestsPerHour} is per user, as on Bitbucket). Without a budget the large workspace's full sync
 * spends all of it and the small one is refused; with a per-account budget the large one pauses itself and
 * the small one syncs.
 */
class RequestBudgetTest {

    private static final int BITBUCKET_LIMIT = 20;
    private static final int BUDGET = 12;

    private SyncFixture fixture;
    private final Map<String, String> settingValues = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:15:00Z"));
    private int bigRepository;
    private int smallRepository;

    @BeforeEach
    void start() throws Exception {
        fixture = new SyncFixture(1, 2_500, 2, 0); // 2,500 commits: 25 pages and more, beyond both limits
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
        assertThat(state(sync, smallRepository).error()).contains("rate limit");
    }

    @Test
    void aBudgetPausesTheLargeWorkspaceAndLeavesRoomForTheSmallOne() throws Exception {
        settingValues.put(AccountRequestBudgets.SETTING, Integer.toString(BUDGET));
        AccountRequestBudgets budgets = budgets();
        RepositorySync sync = sync(budgets::forAccount);

        sync.run(bigRepository, true);
        SyncProgress big = state(sync, bigRepository);
        assertThat(big.error()).startsWith("Paused: this account used its budget of 12 Bitbucket requests an hour; resumes at ")
                .contains("resumes at");
        assertThat(big.requests()).isLessThanOrEqualTo(BUDGET);
        assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + bigRepository));
        assertThat(fixture.stats().path("rateLimited").asInt()).as("Bitbucket never had to refuse").isZero();

        sync.run(smallRepository, true);
        SyncProgress small = state(sync, smallRepository);
        assertThat(small.state()).isEqualTo(SyncProgress.State.DONE);
        assertThat(small.error()).isNull();
        assertThat(fixture.devInfo.commitHashes(smallRepository)).hasSize(40);
    }

    @Test
    void everyNodeDrawsOnTheSameBudgetAndANewHourRefillsIt() {
        settingValues.put(AccountRequestBudgets.SETTING, "25");
        RequestBudget nodeA = budgets().forAccount(fixture.accountId);
        RequestBudget nodeB = budgets().forAccount(fixture.accountId);
        int granted = 0;
        for (int i = 0; i < 40; i++) {
            granted += nodeA.take().isEmpty() ? 1 : 0;
            granted += nodeB.take().isEmpty() ? 1 : 0;
        }
        assertThat(granted).as("never more than the budget between the two nodes").isLessThanOrEqualTo(25)
                .isGreaterThanOrEqualTo(25 - 2 * AccountRequestBudgets.CHUNK);
        assertThat(nodeA.take()).contains(Instant.parse("2026-11-24T11:00:00Z"));

        clock.set(Instant.parse("2026-11-24T11:00:01Z"));
        assertThat(nodeB.take()).isEmpty();
        assertThat(nodeA.take()).isEmpty();
    }

    @Test
    void aMalformedSettingFallsBackToTheDefault() {
        settingValues.put(AccountRequestBudgets.SETTING, "lots");
        assertThat(budgets().perHour()).isEqualTo(AccountRequestBudgets.DEFAULT_PER_HOUR);
        settingValues.put(AccountRequestBudgets.SETTING, "1");
        assertThat(budgets().perHour()).isEqualTo(AccountRequestBudgets.MINIMUM);
    }

    private AccountRequestBudgets budgets() {
        return new AccountRequestBudgets(fixture.ao, fixture.locks, settings(), clock);
    }

    private RepositorySync sync(java.util.function.IntFunction<RequestBudget> budgets) {
        return new RepositorySync(fixture.accounts, fixture.devInfo, fixture.tokens, fixture.http, fixture.endpoints,
                fixture.scheduler(), fixture.locks, new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()),
                Clock.systemUTC(), (account, repository) -> {}, budgets);
    }

    private static SyncProgress state(RepositorySync sync, int repositoryId) {
        return sync.progress().get(repositoryId);
    }

    private PluginSettings settings() {
        return new MapPluginSettings(settingValues);
    }
}
