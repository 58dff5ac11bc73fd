package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.refapp.simulator.model.SimClock;
import org.dvcsconnector.testing.MapPluginSettings;

/**
 * The safety net over simulated hours: a generated workspace of quiet repositories (one commit on {@code main}, no
 * other branch, no pull request) synced in full once, then the simulator's clock, which the plugin's parts read too,
 * moved on an hour at a time; each hour the safety net runs and the syncs it queued run, and what that cost is read
 * from the simulator's stats. No webhook is registered: whatever changes in the simulator is seen by the safety net or
 * not at all. Used by {@link SafetyNetIdleCostTest}, {@link SafetyNetBoundsTest} and {@link IdleBenchmark}.
 */
final class IdleDay implements AutoCloseable {

    static final Instant START = Instant.parse("2027-01-04T00:00:00Z");
    private static final Pattern SYNC_JOB = Pattern.compile(Pattern.quote(RepositorySync.RUNNER) + "\\.(\\d+) .*");
    private static final Pattern FULL = Pattern.compile("full=(true|false)");

    final SyncFixture fixture;
    final SimClock clock;
    final Map<String, String> settings = new ConcurrentHashMap<>();
    final AccountRequestBudgets budgets;
    final RepositorySync sync;
    final TokenService tokens;
    /** The soft syncs each {@link #hour} ran, by repository id, in order. */
    final List<Integer> ranLastHour = new ArrayList<>();

    IdleDay(int repositories) throws Exception {
        fixture = new SyncFixture(repositories, 1, 0, 0);
        fixture.ao.migrate(SafetyNetCursorEntity.class);
        clock = fixture.simulator.clock();
        clock.set(START);
        tokens = new TokenService(fixture.accounts, fixture.secrets, new OAuthTokenClient(fixture.http, clock), fixture.locks,
                fixture.endpoints, clock);
        budgets = new AccountRequestBudgets(fixture.ao, fixture.locks, new MapPluginSettings(settings), clock);
        sync = new RepositorySync(fixture.accounts, fixture.devInfo, tokens, fixture.http, fixture.endpoints,
                fixture.scheduler(), fixture.locks, new IssueKeyExtractor(FakeIssues.projects("DEMO"), clock), clock,
                (account, repository) -> {}, budgets::forAccount);
    }

    /** A safety net as a node builds it (a new one after a "restart" reads the same cursor). */
    SafetyNetSync safetyNet() {
        return new SafetyNetSync(fixture.accounts, sync, new ChangedRepositories(tokens, fixture.http, fixture.endpoints,
                budgets::forAccount), budgets::forAccount, fixture.scheduler(), new MapPluginSettings(settings), clock);
    }

    /**
     * The first full sync of every repository, as after linking (the budget lifted meanwhile: a first sync of 1,000
     * repositories spreads over hours, which is not what is measured here).
     */
    void syncAllInFull() {
        settings.put(AccountRequestBudgets.SETTING, Integer.toString(Integer.MAX_VALUE));
        try {
            fixture.accounts.repositories(fixture.accountId).forEach(r -> sync.run(r.getID(), true));
        } finally {
            settings.remove(AccountRequestBudgets.SETTING);
        }
        fixture.scheduled.clear();
        // The first syncs' requests leave the account's rolling budget hour before the first measured hour ends.
        clock.advance(Duration.ofMinutes(1));
        sync.progress().forEach((id, p) -> {
            if (p.state() != SyncProgress.State.DONE) {
                throw new IllegalStateException("The first sync of repository " + id + " ended " + p.state() + ": " + p.error());
            }
        });
    }

    /**
     * Moves the clock on an hour, runs {@code work} (the safety net, or the old behaviour), then every sync it queued;
     * returns the Bitbucket API requests (not OAuth) all that cost.
     */
    long hour(Runnable work) throws IOException {
        clock.advance(Duration.ofHours(1));
        long before = apiRequests();
        work.run();
        runQueuedSyncs();
        return apiRequests() - before;
    }

    /** Runs the syncs queued since the last call, in the order queued (a repository once). */
    void runQueuedSyncs() {
        ranLastHour.clear();
        List<String> jobs = new ArrayList<>(fixture.scheduled);
        fixture.scheduled.clear();
        for (String job : jobs) {
            Matcher m = SYNC_JOB.matcher(job);
            if (m.matches() && !ranLastHour.contains(Integer.parseInt(m.group(1)))) {
                int id = Integer.parseInt(m.group(1));
                Matcher full = FULL.matcher(job);
                sync.run(id, full.find() && Boolean.parseBoolean(full.group(1)));
                ranLastHour.add(id);
            }
        }
    }

    /** Bitbucket API requests served so far (token requests to {@code /site/oauth2} left out). */
    long apiRequests() throws IOException {
        long api = 0;
        JsonNode byEndpoint = fixture.stats().path("byEndpoint");
        for (var it = byEndpoint.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().contains(" /2.0/")) {
                api += entry.getValue().asLong();
            }
        }
        return api;
    }

    /** When a sync of each repository last ended, by repository id. */
    Map<Integer, Instant> lastAttempts() {
        Map<Integer, Instant> out = new java.util.HashMap<>();
        sync.progress().forEach((id, p) -> out.put(id, p.finishedAt()));
        return out;
    }

    @Override
    public void close() {
        fixture.close();
    }
}
