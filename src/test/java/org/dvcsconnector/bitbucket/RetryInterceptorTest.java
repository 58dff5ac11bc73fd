package org.dvcsconnector.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {

    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private OkHttpClient http;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        http = BitbucketHttp.newClient(slept::add);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private BitbucketApi api() {
        return new BitbucketApi(BitbucketHttp.forAccount(http, new AccessTokenSource() {
            @Override
            public String accessToken() {
                return "token";
            }

            @Override
            public void invalidate(String token) {
            }
        }), new BitbucketEndpoints(server.url("/2.0").toString(), "x", "y"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(502));
        server.enqueue(new MockResponse().setBody("{\"ok\":true}"));
        assertThat(api().get("/user", Map.of()).path("ok").asBoolean()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(slept).hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(15)));
    }

    @Test
    void aShortRetryAfterIsSatOutExactly() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "2"));
        server.enqueue(new MockResponse().setBody("{}"));
        api().get("/user", Map.of());
        assertThat(slept).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aLongRetryAfterPausesTheWorkInsteadOfBlocking() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600")
                .setBody("{\"type\":\"error\",\"error\":{\"message\":\"Rate limit for this resource has been exceeded\"}}"));
        Instant before = Instant.now();
        assertThatThrownBy(() -> api().get("/user", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.resumeAt()).isBetween(before.plusSeconds(3590), before.plusSeconds(3610));
                    assertThat(e.getMessage()).contains("Rate limit");
                });
        assertThat(slept).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void networkFailuresOfReadsAreRetried() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(new MockResponse().setBody("{}"));
        api().get("/user", Map.of());
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void afterTheLastAttemptTheFailureIsReported() {
        for (int i = 0; i < RetryInterceptor.MAX_ATTEMPTS; i++) {
            server.enqueue(new MockResponse().setResponseCode(500));
        }
        assertThatThrownBy(() -> api().get("/user", Map.of()))
                .isInstanceOfSatisfying(BitbucketException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThat(server.getRequestCount()).isEqualTo(RetryInterceptor.MAX_ATTEMPTS);
    }

    @Test
    void aTokenRequestIsNeverReplayed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        Request post = new Request.Builder().url(server.url("/site/oauth2/access_token"))
                .post(RequestBody.create(new byte[0])).build();
        try (Response response = http.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(503);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(RetryInterceptor.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryInterceptor.retryAfter("Tue, 24 Nov 2026 12:01:00 GMT", now)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryInterceptor.retryAfter("soon", now)).isNull();
        assertThat(RetryInterceptor.retryAfter(null, now)).isNull();
        assertThat(RetryInterceptor.retryAfter("-5", now)).isEqualTo(Duration.ZERO);
    }
}
