package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository listing's {@code q} on {@code updated_on} and {@code sort}, what bumps a repository's
 * {@code updated_on}, and the simulator's clock ({@code /_sim/clock}), with every API exchange validated against
 * the published spec.
 */
class RepositoryFilterAndClockTest {

    static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");
    static SimClient c;

    @BeforeAll
    static void start() {
        c = new SimClient();
        c.control("POST", "/_sim/clock", "{\"now\":\"2026-12-01T00:00:00Z\"}");
        c.control("POST", "/_sim/generate", "{\"workspace\":\"sorted\",\"repositories\":4,\"commitsPerRepository\":3,"
                + "\"branchesPerRepository\":1,\"pullRequestsPerRepository\":0,\"projectKey\":\"DEMO\",\"seed\":7}");
    }

    @AfterEach
    void clockBack() {
        c.control("POST", "/_sim/clock", "{\"now\":\"2026-12-01T00:00:00Z\"}");
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    /** A token issued at the clock's current time (moving the clock on expires older ones). */
    private static String token() {
        return c.demoToken();
    }

    private static JsonNode list(String query) {
        SimClient.Reply reply = c.get("/2.0/repositories/sorted?pagelen=100&" + query, token());
        assertThat(reply.code()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    private static String q(String bbql) {
        return "q=" + URLEncoder.encode(bbql, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void commit(String slug) {
        c.control("POST", "/_sim/workspaces/sorted/repositories/" + slug + "/commits",
                "{\"branch\":\"main\",\"message\":\"DEMO-1 change\",\"authorEmail\":\"alice@example.com\"}");
    }

    private static Instant updatedOn(String slug) {
        return OffsetDateTime.parse(c.get("/2.0/repositories/sorted/" + slug, token()).json().path("updated_on").asText())
                .toInstant();
    }

    @Test
    void aPushBumpsUpdatedOnAndTheListingFindsItByTime() {
        c.control("POST", "/_sim/clock", "{\"now\":\"2026-12-02T10:00:00Z\"}");
        commit("repo-02");
        c.control("POST", "/_sim/clock", "{\"advanceSeconds\":3600}");
        commit("repo-04");

        JsonNode changed = list(q("updated_on > 2026-12-02T09:00:00+00:00") + "&sort=-updated_on");
        assertThat(ApiSpecConformanceTest.names(changed, "slug")).containsExactly("repo-04", "repo-02");
        assertThat(ApiSpecConformanceTest.names(list(q("updated_on >= 2026-12-02T10:30:00Z")), "slug"))
                .containsExactly("repo-04");
        assertThat(ApiSpecConformanceTest.names(list(q("updated_on > 2026-12-02T09:00:00 AND slug != \"repo-04\"")), "slug"))
                .containsExactly("repo-02");
        assertThat(ApiSpecConformanceTest.names(list(q("updated_on <= 2026-12-02")), "slug"))
                .containsExactly("repo-01", "repo-03");
        assertThat(list(q("updated_on > 2026-12-02T11:59:59+01:00")).path("size").asInt()).isEqualTo(1);
        assertThat(updatedOn("repo-04")).isBetween(Instant.parse("2026-12-02T11:00:00Z"), Instant.parse("2026-12-02T11:01:00Z"));
        assertThat(ApiSpecConformanceTest.names(list(q("created_on = 2023-12-31")), "slug")).containsExactly("repo-01");
    }

    @Test
    void sortsByAnyFieldItFiltersAscendingOrDescending() {
        assertThat(ApiSpecConformanceTest.names(list("sort=-slug"), "slug"))
                .containsExactly("repo-04", "repo-03", "repo-02", "repo-01");
        assertThat(ApiSpecConformanceTest.names(list("sort=created_on"), "slug"))
                .containsExactly("repo-04", "repo-03", "repo-02", "repo-01"); // generated: repo-N made N days back
        JsonNode byUpdate = c.get("/2.0/repositories/sorted?sort=-updated_on&pagelen=2", token()).json();
        assertThat(byUpdate.path("values")).hasSize(2);
        assertThat(byUpdate.path("next").asText()).contains("sort=-updated_on").contains("page=2");
        JsonNode second = c.get(byUpdate.path("next").asText(), token()).json();
        Instant lastOfFirst = OffsetDateTime.parse(byUpdate.path("values").get(1).path("updated_on").asText()).toInstant();
        Instant firstOfSecond = OffsetDateTime.parse(second.path("values").get(0).path("updated_on").asText()).toInstant();
        assertThat(firstOfSecond).isBeforeOrEqualTo(lastOfFirst);
    }

    @Test
    void pullRequestActivityLeavesUpdatedOnAlone() {
        Instant before = updatedOn("repo-01");
        c.control("POST", "/_sim/clock", "{\"advanceSeconds\":600}");
        c.control("POST", "/_sim/workspaces/sorted/repositories/repo-01/branches", "{\"name\":\"topic\",\"from\":\"main\"}");
        Instant branched = updatedOn("repo-01");
        assertThat(branched).as("a new branch is a push").isAfter(before);
        c.control("POST", "/_sim/clock", "{\"advanceSeconds\":600}");
        JsonNode pr = c.control("POST", "/_sim/workspaces/sorted/repositories/repo-01/pullrequests",
                "{\"title\":\"DEMO-2 topic\",\"source\":\"topic\",\"destination\":\"main\"}");
        c.control("PUT", "/_sim/workspaces/sorted/repositories/repo-01/pullrequests/" + pr.path("id").asInt(),
                "{\"title\":\"DEMO-2 topic, renamed\"}");
        c.control("POST", "/_sim/workspaces/sorted/repositories/repo-01/pullrequests/" + pr.path("id").asInt() + "/decline",
                null);
        assertThat(updatedOn("repo-01")).as("Bitbucket bumps a repository's updated_on on pushes only").isEqualTo(branched);
    }

    @Test
    void aBadQueryOrSortIsA400InBitbucketsErrorShape() {
        for (String bad : new String[] {q("updated_on > yesterday"), q("updated_on ~ \"2026\""), q("owner = \"x\""),
                q("name = unquoted"), q("updated_on >"), "sort=last_update", "sort=-"}) {
            SimClient.Reply reply = c.get("/2.0/repositories/sorted?" + bad, token());
            assertThat(reply.code()).as(bad).isEqualTo(400);
            assertThat(reply.json().path("type").asText()).isEqualTo("error");
            assertThat(reply.json().path("error").path("message").asText()).as(bad).startsWith("Invalid");
        }
    }

    @Test
    void theClockMovesTokensRateLimitsAndTimestampsAlike() {
        JsonNode set = c.control("POST", "/_sim/clock", "{\"now\":\"2026-12-03T00:00:00Z\",\"advanceSeconds\":60}");
        assertThat(Instant.parse(set.path("now").asText()))
                .isBetween(Instant.parse("2026-12-03T00:01:00Z"), Instant.parse("2026-12-03T00:02:00Z"));
        assertThat(Instant.parse(c.control("GET", "/_sim/clock", null).path("now").asText()))
                .isAfterOrEqualTo(Instant.parse("2026-12-03T00:01:00Z"));
        String fresh = c.demoToken();
        assertThat(c.get("/2.0/user", fresh).code()).isEqualTo(200);
        c.control("POST", "/_sim/clock", "{\"advanceSeconds\":" + Duration.ofHours(2).plusSeconds(1).toSeconds() + "}");
        SimClient.Reply expired = c.get("/2.0/user", fresh);
        assertThat(expired.code()).isEqualTo(401);
        assertThat(expired.json().path("error").path("message").asText()).isEqualTo("Access token expired.");

        JsonNode repo = c.control("POST", "/_sim/workspaces/sorted/repositories", "{\"slug\":\"made-now\"}");
        assertThat(repo.path("full_name").asText()).isEqualTo("sorted/made-now");
        assertThat(updatedOn("made-now")).isAfter(Instant.parse("2026-12-03T02:01:00Z"));
        c.control("DELETE", "/_sim/workspaces/sorted/repositories/made-now", null);

        assertThat(c.send("POST", "/_sim/clock", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).code())
                .isEqualTo(400);
        assertThat(c.send("POST", "/_sim/clock", null, "application/json",
                "{\"now\":\"tomorrow\"}".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(400);
        JsonNode reset = c.control("DELETE", "/_sim/clock", null);
        assertThat(reset.path("offsetSeconds").asLong()).isZero();
    }
}
