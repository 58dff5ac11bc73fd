package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.testing.MapPluginSettings;
import org.dvcsconnector.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The issue's workspace at a small scale, for real: 40 repositories of 1,000 commits under the smallest budget (60
 * requests an hour), discovered and synced as the plugin does, each job run by a scheduler on a simulated clock
 * (a request takes 300 ms; pauses pass at once). Every repository's recent work arrives before any old page; the
 * budget pauses the syncs (PAUSED, with when they resume), they resume by themselves, the ETA stays sane and the time
 * left does not grow, and in the end every repository equals Bitbucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewestFirstSyncTest {

    private static final int REPOSITORIES = 40;
    private static final int BUDGET = AccountRequestBudgets.FLOOR;
    private static final Duration LATENCY = Duration.ofMillis(300);

    private SyncFixture fixture;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    /** Commit listing requests in order: slug, and whether it is an older page (one named by a next link). */
    private final List<String[]> commitRequests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<String> commitPages = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> recentStoredAtFirstOldPage = new ConcurrentHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Map<String, Set<String>> newest = new HashMap<>();
    private RepositorySync sync;
    private SimulatedScheduler scheduler;
    private boolean done;
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();

    /** What the page would show after a run: the account's ETA (null: unknown) and its repositories' states. */
    private record Observation(Instant at, Instant eta, boolean allRecent, Map<Integer, SyncProgress> progress) {}

    @BeforeAll
    void syncTheWorkspace() throws Exception {
        fixture = new SyncFixture(REPOSITORIES, 1_000, 3, 4);
        for (int i = 1; i <= REPOSITORIES; i++) {
            String slug = String.format("repo-%02d", i);
            newest.put(slug, NewestFirstBenchmark.newest(fixture.remote(slug), 100));
        }
        AccountEntity account = fixture.accounts.find(fixture.accountId).orElseThrow();
        account.setRequestBudget(BUDGET);
        account.save();
        // On the network: what the budget let through, as Bitbucket sees it.
        OkHttpClient client = fixture.http.newBuilder().addNetworkInterceptor(chain -> {
            HttpUrl url = chain.request().url();
            if (url.encodedPath().startsWith("/2.0/")) {
                sent.incrementAndGet();
                clock.advance(LATENCY);
                if (url.encodedPath().endsWith("/commits")) {
                    String slug = url.pathSegments().get(3);
                    boolean old = url.queryParameter("page") != null;
                    if (old && recentStoredAtFirstOldPage.isEmpty()) {
                        newest.forEach((s, hashes) -> recentStoredAtFirstOldPage.put(s,
                                fixture.devInfo.commitHashes(fixture.repositoryId(s)).containsAll(hashes)));
                    }
                    commitRequests.add(new String[] {slug, Boolean.toString(old)});
                    commitPages.add(url.toString());
                }
            }
            return chain.proceed(chain.request());
        }).build();
        scheduler = new SimulatedScheduler(clock);
        AccountRequestBudgets budgets = new AccountRequestBudgets(fixture.ao, fixture.locks,
                new MapPluginSettings(new ConcurrentHashMap<>()), clock);
        sync = new RepositorySync(fixture.accounts, fixture.devInfo, fixture.tokens, client, fixture.endpoints, scheduler,
                fixture.locks, new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()), clock,
                (a, r) -> { }, budgets::forAccount);
        sync.register();
        new RepositoryDiscovery(fixture.accounts, fixture.tokens, fixture.http, fixture.endpoints, scheduler, sync, clock,
                fixture.devInfo.writer()::repositoryVisibilityChanged).run(fixture.accountId);

        Instant start = clock.instant();
        done = scheduler.runUntil(this::complete, clock.instant().plus(Duration.ofDays(3)), this::observe);
        Instant allRecent = observations.stream().filter(Observation::allRecent).map(Observation::at).findFirst()
                .orElse(null);
        System.out.printf("%d repositories at %d requests/hour: %d job runs, %d requests (%d commit pages); every"
                + " repository's recent work after %s, all of it after %s (simulated)%n", REPOSITORIES, BUDGET,
                scheduler.runs(), sent.get(), commitRequests.size(), allRecent == null ? "never" : Duration.between(start, allRecent),
                Duration.between(start, clock.instant()));
        observations.stream().filter(o -> o.allRecent() && o.eta() != null && observations.indexOf(o) % 40 == 0)
                .forEach(o -> System.out.printf("  at +%s: ETA in %s%n", Duration.between(start, o.at()),
                        Duration.between(o.at(), o.eta())));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void everyRepositorysRecentCommitsArriveBeforeAnyOldPage() {
        int lastFirstPage = -1;
        int firstOldPage = Integer.MAX_VALUE;
        Set<String> withFirstPage = new HashSet<>();
        for (int i = 0; i < commitRequests.size(); i++) {
            String[] request = commitRequests.get(i);
            if (Boolean.parseBoolean(request[1])) {
                firstOldPage = Math.min(firstOldPage, i);
            } else {
                lastFirstPage = i;
                withFirstPage.add(request[0]);
            }
        }
        assertThat(withFirstPage).hasSize(REPOSITORIES);
        assertThat(lastFirstPage).as("the last repository's newest page before the first old page").isLessThan(firstOldPage);
        assertThat(recentStoredAtFirstOldPage).hasSize(REPOSITORIES).allSatisfy((slug, stored) -> assertThat(stored)
                .as("%s's newest 100 commits stored before any old page", slug).isTrue());
    }

    @Test
    void theBudgetPausesTheSyncsAndTheyResumeByThemselves() {
        assertThat(done).as("every repository synced in full, with nobody asking again").isTrue();
        List<SyncProgress> paused = observations.stream().flatMap(o -> o.progress().values().stream())
                .filter(p -> p.state() == SyncProgress.State.PAUSED).toList();
        assertThat(paused).isNotEmpty().allSatisfy(p -> {
            assertThat(p.pauseReason()).isEqualTo(RateLimitedException.Reason.BUDGET);
            assertThat(p.resumesAt()).isNotNull();
            assertThat(p.error()).as("a pause is no failure").isNull();
            assertThat(p.message()).startsWith("Paused until ")
                    .contains("this account's budget of " + BUDGET + " requests/hour is spent");
        });
        assertThat(observations).allSatisfy(o -> assertThat(o.progress().values())
                .noneMatch(p -> p.state() == SyncProgress.State.FAILED));
        for (int i = 1; i <= REPOSITORIES; i++) {
            String slug = String.format("repo-%02d", i);
            int id = fixture.repositoryId(slug);
            Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(slug)));
            assertThat(sync.progress().get(id).state()).as(slug).isEqualTo(SyncProgress.State.DONE);
        }
        // Within the budget: an hour of the simulated clock for every 60 requests sent, at least.
        Duration took = Duration.between(observations.get(0).at(), clock.instant());
        assertThat(took).isGreaterThan(Duration.ofHours(sent.get() / BUDGET - 1));
        // Each page once: the first of each repository, then its older ones (a network retry may repeat one).
        assertThat(commitPages).hasSize(REPOSITORIES * 10);
        assertThat(commitRequests.size()).isLessThanOrEqualTo(REPOSITORIES * 10 + 5);
    }

    /**
     * Sane and not running backwards. Sane: known once every repository's recent work is stored, never in the past
     * while work is left. Not backwards: the time it leaves never grows between two looks by more than 5 % (the
     * estimate of what is left converges as the history's dates come in) or two minutes.
     */
    @Test
    void theEtaStaysSaneAndTheTimeLeftDoesNotGrow() {
        Duration previous = null;
        int known = 0;
        for (Observation o : observations) {
            if (!o.allRecent()) {
                continue;
            }
            if (o.eta() == null) {
                assertThat(o.progress().values()).as("no work left at %s", o.at()).noneMatch(SyncProgress::pending);
                continue;
            }
            known++;
            assertThat(o.eta()).as("the ETA at %s", o.at()).isAfterOrEqualTo(o.at());
            Duration left = Duration.between(o.at(), o.eta());
            if (previous != null) {
                Duration tolerance = Duration.ofMinutes(2).plus(previous.dividedBy(20));
                assertThat(left).as("time left at %s (was %s)", o.at(), previous).isLessThanOrEqualTo(previous.plus(tolerance));
            }
            previous = left;
        }
        assertThat(known).as("looks with a known ETA").isGreaterThan(20);
    }

    private void observe() {
        Map<Integer, SyncProgress> progress = sync.progress();
        Map<Integer, SyncProgress> mine = new HashMap<>();
        fixture.accounts.repositories(fixture.accountId).forEach(r -> mine.put(r.getID(), progress.get(r.getID())));
        boolean allRecent = mine.values().stream().allMatch(p -> p != null && p.recentSynced());
        Instant eta = null;
        boolean unknown = false;
        for (SyncProgress p : mine.values()) {
            if (p != null && p.pending()) {
                unknown |= p.eta() == null;
                eta = p.eta() != null && (eta == null || p.eta().isAfter(eta)) ? p.eta() : eta;
            }
        }
        observations.add(new Observation(clock.instant(), unknown ? null : eta, allRecent, mine));
    }

    private boolean complete() {
        Map<Integer, SyncProgress> progress = sync.progress();
        return fixture.accounts.repositories(fixture.accountId).stream().map(r -> progress.get(r.getID()))
                .allMatch(p -> p != null && p.state() == SyncProgress.State.DONE && !p.pending());
    }
}
