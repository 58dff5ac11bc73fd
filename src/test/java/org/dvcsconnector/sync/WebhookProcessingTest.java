package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.devinfo.CommitBranchEntity;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.junit.jupiter.api.Test;

/**
 * Processing deliveries: small pushes are stored from the payload without an API request, and whatever the payload
 * cannot settle (pull requests, truncated or out-of-order pushes) is left to a soft sync; replays change nothing.
 */
class WebhookProcessingTest extends WebhookTestBase {

    @Test
    void aSmallPushIsStoredFromThePayloadWithoutAnyApiRequest() throws Exception {
        int before = fixture.apiRequests();
        fixture.commit(SLUG, "main", "DEMO-77 pushed and delivered by webhook");
        processor.process(awaitQueued(1).get(0));

        assertThat(fixture.apiRequests() - before).isZero();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(lastRun().getType()).isEqualTo("WEBHOOK");
        assertThat(lastRun().getCommits()).isEqualTo(1);
        assertThat(fixture.scheduled).noneMatch(job -> job.startsWith(RepositorySync.RUNNER)); // no sync requested
    }

    @Test
    void aNewBranchWithACommitIsStoredFromThePayload() throws Exception {
        int before = fixture.apiRequests();
        fixture.branch(SLUG, "feature/DEMO-78-hooks", "main");
        awaitQueued(1); // deliveries may overtake each other; out of order, the second would leave it to a soft sync
        fixture.commit(SLUG, "feature/DEMO-78-hooks", "DEMO-78 on a new branch");
        for (int delivery : awaitQueued(2)) {
            processor.process(delivery);
        }
        assertThat(fixture.apiRequests() - before).isZero();
        assertThat(fixture.scheduled).noneMatch(job -> job.startsWith(RepositorySync.RUNNER));
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @Test
    void aPullRequestEventRequestsASoftSync() throws Exception {
        String branch = fixture.devInfo.branchHeads(id).keySet().stream().filter(b -> !b.equals("main")).findFirst()
                .orElseThrow();
        fixture.control("/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/pullrequests",
                JSON.writeValueAsString(Map.of("title", "DEMO-81 by hook", "source", branch, "destination", "main")));
        processor.process(awaitQueued(1).get(0));
        assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id));
    }

    @Test
    void aDeliveryOutOfOrderWaitsForThePushItBuildsOnAndIsAppliedOnceThatIs() throws Exception {
        fixture.branch(SLUG, "feature/DEMO-82", "main");
        awaitQueued(1);
        fixture.commit(SLUG, "feature/DEMO-82", "DEMO-82 second delivery, processed first");
        List<Integer> deliveries = awaitQueued(2);
        int before = fixture.apiRequests();
        processor.process(deliveries.get(1)); // its old head is not stored yet: it waits, its payload kept
        assertThat(fixture.ao.get(WebhookDeliveryEntity.class, deliveries.get(1)).getPayload()).isNotNull();
        assertThat(fixture.devInfo.branchHeads(id)).doesNotContainKey("feature/DEMO-82");

        processor.process(deliveries.get(0)); // the branch's creation, then in line the push that waited for it
        assertThat(fixture.ao.get(WebhookDeliveryEntity.class, deliveries.get(1)).getPayload()).isNull();
        processor.process(deliveries.get(1)); // its own job, run again: nothing left to do

        assertThat(fixture.scheduled).noneMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id));
        assertThat(fixture.apiRequests()).as("both from their payloads").isEqualTo(before);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @Test
    void pushesReplayedUnderNewIdsNeitherMoveABranchBackNorRaiseEventsAgain() throws Exception {
        fixture.branch(SLUG, "feature/DEMO-83-replay", "main");
        awaitQueued(1);
        fixture.commit(SLUG, "feature/DEMO-83-replay", "DEMO-83 after the branch");
        for (int delivery : awaitQueued(2)) {
            processor.process(delivery);
        }
        int events = fixture.ao.count(DevEventEntity.class, net.java.ao.Query.select());
        assertThat(events).isEqualTo(2); // branch created, commit created

        for (JsonNode delivery : deliveries(2)) { // as a sender would replay them: signed, under new request ids
            String body = delivery.path("body").asText();
            int before = queued.size();
            post("repo:push", UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8), secret());
            assertThat(queued).as("the same body within a day is known: not queued").hasSize(before);
            // The same payload in other bytes (re-serialised, or replayed after the receiver forgot it) gets through:
            // processing it must change nothing either.
            post("repo:push", UUID.randomUUID().toString(), (body + "\n").getBytes(StandardCharsets.UTF_8), secret());
        }
        for (int delivery : awaitQueued(4).subList(2, 4)) {
            processor.process(delivery);
        }
        assertThat(Mirror.stored(fixture.ao, id).branches()).as("no branch moved back")
                .isEqualTo(Mirror.expected(fixture.remote(SLUG)).branches());
        sync.run(id, false); // what the replays asked for
        assertThat(fixture.ao.count(DevEventEntity.class, net.java.ao.Query.select())).isEqualTo(events);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @Test
    void aReplayedDeletionOfABranchThatCameBackKeepsIt() throws Exception {
        String branch = fixture.devInfo.branchHeads(id).keySet().stream().filter(b -> !b.equals("main")).findFirst()
                .orElseThrow();
        String path = "/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/branches";
        fixture.control(path + "/" + java.net.URLEncoder.encode(branch, StandardCharsets.UTF_8), "{}", "DELETE");
        processor.process(awaitQueued(1).get(0));
        String deletion = deliveries().get(0).path("body").asText();
        fixture.commit(SLUG, "main", "DEMO-84 main moves on");
        awaitQueued(2); // deliveries may overtake each other; the branch's, first, would be left to a soft sync
        fixture.branch(SLUG, branch, "main");
        for (int delivery : awaitQueued(3).subList(1, 3)) {
            processor.process(delivery);
        }
        assertThat(fixture.devInfo.branchHeads(id)).containsKey(branch);

        post("repo:push", UUID.randomUUID().toString(), deletion.getBytes(StandardCharsets.UTF_8), secret());
        assertThat(queued).as("the same body within a day is known: not queued").hasSize(3);
        // The same payload in other bytes (replayed after the receiver forgot it) gets through: it must keep the branch.
        post("repo:push", UUID.randomUUID().toString(), (deletion + "\n").getBytes(StandardCharsets.UTF_8), secret());
        processor.process(awaitQueued(4).get(3));
        Mirror stored = Mirror.stored(fixture.ao, id);
        Mirror expected = Mirror.expected(fixture.remote(SLUG));
        assertThat(stored.branches()).isEqualTo(expected.branches());
        assertThat(stored.membership()).isEqualTo(expected.membership());
    }

    @Test
    void aDeletedBranchIsRemovedWithItsCommitMemberships() throws Exception {
        String branch = fixture.devInfo.branchHeads(id).keySet().stream().filter(b -> !b.equals("main")).findFirst()
                .orElseThrow();
        fixture.control("/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/branches/"
                + java.net.URLEncoder.encode(branch, StandardCharsets.UTF_8), "{}", "DELETE");
        processor.process(awaitQueued(1).get(0));

        assertThat(fixture.devInfo.branchHeads(id)).doesNotContainKey(branch);
        assertThat(fixture.ao.count(CommitBranchEntity.class, net.java.ao.Query.select()
                .where("REPOSITORY_ID = ? AND BRANCH_NAME = ?", id, branch))).isZero();
        // Commits only that branch had stay stored (as after a soft sync); branches and memberships match.
        Mirror stored = Mirror.stored(fixture.ao, id);
        Mirror expected = Mirror.expected(fixture.remote(SLUG));
        assertThat(stored.branches()).isEqualTo(expected.branches());
        assertThat(stored.membership()).isEqualTo(expected.membership());
    }

    @Test
    void aTruncatedPushIsLeftToASoftSync() throws Exception {
        String hash = fixture.commit(SLUG, "main", "DEMO-80 announced as truncated");
        awaitQueued(1);
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(deliveries().get(0).path("body").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("push").path("changes").get(0)).put("truncated", true);
        post("repo:push", UUID.randomUUID().toString(), JSON.writeValueAsBytes(body), secret());

        processor.process(queued.get(1));

        assertThat(fixture.devInfo.commitHashes(id)).doesNotContain(hash);
        assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id));
        SyncRunEntity logged = lastRun();
        assertThat(logged.getError()).as("a fallback is no failure").isNull();
        assertThat(logged.getNote()).isEqualTo("A soft sync was requested: the payload does not carry every commit of "
                + "the push.");
    }
}
