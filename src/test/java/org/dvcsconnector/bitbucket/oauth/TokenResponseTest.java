package org.dvcsconnector.bitbucket.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.dvcsconnector.account.AccountLinker;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.junit.jupiter.api.Test;

/** Token responses the plugin cannot use are refused with a reason before anything is stored. */
class TokenResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void todaysAndYesterdaysBitbucketAnswersAreBothRead() throws Exception {
        TokenGrant today = read("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":7200,"
                + "\"scope\":\"repository account webhook\"}");
        assertThat(today.scopes()).containsExactlyInAnyOrder("repository", "account", "webhook");
        assertThat(today.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(today.refreshToken()).isNull();

        TokenGrant before = read("{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":7200,"
                + "\"scopes\":\"repository account\",\"refresh_token\":\"r\"}");
        assertThat(before.scopes()).containsExactlyInAnyOrder("repository", "account");
        assertThat(before.refreshToken()).isEqualTo("r");

        TokenGrant both = read("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":60,"
                + "\"scope\":\"account repository\",\"scopes\":\"repository, account\"}");
        assertThat(both.scopes()).containsExactlyInAnyOrder("repository", "account");
    }

    @Test
    void noExpiresInIsTakenAsAShortLifetimeNotAnError() throws Exception {
        for (String expiresIn : new String[] {"", ",\"expires_in\":null", ",\"expires_in\":\"soon\"",
                ",\"expires_in\":-5", ",\"expires_in\":1.5"}) {
            TokenGrant grant = read("{\"access_token\":\"a\",\"scope\":\"account\"" + expiresIn + "}");
            assertThat(grant.expiresAt()).as(expiresIn).isEqualTo(NOW.plus(TokenResponse.ASSUMED_LIFETIME));
        }
        assertThat(TokenResponse.ASSUMED_LIFETIME).isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anUnknownTokenTypeIsRefused() {
        assertThatThrownBy(() -> read("{\"access_token\":\"a\",\"token_type\":\"mac\",\"scope\":\"account\"}"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.isInvalidResponse()).isTrue();
                    assertThat(e.description()).contains("\"mac\"").contains("Bearer").contains("Nothing was stored");
                });
    }

    @Test
    void scopeAndScopesThatDisagreeAreRefused() {
        assertThatThrownBy(() -> read("{\"access_token\":\"a\",\"scope\":\"account repository\","
                + "\"scopes\":\"account repository:admin\"}"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.description())
                        .contains("two different sets of permissions").contains("repository:admin"));
    }

    @Test
    void noScopeAtAllGivesAnEmptySetWhichLinkingRefusesSayingSo() throws Exception {
        for (String body : new String[] {"{\"access_token\":\"a\"}", "{\"access_token\":\"a\",\"scope\":\"\"}",
                "{\"access_token\":\"a\",\"scopes\":\"  \"}"}) {
            assertThat(read(body).scopes()).as(body).isEmpty();
        }
        assertThat(TokenResponse.NO_SCOPE_NAMED).startsWith("Bitbucket did not say which permissions it granted;");
    }

    @Test
    void noAccessTokenIsRefused() {
        assertThatThrownBy(() -> read("{\"token_type\":\"bearer\",\"scope\":\"account\"}"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.isInvalidResponse()).isTrue());
    }

    @Test
    void aRefusedAnswerTellsTheAdminWhyAndTheTokenIsNeverEchoed() throws Exception {
        try (MockWebServer bitbucket = new MockWebServer()) {
            bitbucket.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                    "{\"access_token\":\"secret-token\",\"token_type\":\"mac\",\"expires_in\":7200,\"scope\":\"account\"}"));
            BitbucketEndpoints endpoints = new BitbucketEndpoints(bitbucket.url("/2.0").toString(),
                    bitbucket.url("/site/oauth2/authorize").toString(), bitbucket.url("/site/oauth2/access_token").toString());
            OAuthTokenClient client = new OAuthTokenClient(BitbucketHttp.newClient(), java.time.Clock.systemUTC());

            assertThatThrownBy(() -> client.clientCredentials(endpoints, "key", "secret"))
                    .isInstanceOfSatisfying(OAuthException.class, e -> {
                        String shown = AccountLinker.explain(e).getMessage();
                        assertThat(shown).contains("type \"mac\"").doesNotContain("secret-token");
                    });
            assertThat(bitbucket.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/site/oauth2/access_token");
        }
    }

    private static TokenGrant read(String json) throws Exception {
        return TokenResponse.read(JSON.readTree(json), NOW);
    }
}
