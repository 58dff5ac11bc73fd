package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.java.ao.Query;
import net.java.ao.RawEntity;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.RepositoryWriters;
import org.dvcsconnector.admin.AccountDeletion;
import org.dvcsconnector.admin.AdminNotices;
import org.dvcsconnector.devinfo.BranchEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.devinfo.DevInfoCleaner;
import org.dvcsconnector.devinfo.IssueLinkEntity;
import org.dvcsconnector.devinfo.IssueSummaryEntity;
import org.dvcsconnector.refapp.settings.JdbcPluginSettingsStore;
import org.dvcsconnector.sync.SyncRunEntity;
import org.dvcsconnector.webhook.WebhookRemoval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sync that is no longer wanted stops at its next page: unlinking its repository or deleting its account does
 * not wait for a full sync of a large repository, and a deletion never races a sync still writing.
 */
class StoppingSyncsTest {

    private static final String SLUG = "repo-01";
    private static final int COMMITS = 3000;

    private SyncFixture fixture;
    private int id;

    @BeforeEach
    void start() throws Exception {
        fixture = new SyncFixture(1, COMMITS, 4, 3);
        id = fixture.repositoryId(SLUG);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void unlinkingARepositoryStopsItsFullSyncAtTheNextPageAndLinkingItAgainSyncsItAll() throws Exception {
        AtomicInteger commitPages = new AtomicInteger();
        OkHttpClient client = fixture.http.newBuilder().addInterceptor(chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            if (isCommitPage(chain.request()) && commitPages.incrementAndGet() == 2) {
                // The administrator, on another thread (or node), while the sync is between pages.
                CompletableFuture.runAsync(() -> setLinked(false)).join();
            }
            return response;
        }).build();
        int before = fixture.apiRequests();

        fixture.sync(client).run(id, true);

        SyncProgress progress = fixture.sync().progress().get(id);
        assertThat(progress.state()).isEqualTo(SyncProgress.State.STOPPED);
        assertThat(progress.error()).isEqualTo("The repository was unlinked; link it again to sync it.");
        assertThat(commitPages.get()).as("no commit page after the one during which it was unlinked").isEqualTo(2);
        assertThat(fixture.apiRequests() - before).isLessThan(10);
        assertThat(count(CommitEntity.class)).isPositive().isLessThan(COMMITS);
        SyncRunEntity audit = lastRun();
        assertThat(audit.getError()).isEqualTo("Stopped. The repository was unlinked; link it again to sync it.");

        setLinked(true);
        fixture.sync().run(id, false); // no baseline yet: runs in full
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(fixture.sync().progress().get(id).state()).isEqualTo(SyncProgress.State.DONE);
    }

    @Test
    void deletingTheAccountWhileItsRepositoryIsSyncingLeavesNoRowBehind() throws Exception {
        CountDownLatch midSync = new CountDownLatch(1);
        CountDownLatch deletionWaits = new CountDownLatch(1);
        AtomicInteger commitPages = new AtomicInteger();
        OkHttpClient client = fixture.http.newBuilder().addInterceptor(chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            if (isCommitPage(chain.request()) && commitPages.incrementAndGet() == 1) {
                midSync.countDown();
                try { // the page is stored only once the deletion has started waiting for the repository
                    deletionWaits.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return response;
        }).build();
        RepositorySync sync = fixture.sync(client);
        RepositoryWriters writers = (repositoryId, wait, work) -> {
            deletionWaits.countDown();
            return sync.whileIdle(repositoryId, wait, work);
        };
        AccountDeletion deletion = new AccountDeletion(fixture.accounts, fixture.scheduler(),
                List.of(new DevInfoCleaner(fixture.devInfo), new SyncStateCleaner(fixture.devInfo.db())),
                new WebhookRemoval(fixture.tokens, fixture.http, fixture.endpoints, () -> "http://jira.example.com"),
                new AdminNotices(new JdbcPluginSettingsStore(fixture.database.dataSource()).forNamespace("test")),
                fixture.devInfo.writer()::repositoryVisibilityChanged, writers, Clock.systemUTC());

        CompletableFuture<Void> syncing = CompletableFuture.runAsync(() -> sync.run(id, true));
        assertThat(midSync.await(20, TimeUnit.SECONDS)).isTrue();
        deletion.register();
        deletion.request(fixture.accountId);
        fixture.runners.get(AccountDeletion.RUNNER).runJob("the queued job", Map.of("accountId", Integer.toString(fixture.accountId)));
        syncing.get(30, TimeUnit.SECONDS);

        assertThat(commitPages.get()).as("the sync stopped after the page it was on, not at its end").isEqualTo(1);
        assertThat(fixture.accounts.find(fixture.accountId)).isEmpty();
        assertThat(fixture.accounts.repository(id)).isEmpty();
        for (Class<? extends RawEntity<?>> table : List.of(CommitEntity.class, BranchEntity.class,
                IssueLinkEntity.class, IssueSummaryEntity.class, SyncRunEntity.class, SyncStateEntity.class)) {
            assertThat(count(table)).as(table.getSimpleName() + " rows of the deleted repository").isZero();
        }
        assertThat(fixture.scheduled).as("queued once by the request, not again to wait for the sync")
                .filteredOn(job -> job.startsWith(AccountDeletion.RUNNER)).hasSize(1);
    }

    @Test
    void aQueuedSyncOfARepositoryUnlinkedMeanwhileSaysWhyItDidNotRun() throws Exception {
        RepositorySync sync = fixture.sync();
        sync.request(id, false);
        assertThat(sync.progress().get(id).state()).isEqualTo(SyncProgress.State.QUEUED);
        setLinked(false);

        sync.run(id, false);

        SyncProgress progress = sync.progress().get(id);
        assertThat(progress.state()).isEqualTo(SyncProgress.State.STOPPED);
        assertThat(progress.error()).isEqualTo("The repository was unlinked; link it again to sync it.");
        assertThat(count(CommitEntity.class)).isZero();
    }

    private static boolean isCommitPage(okhttp3.Request request) {
        return request.url().encodedPath().endsWith("/repositories/" + SyncFixture.WORKSPACE + "/" + SLUG + "/commits");
    }

    private void setLinked(boolean linked) {
        fixture.accounts.inTransaction(() -> {
            RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
            repository.setLinked(linked);
            repository.save();
            return null;
        });
    }

    private int count(Class<? extends RawEntity<?>> table) {
        return fixture.devInfo.count(table, id);
    }

    private SyncRunEntity lastRun() {
        return fixture.ao.find(SyncRunEntity.class, Query.select().where("REPOSITORY_ID = ?", id).order("ID DESC")
                .limit(1))[0];
    }
}
