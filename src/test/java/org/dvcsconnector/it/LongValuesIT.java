package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.REST;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The report, end to end in the refapp: one push of a branch with a 456-character name (a valid git ref) made every
 * later sync of the repository fail ("Value too long for column BRANCH_NAME"), and a pull request opened afterwards
 * never appeared. Now the branch, a huge message pushed on it and that pull request all arrive, by webhook and by
 * sync, and the repository's syncs stay DONE.
 */
class LongValuesIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0");
    private static final String REPO = "/_sim/workspaces/acme/repositories/webapp";
    private static final String BRANCH = "feature/DEMO-2-" + "x".repeat(456 - 15);

    @Test
    void aBranchOf456CharactersNoLongerStopsItsRepository() {
        Sim sim = Sim.of(server);
        Http admin = server.admin();
        int account = admin.postJson(ACCOUNTS, Dvcs.linkBody("acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET)).expect(201)
                .json().path("id").asInt();
        Dvcs.awaitIdle(admin, account);
        int webapp = repository(admin, account).path("id").asInt();

        sim.http().postJson(REPO + "/branches", Map.of("name", BRANCH, "from", "main")).expect(201);
        sim.http().postJson(REPO + "/commits", Map.of("branch", BRANCH,
                "message", "DEMO-2 on a long branch\n" + "m".repeat(200_000), "authorName", "Alice",
                "authorEmail", "alice@example.com")).expect(201);
        JsonNode branch = Dvcs.await("the long branch on DEMO-2, at its commit", () -> branches(admin).stream()
                .filter(b -> b.path("name").asText().equals(BRANCH)
                        && b.path("lastCommit").path("message").asText().startsWith("DEMO-2")).findFirst());
        assertThat(branch.path("lastCommit").path("message").asText()).isEqualTo("DEMO-2 on a long branch");
        assertThat(branch.path("lastCommit").path("messageTruncated").asBoolean()).isTrue();
        assertThat(branch.path("lastCommit").path("messageLength").asInt()).isEqualTo(24 + 200_000);

        // Every later sync of the repository still succeeds, and a pull request opened afterwards appears.
        admin.post(REST + "/repositories/" + webapp + "/sync", null, null).expect(202);
        Dvcs.awaitIdle(admin, account);
        sim.http().postJson(REPO + "/pullrequests", Map.of("title", "DEMO-2 opened afterwards",
                "source", BRANCH, "destination", "main")).expect(201);
        JsonNode pullRequest = Dvcs.await("the pull request on DEMO-2", () -> detail(admin).path("repositories")
                .findValues("pullRequests").stream().flatMap(p -> java.util.stream.StreamSupport.stream(
                        p.path("items").spliterator(), false))
                .filter(p -> p.path("title").asText().equals("DEMO-2 opened afterwards")).findFirst());
        assertThat(pullRequest.path("source").asText()).isEqualTo(BRANCH);
        admin.post(REST + "/repositories/" + webapp + "/sync?full=true", null, null).expect(202);
        Dvcs.awaitIdle(admin, account);
        JsonNode sync = repository(admin, account).path("sync");
        assertThat(sync.path("state").asText()).isEqualTo("DONE");
        assertThat(sync.path("error").isNull()).isTrue();
        assertThat(sync.path("note").isNull()).as("nothing skipped").isTrue();
        assertThat(branches(admin)).filteredOn(b -> b.path("name").asText().equals(BRANCH)).hasSize(1);
    }

    private static JsonNode repository(Http admin, int account) {
        for (JsonNode r : Dvcs.account(admin, account).orElseThrow().path("repositories")) {
            if (r.path("slug").asText().equals("webapp")) {
                return r;
            }
        }
        throw new AssertionError("no webapp repository");
    }

    private static JsonNode detail(Http admin) {
        return admin.get(REST + "/devinfo/DEMO-2").expect(200).json();
    }

    private static java.util.List<JsonNode> branches(Http admin) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        detail(admin).path("repositories").forEach(r -> r.path("branches").path("items").forEach(found::add));
        return found;
    }
}
