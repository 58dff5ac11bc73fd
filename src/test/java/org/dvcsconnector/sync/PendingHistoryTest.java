package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The soft sync's cursor while a full sync's older history is still pending. The recent work stores every branch
 * head (the soft sync's cursor), including heads deep in history whose commits are not stored yet: what a stored
 * head reaches and is not stored is on the history's listing (from the heads it started with), so a soft sync in
 * between lists only what is new, and the two together miss and duplicate nothing.
 */
class PendingHistoryTest {

    private static final String SLUG = "repo-01";
    private static final String STALE = "support/DEMO-30-old";
    private SyncFixture fixture;
    private int id;

    @BeforeEach
    void start() throws Exception {
        fixture = new SyncFixture(1, 2_000, 10, 6);
        id = fixture.repositoryId(SLUG);
        // A branch that starts deep in the history: its head is on one of the last pages.
        fixture.branch(SLUG, STALE, fixture.remote(SLUG).commits().hashHex(50));
        // And one with nothing of its own, deleted later (a deleted branch's own commits would stay stored: no sync
        // removes commits).
        fixture.branch(SLUG, "release-9", "main");
        // Bitbucket unreachable after the recent work (branches, the newest page, open pull requests) and two pages.
        fixture.sync(fixture.breakingAfter(5)).run(id, true);
        SyncProgress cut = fixture.sync().progress().get(id);
        assertThat(cut.recentSynced()).isTrue();
        assertThat(cut.history().complete()).isFalse();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSoftSyncInBetweenBringsTheNewWorkAndTheHistoryTheRest() throws Exception {
        Map<String, String> heads = fixture.devInfo.branchHeads(id);
        Set<String> stored = fixture.devInfo.commitHashes(id);
        String stale = STALE;
        assertThat(heads).containsKey(stale);
        assertThat(stored).as("its head is not stored yet").doesNotContain(heads.get(stale));
        String onMain = fixture.commit(SLUG, "main", "DEMO-31 while the history is pending");
        String onStale = fixture.commit(SLUG, stale, "DEMO-32 on a branch whose history is not stored yet");
        fixture.branch(SLUG, "feature/DEMO-33-new", stale);
        fixture.control("/_sim/workspaces/gen/repositories/" + SLUG + "/branches/release-9", "{}", "DELETE");

        // The soft sync (3 requests) gets through; Bitbucket is gone again before the history's next page.
        fixture.sync(fixture.breakingAfter(3)).run(id, false);
        Set<String> afterSoft = fixture.devInfo.commitHashes(id);
        assertThat(afterSoft).contains(onMain, onStale);
        assertThat(afterSoft.size() - stored.size()).as("only the new commits").isEqualTo(2);
        assertThat(fixture.devInfo.branchHeads(id)).containsEntry(stale, onStale).containsEntry("main", onMain)
                .containsKey("feature/DEMO-33-new").doesNotContainKey("release-9");
        assertThat(fixture.sync().progress().get(id).history().complete()).isFalse();

        int before = fixture.apiRequests();
        fixture.sync().run(id, false);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        SyncProgress done = fixture.sync().progress().get(id);
        assertThat(done.state()).isEqualTo(SyncProgress.State.DONE);
        assertThat(done.history().complete()).isTrue();
        // A soft sync with nothing new (branches, pull requests), the history's remaining 17 pages, closed pull requests.
        assertThat(fixture.apiRequests() - before).isLessThanOrEqualTo(2 + 17 + 1 + 2);
    }

    @Test
    void aFullSyncAskedForWhileTheHistoryIsPendingStartsItAgainFromTheCurrentHeads() throws Exception {
        fixture.commit(SLUG, "main", "DEMO-34 before the full sync");
        fixture.sync().run(id, true);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(fixture.sync().progress().get(id).history().complete()).isTrue();
    }

    @Test
    void aStoredNextPageOnAnotherSiteIsNotFollowedAndTheListingStartsAgain() throws Exception {
        SyncStateEntity state = fixture.ao.find(SyncStateEntity.class, "REPOSITORY_ID = ?", id)[0];
        state.setHistoryNext("http://attacker.example/2.0/repositories/gen/repo-01/commits?page=x");
        state.save();
        fixture.sync().run(id, false);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(fixture.sync().progress().get(id).state()).isEqualTo(SyncProgress.State.DONE);
    }
}
