package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rate limiting (429 with Retry-After), injected errors, and request statistics. */
class FaultsAndStatsTest {

    static SimClient c;

    @BeforeAll
    static void start() {
        c = new SimClient();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    @AfterEach
    void noFaults() {
        c.control("POST", "/_sim/faults", "{\"errorRate\":0,\"latencyMs\":0,\"requestsPerHour\":0}");
    }

    @Test
    void requestsPerHourThen429() {
        String token = c.demoToken();
        c.control("POST", "/_sim/stats/reset", null);
        c.control("POST", "/_sim/faults", "{\"errorRate\":0,\"latencyMs\":0,\"requestsPerHour\":3}");
        for (int i = 0; i < 3; i++) {
            assertThat(c.get("/2.0/repositories/acme/webapp/commits", token).code()).isEqualTo(200);
        }
        SimClient.Reply limited = c.get("/2.0/repositories/acme/webapp/commits", token);
        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).matches("\\d+");
        assertThat(limited.json().path("error").path("message").asText()).contains("Rate limit");
        JsonNode stats = c.control("GET", "/_sim/stats", null);
        assertThat(stats.path("rateLimited").asInt()).isEqualTo(1);
        assertThat(stats.path("byEndpoint").path("GET /2.0/repositories/{workspace}/{repo_slug}/commits").asInt()).isEqualTo(4);
        assertThat(stats.path("requests").asInt()).isEqualTo(4);
    }

    @Test
    void injectedServerErrors() {
        String token = c.demoToken();
        c.control("POST", "/_sim/faults", "{\"errorRate\":1,\"latencyMs\":0,\"requestsPerHour\":0}");
        SimClient.Reply r = c.get("/2.0/user", token);
        assertThat(r.code()).isIn(500, 502, 503);
        assertThat(r.json().path("type").asText()).isEqualTo("error");
        assertThat(c.json("POST", "/_sim/faults", null, "{\"errorRate\":2}").code()).isEqualTo(400);
    }

    @Test
    void statsCountApiAndOAuthButNotControl() {
        c.control("POST", "/_sim/stats/reset", null);
        String token = c.demoToken();
        c.get("/2.0/user", token);
        c.control("GET", "/_sim/faults", null);
        JsonNode stats = c.control("GET", "/_sim/stats", null);
        assertThat(stats.path("byEndpoint").path("POST /site/oauth2/access_token").asInt()).isEqualTo(1);
        assertThat(stats.path("byEndpoint").path("GET /2.0/user").asInt()).isEqualTo(1);
        assertThat(stats.path("requests").asInt()).isEqualTo(2);
    }

    @Test
    void hostileControlInput() {
        assertThat(c.json("POST", "/_sim/workspaces/acme/repositories/webapp/commits", null, "{oops").code()).isEqualTo(400);
        assertThat(c.json("POST", "/_sim/workspaces/nope/repositories/x/commits", null, "{}").code()).isEqualTo(404);
        assertThat(c.json("POST", "/_sim/workspaces/acme/repositories/webapp/commits", null, "{\"branch\":\"main\"}").code())
                .isEqualTo(400);
        assertThat(c.json("POST", "/_sim/consumers", null, "{\"key\":\"k\",\"secret\":\"s\",\"scopes\":[\"bogus\"]}").code())
                .isEqualTo(400);
    }
}
