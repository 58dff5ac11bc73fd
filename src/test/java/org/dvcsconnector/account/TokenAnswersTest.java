package org.dvcsconnector.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.bitbucket.oauth.TokenResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's token answers, altered on the way as a misbehaving Bitbucket might send them: each gives a clear
 * account state, and nothing is stored half-way.
 */
class TokenAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountFixture fixture;
    private UnaryOperator<ObjectNode> alter = UnaryOperator.identity();

    @BeforeEach
    void start() throws Exception {
        fixture = new AccountFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void linkingWithAnAnswerThatNamesNoPermissionStoresNothingAndSaysWhy() {
        alter = token -> {
            token.remove("scope");
            token.remove("scopes");
            return token;
        };
        AccountLinker linker = new AccountLinker(fixture.store, fixture.secrets, alteredClient(), fixture.http,
                fixture.endpoints, Clock.systemUTC());

        assertThatThrownBy(() -> linker.linkPrivate(new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, "acme",
                "demo-private", "demo-private-secret", ConsumerType.PRIVATE, true, true)))
                .isInstanceOf(LinkFailure.class).hasMessage(TokenResponse.NO_SCOPE_NAMED);
        assertThat(fixture.store.all()).as("no account stored").isEmpty();
    }

    @Test
    void linkingWithAnUnknownTokenTypeStoresNothingAndSaysWhy() {
        alter = token -> token.put("token_type", "mac");
        AccountLinker linker = new AccountLinker(fixture.store, fixture.secrets, alteredClient(), fixture.http,
                fixture.endpoints, Clock.systemUTC());

        assertThatThrownBy(() -> linker.linkPrivate(new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, "acme",
                "demo-private", "demo-private-secret", ConsumerType.PRIVATE, true, true)))
                .isInstanceOf(LinkFailure.class).hasMessageContaining("type \"mac\"");
        assertThat(fixture.store.all()).isEmpty();
    }

    @Test
    void aRenewalWhoseScopeAndScopesDisagreeFailsThatUseAndLeavesTheAccountAsItWas() throws Exception {
        int id = fixture.linkPrivate();
        AccountEntity before = fixture.store.find(id).orElseThrow();
        String scopes = before.getScopes();
        fixture.expire(id);
        alter = token -> token.put("scope", "account").put("scopes", "account repository");
        TokenService tokens = new TokenService(fixture.store, fixture.secrets, alteredClient(), fixture.locks,
                fixture.endpoints, Clock.systemUTC());

        assertThatThrownBy(() -> tokens.accessToken(id)).isInstanceOf(BitbucketException.class)
                .hasMessageContaining("could not be used").hasMessageContaining("two different sets of permissions");
        AccountEntity after = fixture.store.find(id).orElseThrow();
        assertThat(after.getStatus()).as("a transient answer, not a revocation").isEqualTo(AccountStatus.ACTIVE.name());
        assertThat(after.getTokenVersion()).isEqualTo(before.getTokenVersion());
        assertThat(after.getScopes()).isEqualTo(scopes);
    }

    @Test
    void aRenewalThatNamesNoPermissionKeepsThePermissionsStoredAtLinking() throws Exception {
        int id = fixture.linkPrivate();
        String scopes = fixture.store.find(id).orElseThrow().getScopes();
        fixture.expire(id);
        alter = token -> {
            token.remove("scope");
            token.remove("scopes");
            token.remove("expires_in");
            return token;
        };
        TokenService tokens = new TokenService(fixture.store, fixture.secrets, alteredClient(), fixture.locks,
                fixture.endpoints, Clock.systemUTC());

        assertThat(tokens.accessToken(id)).isNotBlank();
        AccountEntity after = fixture.store.find(id).orElseThrow();
        assertThat(after.getScopes()).isNotBlank().isEqualTo(scopes);
        assertThat(after.getTokenExpiresAt()).as("no expires_in: renewed within minutes")
                .isLessThanOrEqualTo(System.currentTimeMillis() + TokenResponse.ASSUMED_LIFETIME.toMillis());
    }

    /** A token client whose successful token answers pass through {@link #alter} first. */
    private OAuthTokenClient alteredClient() {
        OkHttpClient http = fixture.http.newBuilder().addInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            if (!response.isSuccessful() || !chain.request().url().encodedPath().endsWith("/access_token")) {
                return response;
            }
            ObjectNode token = (ObjectNode) JSON.readTree(response.body().string());
            return response.newBuilder().body(ResponseBody.create(JSON.writeValueAsString(alter.apply(token)),
                    MediaType.get("application/json"))).build();
        }).build();
        return new OAuthTokenClient(http, Clock.systemUTC());
    }
}
