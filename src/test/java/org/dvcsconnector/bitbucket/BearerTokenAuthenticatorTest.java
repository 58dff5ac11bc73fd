package org.dvcsconnector.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Authenticator;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {

    private static final String REFUSED = "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired.\"}}";

    private MockWebServer server;
    private final OkHttpClient base = BitbucketHttp.newClient(duration -> { });
    private final RenewingTokens tokens = new RenewingTokens();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheRequestSentAgainWithTheNewOne() throws Exception {
        server.enqueue(refused());
        server.enqueue(new MockResponse().setBody("{\"ok\":true}"));

        assertThat(api(tokens).get("/user", Map.of()).path("ok").asBoolean()).isTrue();

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(authorizations()).containsExactly("Bearer t1", "Bearer t2");
        assertThat(tokens.refused).containsExactly("t1");
    }

    @Test
    void aSecondRefusalReachesTheCallerAsA401WithoutAThirdRequest() throws Exception {
        server.enqueue(refused());
        server.enqueue(refused());

        assertThatThrownBy(() -> api(tokens).get("/user", Map.of()))
                .isInstanceOfSatisfying(BitbucketException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessage("GET /2.0/user failed with HTTP 401: Access token expired.");

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(tokens.refused).containsExactly("t1");
    }

    @Test
    void aTokenThatCannotBeRenewedIsNotSentAgain() {
        server.enqueue(refused());
        AccessTokenSource fixed = new AccessTokenSource() {
            @Override
            public String accessToken() {
                return "granted";
            }

            @Override
            public void invalidate(String token) {
            }
        };

        assertThatThrownBy(() -> api(fixed).get("/user", Map.of()))
                .isInstanceOfSatisfying(BitbucketException.class, e -> assertThat(e.status()).isEqualTo(401));

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void postsAndDeletesAreSentAgainWhole() throws Exception {
        server.enqueue(refused());
        server.enqueue(new MockResponse().setBody("{\"uuid\":\"{1}\"}"));
        server.enqueue(refused());
        server.enqueue(new MockResponse().setResponseCode(204));

        BitbucketApi api = api(tokens);
        assertThat(api.post("/hooks", Map.of("url", "https://jira.example.com")).path("uuid").asText()).isEqualTo("{1}");
        api.delete("/hooks/1");

        List<RecordedRequest> sent = taken();
        assertThat(sent).extracting(RecordedRequest::getMethod).containsExactly("POST", "POST", "DELETE", "DELETE");
        assertThat(sent.get(1).getBody().readUtf8()).isEqualTo("{\"url\":\"https://jira.example.com\"}");
        assertThat(sent).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer t1", "Bearer t2", "Bearer t2", "Bearer t3");
    }

    @Test
    void theFormPostOfTheCommitListingIsRenewedTheSameWay() throws Exception {
        server.enqueue(refused());
        server.enqueue(new MockResponse().setBody("{\"values\":[]}"));
        List<String> pages = new ArrayList<>();

        new FormPostPager(BitbucketHttp.forAccount(base, tokens)).forEachPage(server.url("/2.0/commits"),
                new FormBody.Builder().add("exclude", "main").build(), page -> pages.add(page.toString()));

        assertThat(pages).containsExactly("{\"values\":[]}");
        List<RecordedRequest> sent = taken();
        assertThat(sent).extracting(r -> r.getHeader("Authorization")).containsExactly("Bearer t1", "Bearer t2");
        assertThat(sent.get(1).getBody().readUtf8()).isEqualTo("exclude=main");
    }

    @Test
    void theTokenIsSentInTheAuthorizationHeaderOnly() throws Exception {
        server.enqueue(refused());
        server.enqueue(new MockResponse().setBody("{}"));
        server.enqueue(new MockResponse().setBody("{}"));
        server.enqueue(new MockResponse().setBody("{}"));

        BitbucketApi api = api(tokens);
        api.get("/repositories/acme", Map.of("pagelen", "100"));
        api.post("/hooks", Map.of("description", "DVCS Connector"));
        new FormPostPager(BitbucketHttp.forAccount(base, tokens)).forEachPage(server.url("/2.0/commits"),
                new FormBody.Builder().add("include", "main").build(), page -> true);

        for (RecordedRequest request : taken()) {
            String token = request.getHeader("Authorization").substring("Bearer ".length());
            assertThat(token).startsWith("t");
            assertThat(request.getRequestUrl().toString()).doesNotContain(token).doesNotContain("access_token");
            assertThat(request.getBody().readUtf8()).doesNotContain(token).doesNotContain("access_token");
        }
    }

    @Test
    void theRequestSentAgainIsChargedToTheBudget() throws Exception {
        CountingBudget budget = new CountingBudget(10);
        server.enqueue(refused());
        server.enqueue(new MockResponse().setBody("{}"));

        api(BitbucketHttp.forAccount(base, tokens, budget)).get("/user", Map.of());

        assertThat(budget.taken.get()).isEqualTo(2);
    }

    @Test
    void aBudgetSpentByTheRefusedRequestPausesTheWorkBeforeTheRenewedOneIsSent() {
        CountingBudget budget = new CountingBudget(1);
        server.enqueue(refused());

        assertThatThrownBy(() -> api(BitbucketHttp.forAccount(base, tokens, budget)).get("/user", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.isOwnBudget()).isTrue());

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aServerErrorAfterTheRenewalIsRetriedWithTheNewTokenAndARefusalThenEndsTheCall() throws Exception {
        server.enqueue(refused());
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("{}"));
        server.enqueue(refused());
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(refused());

        BitbucketApi api = api(tokens);
        api.get("/user", Map.of());
        assertThatThrownBy(() -> api.get("/user", Map.of()))
                .isInstanceOfSatisfying(BitbucketException.class, e -> assertThat(e.status()).isEqualTo(401));

        assertThat(authorizations()).containsExactly("Bearer t1", "Bearer t2", "Bearer t2",
                "Bearer t2", "Bearer t3", "Bearer t3");
        assertThat(tokens.refused).containsExactly("t1", "t2");
        assertThat(tokens.given).as("a token for each call and each renewal, none for a retry").isEqualTo(4);
    }

    @Test
    void aTokenSourceThatFailsIsReportedInItsOwnWordsAndNotRetried() {
        server.enqueue(refused());
        tokens.failAfter = 1;

        assertThatThrownBy(() -> api(tokens).get("/user", Map.of()))
                .isInstanceOf(BitbucketException.class).hasMessage("Bitbucket refused to renew the access token: revoked");
        assertThat(server.getRequestCount()).as("the refused request, nothing after the failed renewal").isEqualTo(1);

        tokens.failAfter = 0;
        assertThatThrownBy(() -> api(tokens).get("/user", Map.of()))
                .isInstanceOf(BitbucketException.class).hasMessage("Bitbucket refused to renew the access token: revoked");
        assertThat(server.getRequestCount()).as("nothing sent without a token").isEqualTo(1);
    }

    @Test
    void theBaseClientStaysPlainForTheTokenEndpoint() {
        OkHttpClient account = BitbucketHttp.forAccount(base, tokens);

        assertThat(base.authenticator()).isSameAs(Authenticator.NONE);
        assertThat(base.interceptors()).hasSize(1);
        assertThat(account.authenticator()).isInstanceOf(BearerTokenAuthenticator.class);
        assertThatThrownBy(() -> BitbucketHttp.forAccount(account, tokens)).isInstanceOf(IllegalArgumentException.class);
    }

    private BitbucketApi api(AccessTokenSource source) {
        return api(BitbucketHttp.forAccount(base, source));
    }

    private BitbucketApi api(OkHttpClient http) {
        return new BitbucketApi(http, new BitbucketEndpoints(server.url("/2.0").toString(), "x", "y"));
    }

    private static MockResponse refused() {
        return new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", "Bearer realm=\"Bitbucket.org API\"")
                .setBody(REFUSED);
    }

    private List<RecordedRequest> taken() throws InterruptedException {
        List<RecordedRequest> sent = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null; ) {
            sent.add(r);
        }
        return sent;
    }

    private List<String> authorizations() throws InterruptedException {
        return taken().stream().map(r -> r.getHeader("Authorization")).toList();
    }

    /** Hands out t1, then t2 once t1 is refused, and so on; fails from its {@code failAfter}-th token on. */
    private static final class RenewingTokens implements AccessTokenSource {
        final List<String> refused = new ArrayList<>();
        int issued = 1;
        int given;
        int failAfter = Integer.MAX_VALUE;

        @Override
        public String accessToken() throws BitbucketException {
            if (given++ >= failAfter) {
                throw new BitbucketException(400, "Bitbucket refused to renew the access token: revoked");
            }
            return "t" + issued;
        }

        @Override
        public void invalidate(String token) {
            refused.add(token);
            if (token.equals("t" + issued)) {
                issued++;
            }
        }
    }

    private static final class CountingBudget implements RequestBudget {
        final AtomicInteger taken = new AtomicInteger();
        private final int size;

        CountingBudget(int size) {
            this.size = size;
        }

        @Override
        public Optional<Instant> take() {
            return taken.incrementAndGet() <= size ? Optional.empty() : Optional.of(Instant.now().plusSeconds(3600));
        }

        @Override
        public int perHour() {
            return size;
        }
    }
}
