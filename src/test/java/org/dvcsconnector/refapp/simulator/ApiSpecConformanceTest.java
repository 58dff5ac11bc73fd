package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every API endpoint the simulator serves, on the demo data, with responses validated against the spec. */
class ApiSpecConformanceTest {

    static SimClient c;
    static String token;

    @BeforeAll
    static void start() {
        c = new SimClient();
        token = c.demoToken();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    @Test
    void userAndWorkspaces() {
        JsonNode user = c.get("/2.0/user", token).json();
        assertThat(user.path("nickname").asText()).isEqualTo("acme-admin");
        JsonNode ws = c.get("/2.0/user/workspaces", token).json();
        assertThat(ws.path("values").get(0).path("workspace").path("slug").asText()).isEqualTo("acme");
        assertThat(ws.path("values").get(0).path("administrator").asBoolean()).isTrue();
    }

    @Test
    void repositories() {
        JsonNode list = c.get("/2.0/repositories/acme?role=member", token).json();
        assertThat(list.path("size").asInt()).isEqualTo(3);
        assertThat(c.get("/2.0/repositories/acme?q=name%20~%20%22web%22", token).json().path("values")).hasSize(1);
        JsonNode repo = c.get("/2.0/repositories/acme/webapp", token).json();
        assertThat(repo.path("full_name").asText()).isEqualTo("acme/webapp");
        assertThat(repo.path("mainbranch").path("name").asText()).isEqualTo("main");
        assertThat(c.get("/2.0/repositories/acme/nope", token).code()).isEqualTo(404);
        assertThat(c.get("/2.0/repositories/nobody", token).code()).isEqualTo(404);
    }

    @Test
    void listingAllRepositoriesIsGone() {
        SimClient.Reply r = c.get("/2.0/repositories", token);
        assertThat(r.code()).isEqualTo(410);
        assertThat(r.json().path("error").path("detail").asText()).contains("CHANGE-2770");
    }

    @Test
    void commitsBranchesAndPullRequests() {
        JsonNode commits = c.get("/2.0/repositories/acme/webapp/commits", token).json();
        String hash = commits.path("values").get(0).path("hash").asText();
        assertThat(c.get("/2.0/repositories/acme/webapp/commit/" + hash, token).json().path("hash").asText()).isEqualTo(hash);
        assertThat(c.get("/2.0/repositories/acme/webapp/commit/" + hash.substring(0, 7), token).code()).isEqualTo(200);
        assertThat(c.get("/2.0/repositories/acme/webapp/commit/0000000", token).code()).isEqualTo(404);
        JsonNode branches = c.get("/2.0/repositories/acme/webapp/refs/branches", token).json();
        assertThat(names(branches, "name")).contains("main", "bugfix/DEMO-4-npe", "feature/DEMO-3-search");
        assertThat(c.get("/2.0/repositories/acme/webapp/refs/branches/bugfix%2FDEMO-4-npe", token).code()).isEqualTo(200);
        JsonNode open = c.get("/2.0/repositories/acme/webapp/pullrequests", token).json();
        assertThat(names(open, "state")).containsOnly("OPEN");
        JsonNode all = c.get("/2.0/repositories/acme/webapp/pullrequests?state=OPEN&state=MERGED&state=DECLINED&state=SUPERSEDED", token).json();
        assertThat(names(all, "state")).containsExactlyInAnyOrder("OPEN", "MERGED", "DECLINED");
        JsonNode merged = c.get("/2.0/repositories/acme/webapp/pullrequests/1", token).json();
        assertThat(merged.path("state").asText()).isEqualTo("MERGED");
        assertThat(merged.has("participants")).isTrue();
        assertThat(all.path("values").get(0).has("participants")).as("collections leave participants out").isFalse();
        JsonNode prCommits = c.get("/2.0/repositories/acme/webapp/pullrequests/1/commits", token).json();
        assertThat(names(prCommits, "message")).containsExactly("DEMO-3 #comment suggestions are debounced #time 2h",
                "DEMO-3: search box with suggestions");
        assertThat(c.get("/2.0/repositories/acme/webapp/pullrequests?state=BOGUS", token).code()).isEqualTo(400);
    }

    @Test
    void hooksCrudNeverRevealTheSecret() {
        String path = "/2.0/repositories/acme/api/hooks";
        SimClient.Reply created = c.json("POST", path, token, "{\"description\":\"dvcs\",\"url\":\"http://localhost:1/hook\","
                + "\"active\":true,\"secret\":\"s3cr3t\",\"events\":[\"repo:push\",\"pullrequest:created\"]}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().has("secret")).isFalse();
        assertThat(created.json().path("secret_set").asBoolean()).isTrue();
        String uid = created.json().path("uuid").asText();
        String hookPath = path + "/" + uid.replace("{", "%7B").replace("}", "%7D");
        assertThat(c.get(hookPath, token).json().path("url").asText()).isEqualTo("http://localhost:1/hook");
        assertThat(c.get(path, token).json().path("values")).hasSize(1);
        JsonNode updated = c.json("PUT", hookPath, token, "{\"secret\":null,\"active\":false}").json();
        assertThat(updated.path("secret_set").asBoolean()).isFalse();
        assertThat(updated.path("active").asBoolean()).isFalse();
        assertThat(c.json("POST", path, token, "{\"url\":\"http://x\",\"events\":[\"bogus\"]}").code()).isEqualTo(400);
        assertThat(c.json("POST", path, token, "{not json").code()).isEqualTo(400);
        assertThat(c.send("DELETE", hookPath, token, null, null).code()).isEqualTo(204);
        assertThat(c.get(hookPath, token).code()).isEqualTo(404);
    }

    @Test
    void aWorkspaceItsTagsRefsAndACommitsStatuses() {
        JsonNode workspace = c.get("/2.0/workspaces/acme", token).json();
        assertThat(workspace.path("type").asText()).isEqualTo("workspace");
        assertThat(workspace.path("slug").asText()).isEqualTo("acme");
        assertThat(c.get("/2.0/workspaces/nobody", token).code()).isEqualTo(404);

        String repo = "/2.0/repositories/acme/webapp";
        assertThat(names(c.get(repo + "/refs/tags", token).json(), "name")).containsExactly("v1.0");
        JsonNode tag = c.get(repo + "/refs/tags/v1.0", token).json();
        assertThat(tag.path("type").asText()).isEqualTo("tag");
        assertThat(tag.path("tagger").path("raw").asText()).isEqualTo("Bob Brown <bob@example.com>");
        assertThat(c.get(repo + "/refs/tags/v9", token).code()).isEqualTo(404);
        JsonNode refs = c.get(repo + "/refs?pagelen=100", token).json();
        assertThat(names(refs, "type")).contains("branch", "tag");
        assertThat(names(refs, "name")).isSorted();
        assertThat(c.get(repo + "/refs/tags?q=bogus", token).code()).isEqualTo(400);

        String head = tag.path("target").path("hash").asText();
        JsonNode statuses = c.get(repo + "/commit/" + head + "/statuses", token).json();
        assertThat(statuses.path("values")).isEmpty();
        assertThat(c.get(repo + "/commit/0000000/statuses", token).code()).isEqualTo(404);
    }

    @Test
    void creatingATagNeedsWriteAndANameNotTaken() {
        String repo = "/2.0/repositories/acme/infra";
        String head = c.get(repo + "/refs/branches/main", token).json().path("target").path("hash").asText();
        String body = "{\"type\":\"tag\",\"name\":\"r1\",\"target\":{\"hash\":\"" + head + "\"}}";
        assertThat(c.json("POST", repo + "/refs/tags", token, body).code()).as("the demo consumer only reads")
                .isEqualTo(403);
        String writer = c.tokenWithScopes("tagger", List.of("repository", "repository:write"));
        SimClient.Reply created = c.json("POST", repo + "/refs/tags", writer, body);
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(repo + "/refs/tags/r1");
        assertThat(c.json("POST", repo + "/refs/tags", writer, body).code()).isEqualTo(400);
        assertThat(c.send("DELETE", repo + "/refs/tags/r1", writer, null, null).code()).isEqualTo(204);
        assertThat(c.get(repo + "/refs/tags/r1", token).code()).isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesBitbucketsHeadersBodilessOnesToo() {
        String path = "/2.0/repositories/acme/api/hooks";
        SimClient.Reply created = c.json("POST", path, token, "{\"url\":\"http://localhost:1/h\",\"events\":[\"repo:push\"]}");
        assertThat(created.header("X-Accepted-OAuth-Scopes")).isEqualTo("webhook");
        assertThat(created.header("X-OAuth-Scopes")).contains("webhook").contains("repository");
        String uid = created.json().path("uuid").asText().replace("{", "%7B").replace("}", "%7D");
        SimClient.Reply deleted = c.send("DELETE", path + "/" + uid, token, null, null);
        assertThat(deleted.code()).isEqualTo(204);
        assertThat(deleted.header("Content-Type")).as("clients read the type of a 204 too")
                .isEqualTo("text/html; charset=utf-8");
        assertThat(deleted.header("X-Accepted-OAuth-Scopes")).isEqualTo("webhook");
        SimClient.Reply refused = c.get("/2.0/user", "not-a-token");
        assertThat(refused.header("X-Accepted-OAuth-Scopes")).isEqualTo("account");
        assertThat(refused.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void unauthenticatedAndBadTokens() {
        assertThat(c.get("/2.0/user", null).code()).isEqualTo(401);
        SimClient.Reply bad = c.get("/2.0/user", "not-a-token");
        assertThat(bad.code()).isEqualTo(401);
        assertThat(bad.json().path("type").asText()).isEqualTo("error");
    }

    static List<String> names(JsonNode page, String field) {
        List<String> out = new ArrayList<>();
        page.path("values").forEach(v -> out.add(v.path(field).asText()));
        return out;
    }
}
