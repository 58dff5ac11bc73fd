package org.dvcsconnector.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.refapp.settings.JdbcPluginSettingsStore;
import org.dvcsconnector.spi.SchedulerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDeletionTest {

    private static final String BASE = "http://jira.example.com";

    private AccountFixture fixture;
    private AdminNotices notices;
    private AccountDeletion deletion;

    @BeforeEach
    void start() throws Exception {
        fixture = new AccountFixture();
        notices = new AdminNotices(new JdbcPluginSettingsStore(fixture.database.dataSource()).forNamespace("test.plugin"));
        WebhookRemoval webhooks = new WebhookRemoval(fixture.tokenService(), fixture.http, fixture.endpoints, () -> BASE);
        deletion = new AccountDeletion(fixture.store, mock(SchedulerService.class), List.of(), webhooks, notices);
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
    void aWebhookThatCannotBeRemovedIsReportedAndDoesNotBlockTheDeletion() throws Exception {
        int id = fixture.linkPrivate();
        repository(id, "webapp");
        hook(fixture.tokenService().accessToken(id), "webapp", BASE + WebhookRemoval.RECEIVER_PATH + "/bitbucket");
        // The consumer's secret changed in Bitbucket: the plugin can no longer call it.
        fixture.control("/_sim/consumers", "{\"key\":\"demo-private\",\"secret\":\"rotated\",\"private\":true,"
                + "\"scopes\":[\"account\",\"repository\",\"pullrequest\",\"webhook\"]}");
        fixture.expire(id);

        deletion.request(id);
        deletion.run(id);

        assertThat(fixture.store.find(id)).isEmpty();
        assertThat(notices.list()).singleElement().asString()
                .contains("acme/webapp").contains("could not be removed").contains("Repository settings > Webhooks");
    }

    private void repository(int accountId, String slug) {
        fixture.ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", accountId, "SLUG", slug));
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
        BitbucketApi api = new BitbucketApi(fixture.http, fixture.endpoints.get(), fixture.tokenService().forAccount(admin));
        JsonNode page = api.get("/repositories/acme/" + slug + "/hooks", Map.of());
        return page.path("values").findValuesAsText("url");
    }
}
