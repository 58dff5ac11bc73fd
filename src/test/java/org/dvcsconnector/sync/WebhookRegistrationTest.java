package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import okhttp3.Request;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.refapp.simulator.model.Hook;
import org.dvcsconnector.webhook.WebhookRegistration;
import org.junit.jupiter.api.Test;

/** Registering the repository's webhook on Bitbucket: once, signed, with the admin told when it is refused. */
class WebhookRegistrationTest extends WebhookTestBase {

    @Test
    void theFirstSyncRegistersOneSignedHookAndLaterSyncsDoNotAddAnother() throws Exception {
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        assertThat(repository.getHookUuid()).isNotBlank();
        String secret = fixture.secrets.open(repository.getHookSecretEncrypted());
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(repository.getHookSecretEncrypted()).doesNotContain(secret);
        var hooks = fixture.remote(SLUG).hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).url()).endsWith("/rest/dvcs/1.0/webhooks/bitbucket");
        assertThat(hooks.get(0).events()).containsExactlyInAnyOrder("repo:push", "pullrequest:created",
                "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:approved",
                "pullrequest:unapproved", "pullrequest:changes_request_created");

        sync.run(id, false);
        assertThat(fixture.remote(SLUG).hooks()).hasSize(1);
        assertThat(fixture.accounts.repository(id).orElseThrow().getHookUuid()).isEqualTo(repository.getHookUuid());
    }

    @Test
    void aRefusedRegistrationIsShownToTheAdminWithTheFixAndClearedOnceItWorks() throws Exception {
        AccountEntity account = fixture.accounts.find(fixture.accountId).orElseThrow();
        registration.remove(account, fixture.accounts.repository(id).orElseThrow());
        okhttp3.OkHttpClient refusing = fixture.http.newBuilder().addInterceptor(chain -> {
            Request request = chain.request();
            if (request.method().equals("POST") && request.url().encodedPath().endsWith("/hooks")) {
                return new okhttp3.Response.Builder().request(request).protocol(okhttp3.Protocol.HTTP_1_1).code(403)
                        .message("Forbidden").body(okhttp3.ResponseBody.create(
                                "{\"type\":\"error\",\"error\":{\"message\":\"Your credentials lack one or more required privilege scopes.\"}}",
                                okhttp3.MediaType.get("application/json"))).build();
            }
            return chain.proceed(request);
        }).build();
        WebhookRegistration failing = new WebhookRegistration(fixture.accounts, fixture.secrets, fixture.tokens,
                refusing, fixture.endpoints, () -> "http://localhost:1");

        failing.ensureRegistered(account, fixture.accounts.repository(id).orElseThrow());

        RepositoryEntity refused = fixture.accounts.repository(id).orElseThrow();
        assertThat(refused.getHookUuid()).isNull();
        assertThat(refused.getHookError()).contains("HTTP 403").contains("lack one or more required privilege scopes")
                .contains("Webhooks: Read and write");
        assertThat(fixture.remote(SLUG).hooks()).isEmpty();

        registration.ensureRegistered(account, refused);
        RepositoryEntity registered = fixture.accounts.repository(id).orElseThrow();
        assertThat(registered.getHookUuid()).isNotBlank();
        assertThat(registered.getHookError()).isNull();
    }

    @Test
    void aStaleHookOfOursIsReplacedAndUnlinkingRemovesTheHook() throws Exception {
        AccountEntity account = fixture.accounts.find(fixture.accountId).orElseThrow();
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        String first = repository.getHookUuid();
        repository.setHookUuid(null); // as if our row was lost while the hook stayed on Bitbucket
        repository.save();
        registration.ensureRegistered(account, fixture.accounts.repository(id).orElseThrow());
        var hooks = fixture.remote(SLUG).hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).uuid()).isNotEqualTo(first);

        registration.remove(account, fixture.accounts.repository(id).orElseThrow());
        assertThat(fixture.remote(SLUG).hooks()).isEmpty();
        assertThat(fixture.accounts.repository(id).orElseThrow().getHookUuid()).isNull();
        assertThat(fixture.accounts.repository(id).orElseThrow().getHookSecretEncrypted()).isNull();
    }

    @Test
    void aHookRegisteredForFewerEventsByAnOlderVersionIsUpdatedInPlaceKeepingItsSecret() throws Exception {
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        var hooks = fixture.remote(SLUG).hooks();
        var registered = hooks.get(0);
        // As an older version left it: no changes-requested event, and no event list stored on our row.
        hooks.set(0, new Hook(registered.uuid(), registered.url(), registered.description(), registered.active(),
                registered.secret(), List.of("repo:push", "pullrequest:created"), registered.createdAt()));
        repository.setHookEvents(null);
        repository.save();

        sync.run(id, false);

        var updated = fixture.remote(SLUG).hooks();
        assertThat(updated).hasSize(1);
        assertThat(updated.get(0).uuid()).isEqualTo(registered.uuid());
        assertThat(updated.get(0).secret()).isEqualTo(registered.secret());
        assertThat(updated.get(0).events()).containsExactlyInAnyOrderElementsOf(registered.events());
        RepositoryEntity after = fixture.accounts.repository(id).orElseThrow();
        assertThat(after.getHookUuid()).isEqualTo(repository.getHookUuid());
        assertThat(after.getHookEvents()).contains("pullrequest:changes_request_created");

        int hookCalls = hookCalls();
        sync.run(id, false);
        assertThat(hookCalls()).as("no hook call once its events are up to date").isEqualTo(hookCalls);
    }

    private int hookCalls() throws Exception {
        int[] calls = {0};
        fixture.stats().path("byEndpoint").fields().forEachRemaining(e -> {
            if (e.getKey().contains("/hooks")) {
                calls[0] += e.getValue().asInt();
            }
        });
        return calls[0];
    }

    @Test
    void aHookGoneFromBitbucketWhileItsEventsWereOutOfDateIsRegisteredAnew() throws Exception {
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        String first = repository.getHookUuid();
        fixture.remote(SLUG).hooks().clear();
        repository.setHookEvents(null);
        repository.save();

        sync.run(id, false);

        var hooks = fixture.remote(SLUG).hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).uuid()).isNotEqualTo(first);
        RepositoryEntity after = fixture.accounts.repository(id).orElseThrow();
        assertThat(after.getHookUuid()).isEqualTo(hooks.get(0).uuid());
        assertThat(after.getHookError()).isNull();
    }
}
