package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.testing.BitbucketFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviews become development events from Bitbucket's real payloads (captured), with who and when from the review. */
class ReviewEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private Database database;
    private PluginActiveObjects ao;
    private ReviewEvents reviews;

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(DevEventEntity.class);
        reviews = new ReviewEvents(new DevInfoStore(ao, new PluginDatabase(ao, "test.plugin")),
                new IssueKeyExtractor(FakeIssues.projects("DEMO"), CLOCK), mock(SchedulerService.class), CLOCK);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void anApprovalNamesThePullRequestTheReviewerAndTheApprovalsDate() throws Exception {
        JsonNode payload = real("HookPullApproved.json", "DEMO-5 aha", null);

        assertThat(reviews.record(7, "pullrequest:approved", payload)).contains(DevEventType.PULLREQUEST_APPROVED);

        DevEventEntity event = only();
        assertThat(event.getType()).isEqualTo("PULLREQUEST_APPROVED");
        assertThat(event.getRepositoryId()).isEqualTo(7);
        assertThat(event.getTarget()).isEqualTo("2");
        assertThat(event.getIssueKeys()).isEqualTo("DEMO-5");
        assertThat(event.getActorAccountId()).isEqualTo("712020:a838ae83-3081-4a52-8dd6-295bfa6a25e1");
        assertThat(event.getActorName()).isEqualTo("demoaccount2-commits");
        assertThat(event.getUrl()).isEqualTo("https://bitbucket.org/6543/collect-webhooks/pull-requests/2");
        assertThat(Instant.ofEpochMilli(event.getOccurredAt())).isEqualTo("2025-08-12T17:00:46.982Z");
        assertThat(event.getState()).isEqualTo("PENDING");
    }

    @Test
    void aRequestForChangesNamesTheIssuesOfTheSourceBranchToo() throws Exception {
        JsonNode payload = real("HookPullChangesRequestCreated.json", "DEMO-1 and DEMO-2", "feature/DEMO-3-x");

        assertThat(reviews.record(7, "pullrequest:changes_request_created", payload))
                .contains(DevEventType.PULLREQUEST_CHANGES_REQUESTED);

        DevEventEntity event = only();
        assertThat(event.getIssueKeys()).isEqualTo("DEMO-1 DEMO-2 DEMO-3");
        assertThat(Instant.ofEpochMilli(event.getOccurredAt())).isEqualTo("2025-08-12T17:34:55.323Z");
    }

    @Test
    void otherEventsAndReviewsOfPullRequestsThatNameNoIssueRecordNothing() throws Exception {
        assertThat(reviews.record(7, "pullrequest:approved", real("HookPullApproved.json", null, null))).isEmpty();
        assertThat(reviews.record(7, "pullrequest:unapproved", real("HookPullUnapproved.json", "DEMO-1", null))).isEmpty();
        assertThat(reviews.record(7, "pullrequest:approved", JSON.readTree("{\"pullrequest\":{\"title\":\"DEMO-1\"}}")))
                .as("no pull request id").isEmpty();
        assertThat(ao.count(DevEventEntity.class, net.java.ao.Query.select())).isZero();
    }

    /** A captured payload, its pull request's title and source branch replaced when given. */
    private static JsonNode real(String name, String title, String branch) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(BitbucketFixtures.payload(name));
        ObjectNode pr = (ObjectNode) payload.path("pullrequest");
        if (title != null) {
            pr.put("title", title);
        }
        if (branch != null) {
            ((ObjectNode) pr.path("source").path("branch")).put("name", branch);
        }
        return payload;
    }

    private DevEventEntity only() {
        DevEventEntity[] rows = ao.find(DevEventEntity.class, net.java.ao.Query.select());
        assertThat(Arrays.asList(rows)).hasSize(1);
        return rows[0];
    }
}
