package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.testing.MapPluginSettings;
import org.dvcsconnector.testing.MutableClock;

/**
 * How long until the newest 100 commits of every repository of a workspace are visible, run by
 * {@code bench/newest-first.sh}: a generated workspace (default 40 repositories of 5,000 commits) is discovered and
 * synced as the plugin does it, under the account's request budget (default 900 an hour), every job run by a
 * scheduler on a simulated clock (each Bitbucket request takes the given latency, default 300 ms; a pause passes at
 * once), one job at a time. It prints, in simulated time, when each repository's newest 100 commits were all stored
 * (checked before each of its requests and after each run) and when the whole workspace was synced.
 *
 * <p>Written against what every version of the plugin has (the {@link SyncFixture}, {@link RepositorySync}'s
 * constructor and {@code progress()}, the budgets' setting, {@link RepositoryDiscovery}), so that the script can
 * compile it into an older checkout and measure that side by side. Arguments: {@code [repositories=40]
 * [commits=5000] [budget=900] [latencyMs=300]}.
 */
public final class NewestFirstBenchmark {

    private NewestFirstBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repositories = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int budget = args.length > 2 ? Integer.parseInt(args[2]) : 900;
        Duration latency = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 300);
        long realStart = System.nanoTime();
        try (SyncFixture fixture = new SyncFixture(repositories, commits, 3, 4)) {
            // From the start of an hour: a budget over clock hours (older versions) and a rolling one start alike. The
            // next hour: a job queued for the real now (older versions) is due at once.
            MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
            Map<Integer, Set<String>> newest = new LinkedHashMap<>();
            Map<String, Integer> ids = new ConcurrentHashMap<>();
            for (int i = 1; i <= repositories; i++) {
                String slug = String.format("repo-%02d", i);
                ids.put(slug, fixture.repositoryId(slug));
                newest.put(fixture.repositoryId(slug), newest(fixture.remote(slug), 100));
            }
            Map<Integer, Instant> visible = new ConcurrentHashMap<>();
            Map<Integer, Integer> requestsWhenVisible = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            Instant start = clock.instant();
            java.util.function.IntConsumer check = id -> {
                if (!visible.containsKey(id) && fixture.devInfo.commitHashes(id).containsAll(newest.get(id))) {
                    visible.put(id, clock.instant());
                    requestsWhenVisible.put(id, sent.get());
                }
            };
            OkHttpClient client = fixture.http.newBuilder().addNetworkInterceptor(chain -> {
                okhttp3.HttpUrl url = chain.request().url();
                if (url.encodedPath().startsWith("/2.0/")) {
                    // Before a repository's next request, what its last one brought is stored.
                    Integer id = url.pathSize() > 3 ? ids.get(url.pathSegments().get(3)) : null;
                    if (id != null) {
                        check.accept(id);
                    }
                    sent.incrementAndGet();
                    clock.advance(latency);
                }
                return chain.proceed(chain.request());
            }).build();
            Map<String, String> settings = new ConcurrentHashMap<>();
            settings.put(AccountRequestBudgets.SETTING, Integer.toString(budget));
            AccountRequestBudgets budgets = new AccountRequestBudgets(fixture.ao, fixture.locks,
                    new MapPluginSettings(settings), clock);
            SimulatedScheduler scheduler = new SimulatedScheduler(clock);
            RepositorySync sync = new RepositorySync(fixture.accounts, fixture.devInfo, fixture.tokens, client,
                    fixture.endpoints, scheduler, fixture.locks,
                    new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()), clock, (a, r) -> { },
                    budgets::forAccount);
            sync.register();
            new RepositoryDiscovery(fixture.accounts, fixture.tokens, fixture.http, fixture.endpoints, scheduler, sync,
                    clock, fixture.devInfo.writer()::repositoryVisibilityChanged).run(fixture.accountId);

            Instant[] allVisible = {null};
            int[] requestsAllVisible = {0};
            boolean done = scheduler.runUntil(() -> {
                Map<Integer, SyncProgress> progress = sync.progress();
                return newest.keySet().stream().allMatch(id -> progress.get(id) != null
                        && progress.get(id).state() == SyncProgress.State.DONE);
            }, start.plus(Duration.ofDays(30)), () -> {
                newest.keySet().forEach(check::accept);
                if (allVisible[0] == null && visible.size() == newest.size()) {
                    allVisible[0] = visible.values().stream().max(Instant::compareTo).orElseThrow();
                    requestsAllVisible[0] = requestsWhenVisible.values().stream().max(Integer::compareTo).orElseThrow();
                }
            });
            Duration first = Duration.between(start, visible.values().stream().min(Instant::compareTo).orElse(start));
            System.out.printf("workspace: %d repositories x %,d commits, budget %d requests/hour, %d ms a request%n",
                    repositories, commits, budget, latency.toMillis());
            System.out.printf("newest 100 commits of the first repository visible after   %s%n", text(first));
            System.out.printf("newest 100 commits of every repository visible after      %s (%,d requests)%n",
                    allVisible[0] == null ? "never" : text(Duration.between(start, allVisible[0])), requestsAllVisible[0]);
            System.out.printf("every repository synced in full after                     %s (%,d requests)%s%n",
                    text(Duration.between(start, clock.instant())), sent.get(), done ? "" : " (not finished)");
            System.out.printf("(simulated time; the run itself took %.0f s)%n", (System.nanoTime() - realStart) / 1e9);
        }
        System.exit(0);
    }

    private static String text(Duration d) {
        long seconds = d.toSeconds();
        return String.format(java.util.Locale.ROOT, "%d h %02d min %04.1f s", seconds / 3600, seconds % 3600 / 60,
                seconds % 60 + d.toMillisPart() / 1000.0);
    }

    /** The hashes of the newest {@code n} commits Bitbucket lists for the repository (all its branches). */
    static Set<String> newest(Repository r, int n) {
        BitSet all = r.commits().reachable(r.branches().values().stream().mapToInt(Integer::intValue).toArray(), null);
        Set<String> hashes = new HashSet<>();
        for (int i = all.length() - 1; i >= 0 && hashes.size() < n; i = all.previousSetBit(i - 1)) {
            hashes.add(r.commits().hashHex(i));
        }
        return hashes;
    }
}
