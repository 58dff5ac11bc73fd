package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pagination caps, iterator next links, include/exclude (GET and POST), fields=, generate's determinism. */
class PaginationAndFieldsTest {

    static SimClient c;
    static String token;
    static final String GEN = "{\"workspace\":\"gen\",\"repositories\":2,\"commitsPerRepository\":250,"
            + "\"branchesPerRepository\":6,\"pullRequestsPerRepository\":8,\"projectKey\":\"DEMO\",\"seed\":%d}";

    @BeforeAll
    static void start() {
        c = new SimClient();
        token = c.demoToken();
        c.control("POST", "/_sim/generate", String.format(GEN, 11));
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    private List<String> walk(String url) {
        List<String> hashes = new ArrayList<>();
        int pages = 0;
        while (url != null) {
            JsonNode page = c.get(url, token).json();
            page.path("values").forEach(v -> hashes.add(v.path("hash").asText()));
            url = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
            assertThat(pages).isLessThan(100);
        }
        return hashes;
    }

    @Test
    void commitsPageThroughOpaqueNextLinks() {
        List<String> all = walk("/2.0/repositories/gen/repo-01/commits?pagelen=100");
        assertThat(all).hasSize(250).doesNotHaveDuplicates();
        JsonNode first = c.get("/2.0/repositories/gen/repo-01/commits?pagelen=100", token).json();
        assertThat(first.path("next").asText()).startsWith(c.sim.baseUrl()).contains("page=");
        assertThat(first.has("size")).as("iterator pagination has no size").isFalse();
        assertThat(first.path("pagelen").asInt()).isEqualTo(100);
        assertThat(c.get("/2.0/repositories/gen/repo-01/commits", token).json().path("values")).hasSize(10);
    }

    @Test
    void pagelenCapsAndBadTokens() {
        assertThat(c.get("/2.0/repositories/gen/repo-01/commits?pagelen=101", token).code()).isEqualTo(400);
        assertThat(c.get("/2.0/repositories/gen/repo-01/commits?pagelen=0", token).code()).isEqualTo(400);
        assertThat(c.get("/2.0/repositories/gen/repo-01/commits?pagelen=abc", token).code()).isEqualTo(400);
        assertThat(c.get("/2.0/repositories/gen/repo-01/commits?page=not-a-token", token).code()).isEqualTo(400);
        assertThat(c.get("/2.0/repositories/gen/repo-01/pullrequests?pagelen=51", token).code()).isEqualTo(400);
        assertThat(c.get("/2.0/repositories/gen/repo-01/pullrequests?pagelen=50", token).code()).isEqualTo(200);
        assertThat(c.get("/2.0/repositories/gen/repo-01/refs/branches?pagelen=100", token).code()).isEqualTo(200);
        assertThat(c.get("/2.0/repositories/gen/repo-01/refs/branches?pagelen=101", token).code()).isEqualTo(400);
        JsonNode branches = c.get("/2.0/repositories/gen/repo-01/refs/branches?pagelen=3", token).json();
        assertThat(branches.path("size").asInt()).isEqualTo(7);
        assertThat(branches.path("next").asText()).contains("page=2");
        JsonNode last = c.get("/2.0/repositories/gen/repo-01/refs/branches?pagelen=3&page=3", token).json();
        assertThat(last.path("values")).hasSize(1);
        assertThat(last.has("next")).isFalse();
        assertThat(last.path("previous").asText()).contains("page=2");
    }

    @Test
    void includeExcludeAndThePostFormVariant() {
        String branch = c.get("/2.0/repositories/gen/repo-01/refs/branches?q=name%20~%20%22feature%2F%22", token)
                .json().path("values").get(0).path("name").asText();
        String enc = branch.replace("/", "%2F");
        List<String> onBranch = walk("/2.0/repositories/gen/repo-01/commits?pagelen=100&include=" + enc + "&exclude=main");
        assertThat(onBranch).isNotEmpty();
        Set<String> onMain = new HashSet<>(walk("/2.0/repositories/gen/repo-01/commits?pagelen=100&include=main"));
        assertThat(onBranch).noneMatch(onMain::contains);
        JsonNode posted = c.form("/2.0/repositories/gen/repo-01/commits?pagelen=100", token,
                "include=" + enc + "&exclude=main").json();
        List<String> viaPost = new ArrayList<>();
        posted.path("values").forEach(v -> viaPost.add(v.path("hash").asText()));
        assertThat(viaPost).isEqualTo(onBranch.subList(0, Math.min(100, onBranch.size())));
        assertThat(c.get("/2.0/repositories/gen/repo-01/commits?include=nope", token).code()).isEqualTo(404);
        List<String> byPath = walk("/2.0/repositories/gen/repo-01/commits/main?pagelen=100");
        assertThat(new HashSet<>(byPath)).isEqualTo(onMain);
    }

    @Test
    void partialResponses() {
        JsonNode trimmed = c.get("/2.0/repositories/gen/repo-01/commits?pagelen=2&fields=values.hash,values.author.raw,next", token).json();
        assertThat(fieldNames(trimmed)).containsExactlyInAnyOrder("values", "next");
        assertThat(fieldNames(trimmed.path("values").get(0))).containsExactlyInAnyOrder("hash", "author");
        assertThat(fieldNames(trimmed.path("values").get(0).path("author"))).containsExactly("raw");
        JsonNode noLinks = c.get("/2.0/repositories/gen/repo-01/commits?pagelen=2&fields=-values.links", token).json();
        assertThat(noLinks.path("values").get(0).has("links")).isFalse();
        assertThat(noLinks.path("values").get(0).has("message")).isTrue();
        JsonNode prs = c.get("/2.0/repositories/gen/repo-01/pullrequests?fields=%2Bvalues.participants", token).json();
        assertThat(prs.path("values").get(0).has("participants")).isTrue();
        assertThat(prs.path("values").get(0).has("title")).isTrue();
        JsonNode emptyLinks = c.get("/2.0/repositories/gen/repo-01?fields=-links.*", token).json();
        assertThat(emptyLinks.path("links").size()).isZero();
        assertThat(emptyLinks.has("full_name")).isTrue();
        JsonNode only = c.get("/2.0/repositories/gen/repo-01?fields=-*,%2Bslug", token).json();
        assertThat(fieldNames(only)).containsExactly("slug");
        JsonNode star = c.get("/2.0/repositories/gen/repo-01/pullrequests?fields=values.*", token).json();
        assertThat(star.path("values").get(0).has("participants")).as("* includes non-default fields").isTrue();
        assertThat(c.get("/2.0/repositories/gen/repo-01?fields=a..b", token).code()).isEqualTo(400);
    }

    @Test
    void generateIsDeterministicAndCoversEveryState() {
        String before = c.get("/2.0/repositories/gen/repo-02/commits?pagelen=100", token).text();
        List<String> branches = names(c.get("/2.0/repositories/gen/repo-02/refs/branches?pagelen=100", token).json(), "name");
        c.control("POST", "/_sim/generate", String.format(GEN, 11));
        assertThat(c.get("/2.0/repositories/gen/repo-02/commits?pagelen=100", token).text()).isEqualTo(before);
        assertThat(names(c.get("/2.0/repositories/gen/repo-02/refs/branches?pagelen=100", token).json(), "name")).isEqualTo(branches);
        assertThat(branches).anyMatch(b -> b.matches(".*DEMO-\\d+.*")).anyMatch(b -> b.matches(".*demo-\\d+.*"));
        JsonNode prs = c.get("/2.0/repositories/gen/repo-02/pullrequests?state=OPEN&state=MERGED&state=DECLINED&state=SUPERSEDED&pagelen=50", token).json();
        assertThat(names(prs, "state")).contains("OPEN", "MERGED", "DECLINED", "SUPERSEDED");
        c.control("POST", "/_sim/generate", String.format(GEN, 12));
        assertThat(c.get("/2.0/repositories/gen/repo-02/commits?pagelen=100", token).text()).isNotEqualTo(before);
        c.control("POST", "/_sim/generate", String.format(GEN, 11));
        JsonNode commits = c.get("/2.0/repositories/gen/repo-02/commits?pagelen=100&fields=values.message,values.author.raw,next", token).json();
        assertThat(names(commits, "message")).anyMatch(m -> m.matches("(?s).*DEMO-\\d+.*"));
        List<String> authors = new ArrayList<>();
        commits.path("values").forEach(v -> authors.add(v.path("author").path("raw").asText()));
        assertThat(authors).anyMatch(a -> a.contains("alice@example.com")).anyMatch(a -> a.contains("bob@example.com"));
        assertThat(c.json("POST", "/_sim/generate", null, "{\"workspace\":\"Bad WS\"}").code()).isEqualTo(400);
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> names(JsonNode page, String field) {
        List<String> out = new ArrayList<>();
        page.path("values").forEach(v -> out.add(v.path(field).asText()));
        return out;
    }
}
