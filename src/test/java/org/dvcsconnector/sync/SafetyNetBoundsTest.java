package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.devinfo.PullRequestState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safety net's bounds, over simulated hours on a quiet workspace with no webhooks: a push shows at the next run
 * (the changed-repositories listing), pull-request activity (which leaves a repository's {@code updated_on} alone)
 * within the 24-hour rotation, and neither a restart nor a failed listing loses a change.
 */
class SafetyNetBoundsTest {

    private IdleDay day;

    @BeforeEach
    void start() throws Exception {
        day = new IdleDay(48);
        day.syncAllInFull();
    }

    @AfterEach
    void stop() {
        day.close();
    }

    private int id(String slug) {
        return day.fixture.repositoryId(slug);
    }

    @Test
    void aPushNoWebhookAnnouncedShowsAtTheNextRun() throws Exception {
        SafetyNetSync safetyNet = day.safetyNet();
        day.hour(safetyNet::runOnce);
        day.clock.advance(Duration.ofMinutes(20));
        String hash = day.fixture.commit("repo-31", "main", "DEMO-3 pushed while the webhook was down");
        String branchHead = day.fixture.commit("repo-17", "feature/DEMO-4", "DEMO-4 a new branch");

        day.hour(safetyNet::runOnce);
        assertThat(day.ranLastHour).as("changed first, then the rotation").startsWith(id("repo-17"), id("repo-31"));
        assertThat(day.fixture.devInfo.commitHashes(id("repo-31"))).contains(hash);
        assertThat(day.fixture.devInfo.commitHashes(id("repo-17"))).contains(branchHead);
    }

    @Test
    void pullRequestActivityShowsWithinTheRotation() throws Exception {
        SafetyNetSync safetyNet = day.safetyNet();
        day.fixture.branch("repo-05", "feature/DEMO-5-topic", "main");
        day.hour(safetyNet::runOnce); // the new branch is a push: listed as changed, synced
        assertThat(day.ranLastHour).contains(id("repo-05"));
        Instant opened = day.clock.instant();
        day.fixture.control("/_sim/workspaces/gen/repositories/repo-05/pullrequests",
                "{\"title\":\"DEMO-5 topic\",\"source\":\"feature/DEMO-5-topic\",\"destination\":\"main\"}");

        int hours = 0;
        while (day.fixture.devInfo.pullRequestStates(id("repo-05")).isEmpty()) {
            assertThat(++hours).as("hours until the pull request shows").isLessThanOrEqualTo(24);
            day.hour(safetyNet::runOnce);
        }
        assertThat(day.fixture.devInfo.pullRequestStates(id("repo-05"))).containsValue(PullRequestState.OPEN);
        // 24 runs of the safety net: 24 hours, and the seconds this test's runs took
        assertThat(Duration.between(opened, day.clock.instant())).isLessThanOrEqualTo(Duration.ofHours(24).plusMinutes(5));
    }

    @Test
    void theCursorOutlivesARestartAndADownTime() throws Exception {
        day.hour(day.safetyNet()::runOnce);
        day.hour(day.safetyNet()::runOnce);
        int justSynced = day.ranLastHour.get(day.ranLastHour.size() - 1); // the rotation takes it again in a day only
        SafetyNetCursorEntity[] cursors = day.fixture.ao.find(SafetyNetCursorEntity.class, "ACCOUNT_ID = ?",
                day.fixture.accountId);
        assertThat(cursors).hasSize(1);
        assertThat(Instant.ofEpochMilli(cursors[0].getChangedSince())).isBetween(day.clock.instant().minusSeconds(60),
                day.clock.instant());

        String slug = day.fixture.accounts.repository(justSynced).orElseThrow().getSlug();
        day.clock.advance(Duration.ofMinutes(10));
        String hash = day.fixture.commit(slug, "main", "DEMO-6 pushed while no node ran the safety net");
        day.clock.advance(Duration.ofHours(3)); // nodes down: no run for three hours

        day.hour(day.safetyNet()::runOnce); // a new instance, as after a restart
        assertThat(day.ranLastHour).startsWith(justSynced);
        assertThat(day.fixture.devInfo.commitHashes(justSynced)).contains(hash);
    }

    @Test
    void aFailedListingLeavesTheCursorSoTheNextRunCoversTheGap() throws Exception {
        ChangedRepositories real = new ChangedRepositories(day.tokens, day.fixture.http, day.fixture.endpoints,
                day.budgets::forAccount);
        ChangedRepositories flaky = mock(ChangedRepositories.class);
        when(flaky.since(any(AccountEntity.class), any(Instant.class)))
                .thenAnswer(call -> real.since(call.getArgument(0), call.getArgument(1)))
                .thenThrow(new BitbucketException(503, "Service unavailable"))
                .thenAnswer(call -> real.since(call.getArgument(0), call.getArgument(1)));
        SafetyNetSync safetyNet = new SafetyNetSync(day.fixture.accounts, day.sync, flaky, day.budgets::forAccount,
                day.fixture.scheduler(), new org.dvcsconnector.testing.MapPluginSettings(day.settings), day.clock);
        day.hour(safetyNet::runOnce);
        long cursor = day.fixture.ao.find(SafetyNetCursorEntity.class, "ACCOUNT_ID = ?", day.fixture.accountId)[0]
                .getChangedSince();
        int justSynced = day.ranLastHour.get(day.ranLastHour.size() - 1);
        String slug = day.fixture.accounts.repository(justSynced).orElseThrow().getSlug();
        day.clock.advance(Duration.ofMinutes(10));
        String hash = day.fixture.commit(slug, "main", "DEMO-7 pushed before Bitbucket's listing failed");

        day.hour(safetyNet::runOnce); // the listing fails; the rotation still runs
        assertThat(day.ranLastHour).doesNotContain(justSynced).isNotEmpty();
        assertThat(day.fixture.ao.find(SafetyNetCursorEntity.class, "ACCOUNT_ID = ?", day.fixture.accountId)[0]
                .getChangedSince()).isEqualTo(cursor);

        day.hour(safetyNet::runOnce);
        assertThat(day.ranLastHour).startsWith(justSynced);
        assertThat(day.fixture.devInfo.commitHashes(justSynced)).contains(hash);
    }

    @Test
    void theListingCostsOneRequestPerHundredChangedRepositories() throws Exception {
        day.close();
        day = new IdleDay(150);
        day.syncAllInFull();
        SafetyNetSync safetyNet = day.safetyNet();
        String listing = "GET /2.0/repositories/{workspace}";
        long quiet = day.fixture.stats().path("byEndpoint").path(listing).asLong();
        day.hour(safetyNet::runOnce);
        assertThat(day.fixture.stats().path("byEndpoint").path(listing).asLong() - quiet).as("nothing changed").isEqualTo(1);

        for (int i = 1; i <= 150; i++) {
            day.fixture.commit(String.format("repo-%02d", i), "main", "DEMO-1 everyone pushes");
        }
        long before = day.fixture.stats().path("byEndpoint").path(listing).asLong();
        day.hour(safetyNet::runOnce);
        assertThat(day.fixture.stats().path("byEndpoint").path(listing).asLong() - before).isEqualTo(2);
        assertThat(day.ranLastHour).hasSize(150);
    }

    @Test
    void aRepositoryWaitingToSyncIsNotAskedAgainAndOneNotLinkedNever() throws Exception {
        SafetyNetSync safetyNet = day.safetyNet();
        var unlinked = day.fixture.accounts.repository(id("repo-02")).orElseThrow();
        unlinked.setLinked(false);
        unlinked.save();
        day.fixture.commit("repo-02", "main", "DEMO-8 in a repository no longer linked");
        day.sync.request(id("repo-03"), true); // a full sync asked for by an administrator, still queued
        day.fixture.scheduled.clear();
        day.fixture.commit("repo-03", "main", "DEMO-9 will be read by the queued full sync");

        day.clock.advance(Duration.ofHours(1));
        safetyNet.runOnce();
        assertThat(day.fixture.scheduled).noneMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id("repo-02") + " "))
                .noneMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id("repo-03") + " "));
        Map<Integer, SyncProgress> progress = day.sync.progress();
        assertThat(progress.get(id("repo-03")).type()).as("still the full sync asked for").isEqualTo(SyncKind.FULL);
    }
}
