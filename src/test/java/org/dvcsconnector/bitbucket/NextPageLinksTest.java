package org.dvcsconnector.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paged listings follow {@code next} only on the API's own site, once per page, and fail loudly otherwise. */
class NextPageLinksTest {

    private MockWebServer bitbucket;
    private MockWebServer elsewhere;
    private final OkHttpClient http = BitbucketHttp.forAccount(BitbucketHttp.newClient(duration -> { }),
            new AccessTokenSource() {
                @Override
                public String accessToken() {
                    return "secret-token";
                }

                @Override
                public void invalidate(String token) {
                    // never refused here
                }
            });

    @BeforeEach
    void start() throws Exception {
        bitbucket = new MockWebServer();
        bitbucket.start();
        elsewhere = new MockWebServer();
        elsewhere.start();
    }

    @AfterEach
    void stop() throws Exception {
        bitbucket.shutdown();
        elsewhere.shutdown();
    }

    @Test
    void followsNextLinksOnTheSameSiteUntilThereIsNone() throws Exception {
        page("{\"values\":[1],\"next\":\"" + bitbucket.url("/2.0/things?page=2") + "\"}");
        page("{\"values\":[2],\"next\":null}");

        assertThat(listAll()).containsExactly("[1]", "[2]");
        assertThat(bitbucket.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aNextLinkToAnotherSiteIsNotFollowedAndTheTokenGoesNowhere() {
        page("{\"values\":[1],\"next\":\"" + elsewhere.url("/steal?page=2") + "\"}");

        assertThatThrownBy(this::listAll).isInstanceOf(BitbucketException.class)
                .hasMessageContaining("/2.0/things").hasMessageContaining("another site")
                .hasMessageNotContaining("secret-token");
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void aNextLinkBackToAPageAlreadyReadStopsInsteadOfLooping() {
        page("{\"values\":[1],\"next\":\"" + bitbucket.url("/2.0/things?page=2") + "\"}");
        page("{\"values\":[2],\"next\":\"" + bitbucket.url("/2.0/things?page=2") + "\"}");

        assertThatThrownBy(this::listAll).isInstanceOf(BitbucketException.class)
                .hasMessageContaining("back to a page already read");
        assertThat(bitbucket.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aNextLinkThatIsNotAUrlFailsInsteadOfEndingTheListingSilently() {
        page("{\"values\":[1],\"next\":\"::not a url::\"}");
        assertThatThrownBy(this::listAll).isInstanceOf(BitbucketException.class).hasMessageContaining("not a URL");

        page("{\"values\":[1],\"next\":42}");
        assertThatThrownBy(this::listAll).isInstanceOf(BitbucketException.class).hasMessageContaining("not a URL");
    }

    @Test
    void theFormPostListingChecksItsNextLinksTheSameWay() {
        page("{\"values\":[1],\"next\":\"" + elsewhere.url("/2.0/things?page=2") + "\"}");

        FormPostPager pager = new FormPostPager(http);
        assertThatThrownBy(() -> pager.forEachPage(bitbucket.url("/2.0/things"),
                new FormBody.Builder().add("include", "main").build(), p -> true))
                .isInstanceOf(BitbucketException.class).hasMessageContaining("another site");
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    private List<String> listAll() throws BitbucketException {
        List<String> values = new ArrayList<>();
        new BitbucketApi(http, new BitbucketEndpoints(bitbucket.url("/2.0").toString(), "x", "y"))
                .forEachPage("/things", Map.of(), p -> values.add(p.path("values").toString()));
        return values;
    }

    private void page(String json) {
        bitbucket.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(json));
    }
}
