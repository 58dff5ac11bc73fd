package org.dvcsconnector.bitbucket.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.RecordedRequest;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token client against a real, standards-following OAuth 2.0 server (not Bitbucket's dialect). */
class OAuthTokenClientStandardTest {

    private static MockOAuth2Server server;
    private static BitbucketEndpoints endpoints;
    private final OAuthTokenClient client = new OAuthTokenClient(BitbucketHttp.newClient(), Clock.systemUTC());

    @BeforeAll
    static void start() {
        server = new MockOAuth2Server();
        server.start();
        endpoints = new BitbucketEndpoints("http://unused.example/2.0",
                server.authorizationEndpointUrl("bitbucket").toString(), server.tokenEndpointUrl("bitbucket").toString());
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    @Test
    void clientCredentialsAuthenticateWithHttpBasicAndReadTheStandardFields() throws Exception {
        Instant before = Instant.now();
        TokenGrant grant = client.clientCredentials(endpoints, "my-client", "my-secret");
        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.expiresAt()).isAfter(before);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("my-client:my-secret".getBytes()));
        assertThat(request.getBody().readUtf8()).contains("grant_type=client_credentials").doesNotContain("my-secret");
    }

    @Test
    void theAuthorizationCodeIsExchangedWithTheSameRedirectUriAndTheRefreshTokenWorks() throws Exception {
        String redirect = "http://localhost/callback";
        String authorize = OAuthTokenClient.authorizeUrl(endpoints, "my-client", "state-123", redirect);
        HttpUrl url = HttpUrl.get(authorize);
        assertThat(url.queryParameter("response_type")).isEqualTo("code");
        assertThat(url.queryParameter("state")).isEqualTo("state-123");
        // The mock server grants at once and redirects back with a code, as a consenting user would.
        OkHttpClient noRedirects = new OkHttpClient.Builder().followRedirects(false).build();
        String location;
        try (var response = noRedirects.newCall(new okhttp3.Request.Builder().url(url.newBuilder()
                .addQueryParameter("scope", "openid").build()).build()).execute()) {
            location = response.header("Location");
        }
        HttpUrl back = HttpUrl.get(location);
        assertThat(back.queryParameter("state")).isEqualTo("state-123");

        TokenGrant grant = client.authorizationCode(endpoints, "my-client", "my-secret", back.queryParameter("code"), redirect);
        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.refreshToken()).isNotBlank();

        TokenGrant refreshed = client.refresh(endpoints, "my-client", "my-secret", grant.refreshToken());
        assertThat(refreshed.accessToken()).isNotBlank();
    }

    @Test
    void anUnreachableServerIsReportedAsSuchNotAsARefusal() {
        BitbucketEndpoints nowhere = new BitbucketEndpoints("http://127.0.0.1:9/2.0", "http://127.0.0.1:9/a",
                "http://127.0.0.1:9/token");
        assertThatThrownBy(() -> client.clientCredentials(nowhere, "a", "b"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.isUnreachable()).isTrue();
                    assertThat(e.isInvalidClient()).isFalse();
                });
    }

    @Test
    void secretsAndTokensNeverAppearInToString() throws Exception {
        TokenGrant grant = client.clientCredentials(endpoints, "my-client", "my-secret");
        assertThat(grant.toString()).doesNotContain(grant.accessToken());
    }
}
