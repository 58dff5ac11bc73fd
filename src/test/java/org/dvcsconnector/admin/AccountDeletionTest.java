package org.dvcsconnector.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dvcsconnector.account.AccountFixture;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.RepositoryWriters;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.refapp.settings.JdbcPluginSettingsStore;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.webhook.WebhookRemoval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDeletionTest {

    private static final String BASE = "http://jira.example.com";

    private AccountFixture fixture;
    private AdminNotices notices;
    private AccountDeletion deletion;
    private final SchedulerService scheduler = mock(SchedulerService.class);
    /** Repositories whose visibility changed, in order. */
    private final List<Integer> unlinked = new CopyOnWriteArrayList<>();
    /** Repositories whose data the cleaner was asked to delete, each with whether all were unlinked by then. */
    private final Map<Integer, Boolean> cleaned = new ConcurrentHashMap<>();
    /** Repositories the job got to itself (no sync writing them). */
    private final List<Integer> idle = new CopyOnWriteArrayList<>();
    /** Repositories a sync is still writing. */
    private final java.util.Set<Integer> busy = ConcurrentHashMap.newKeySet();
    private final RepositoryWriters writers = (repositoryId, wait, work) -> {
        if (busy.contains(repositoryId)) {
            return false;
        }
        idle.add(repositoryId);
        work.run();
        return true;
    };
    private final RepositoryDataCleaner cleaner = new RepositoryDataCleaner() {
        @Override
        public int remaining(RepositoryEntity repository) {
            return 0;
        }

        @Override
        public int deleteBatch(RepositoryEntity repository, int limit) {
            boolean allUnlinked = fixture.store.repositories(repository.getAccountId()).stream().noneMatch(RepositoryEntity::isLinked);
            cleaned.putIfAbsent(repository.getID(), allUnlinked && idle.contains(repository.getID()));
            return 0;
        }
    };

    @BeforeEach
    void start() throws Exception {
        fixture = new AccountFixture();
        notices = new AdminNotices(new JdbcPluginSettingsStore(fixture.database.dataSource()).forNamespace("test.plugin"));
        WebhookRemoval webhooks = new WebhookRemoval(fixture.tokenService(), fixture.http, fixture.endpoints, () -> BASE);
        deletion = new AccountDeletion(fixture.store, scheduler, List.of(cleaner), webhooks, notices, unlinked::add,
                writers, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void deletesTheAccountItsRepositoriesAndOnlyThisSitesWebhooks() throws Exception {
        int id = fixture.linkPrivate();
        repository(id, "webapp");
        repository(id, "api");
        String token = fixture.tokenService().accessToken(id);
        hook(token, "webapp", BASE + WebhookRemoval.RECEIVER_PATH + "/bitbucket");
        hook(token, "webapp", "https://ci.example.com/hook");
        hook(token, "api", BASE + WebhookRemoval.RECEIVER_PATH + "/bitbucket");

        assertThat(deletion.request(id)).isTrue();
        assertThat(fixture.store.find(id).orElseThrow().getStatus()).isEqualTo(AccountStatus.DELETING.name());
        deletion.run(id);

        assertThat(fixture.store.find(id)).isEmpty();
        assertThat(fixture.store.repositories(id)).isEmpty();
        assertThat(hookUrls("webapp")).containsExactly("https://ci.example.com/hook");
        assertThat(hookUrls("api")).isEmpty();
        assertThat(notices.list()).isEmpty();
    }

    @Test
    void everyRepositoryIsUnlinkedBeforeAnyDataIsDeletedAndEachIsDeletedWithNoSyncWritingIt() throws Exception {
        int id = fixture.linkPrivate();
        int webapp = repository(id, "webapp", true);
        int api = repository(id, "api", true);
        int unlinkedBefore = repository(id, "docs", false);

        deletion.request(id);
        deletion.run(id);

        // Issues stop showing the account's data at once, not batch by batch as it goes.
        assertThat(unlinked).containsExactlyInAnyOrder(webapp, api);
        assertThat(cleaned).containsOnlyKeys(webapp, api, unlinkedBefore).doesNotContainValue(false);
        assertThat(fixture.store.find(id)).isEmpty();
    }

    @Test
    void aRepositoryStillBeingWrittenPutsTheRestOffUntilLaterAndLosesNothing() throws Exception {
        int id = fixture.linkPrivate();
        int webapp = repository(id, "webapp", true);
        deletion.request(id);
        busy.add(webapp); // a sync that has not reached its next page yet

        deletion.run(id);

        assertThat(fixture.store.find(id).orElseThrow().getStatus()).isEqualTo(AccountStatus.DELETING.name());
        assertThat(fixture.store.repository(webapp)).isPresent();
        assertThat(fixture.store.repository(webapp).orElseThrow().isLinked()).as("unlinked: the sync stops").isFalse();
        assertThat(cleaned).isEmpty();
        verify(scheduler).scheduleJob(eq(AccountDeletion.RUNNER + "." + id),
                argThat(job -> job.schedule() instanceof org.dvcsconnector.spi.JobSchedule.Once once
                        && once.at().isAfter(java.time.Instant.now().plusSeconds(20))));

        busy.clear();
        deletion.run(id); // the job again, later
        assertThat(fixture.store.find(id)).isEmpty();
        assertThat(fixture.store.repository(webapp)).isEmpty();
    }

    @Test
    void aWebhookThatCannotBeRemovedIsReportedAndDoesNotBlockTheDeletion() throws Exception {
        int id = fixture.linkPrivate();
        repository(id, "webapp");
        int api = repository(id, "api", true);
        String token = fixture.tokenService().accessToken(id);
        hook(token, "webapp", BASE + WebhookRemoval.RECEIVER_PATH + "/bitbucket");
        hook(token, "api", BASE + WebhookRemoval.RECEIVER_PATH + "/bitbucket");
        // The consumer's secret changed in Bitbucket: the plugin can no longer call it.
        fixture.control("/_sim/consumers", "{\"key\":\"demo-private\",\"secret\":\"rotated\",\"private\":true,"
                + "\"scopes\":[\"account\",\"repository\",\"pullrequest\",\"webhook\"]}");
        fixture.expire(id);

        deletion.request(id);
        busy.add(api); // put off at api: webapp is done, the job runs again later
        deletion.run(id);
        // Bitbucket refused the credentials, yet the account is still being deleted, not waiting for new ones.
        assertThat(fixture.store.find(id).orElseThrow().getStatus()).isEqualTo(AccountStatus.DELETING.name());
        busy.clear();
        deletion.run(id);

        assertThat(fixture.store.find(id)).isEmpty();
        assertThat(notices.list()).hasSize(2).allSatisfy(notice -> assertThat(notice).contains("could not be removed")
                .contains("Repository settings > Webhooks"));
        assertThat(notices.list()).anySatisfy(n -> assertThat(n).contains("acme/webapp"))
                .anySatisfy(n -> assertThat(n).contains("acme/api"));
    }

    private void repository(int accountId, String slug) {
        repository(accountId, slug, false);
    }

    private int repository(int accountId, String slug, boolean linked) {
        RepositoryEntity repository = fixture.ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", accountId, "SLUG", slug));
        repository.setLinked(linked);
        repository.save();
        return repository.getID();
    }

    private void hook(String token, String slug, String url) throws Exception {
        Request request = new Request.Builder()
                .url(fixture.simulator.baseUrl() + "/2.0/repositories/acme/" + slug + "/hooks")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create("{\"description\":\"t\",\"url\":\"" + url + "\",\"active\":true,"
                        + "\"events\":[\"repo:push\"]}", MediaType.get("application/json")))
                .build();
        try (Response response = fixture.http.newCall(request).execute()) {
            assertThat(response.code()).as(response.body().string()).isBetween(200, 201);
        }
    }

    private List<String> hookUrls(String slug) throws Exception {
        int admin = fixture.linkPrivateAgain();
        BitbucketApi api = new BitbucketApi(
                BitbucketHttp.forAccount(fixture.http, fixture.tokenService().forAccount(admin)), fixture.endpoints.get());
        JsonNode page = api.get("/repositories/acme/" + slug + "/hooks", Map.of());
        return page.path("values").findValuesAsText("url");
    }
}
