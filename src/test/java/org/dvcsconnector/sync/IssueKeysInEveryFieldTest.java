package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dvcsconnector.devinfo.IssueLinkEntity;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.junit.jupiter.api.Test;

/**
 * Keys next to punctuation are linked from every text field, by both ways data arrives: a webhook push (branch name,
 * commit message) and a soft sync (pull-request title and source branch). Look-alikes and keys of projects that do
 * not exist link nothing.
 */
class IssueKeysInEveryFieldTest extends WebhookTestBase {

    private static final String BRANCH = "bugfix-DEMO-91-login_DEMO-92";
    private static final String MESSAGE = "fix(DEMO-93): DEMO-94-DEMO-95 and branchname_DEMO-96.\n\n"
            + "Not UTF-8, NOPE-1, DEMO\u20101, DEMO-\uff11, \uff24\uff25\uff2d\uff2f-2 or DEMO-3x";

    @Test
    void keysInEveryPositionOfEveryFieldAreLinkedAndLookAlikesAreNot() throws Exception {
        fixture.branch(SLUG, BRANCH, "main");
        awaitQueued(1);
        fixture.commit(SLUG, BRANCH, MESSAGE);
        for (int delivery : awaitQueued(2)) {
            processor.process(delivery);
        }
        String hash = fixture.devInfo.branchHeads(id).get(BRANCH);
        assertThat(links("BRANCH", BRANCH)).containsExactlyInAnyOrder("DEMO-91", "DEMO-92");
        assertThat(links("COMMIT", hash)).containsExactlyInAnyOrder("DEMO-93", "DEMO-94", "DEMO-95", "DEMO-96");

        fixture.control("/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/pullrequests",
                JSON.writeValueAsString(Map.of("title", "[DEMO-97]_wip: #DEMO-98 \"DEMO-99\"", "source", BRANCH,
                        "destination", "main")));
        fixture.sync().run(id, false);
        int pr = fixture.remote(SLUG).pullRequests().values().stream()
                .filter(p -> p.sourceBranch().equals(BRANCH)).mapToInt(PullRequest::id).findFirst().orElseThrow();
        assertThat(links("PULL_REQUEST", Integer.toString(pr)))
                .containsExactlyInAnyOrder("DEMO-97", "DEMO-98", "DEMO-99", "DEMO-91", "DEMO-92");
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    private List<String> links(String kind, String target) {
        return java.util.Arrays.stream(fixture.ao.find(IssueLinkEntity.class,
                        "REPOSITORY_ID = ? AND KIND = ? AND TARGET = ?", id, kind, target))
                .map(IssueLinkEntity::getIssueKey).toList();
    }
}
