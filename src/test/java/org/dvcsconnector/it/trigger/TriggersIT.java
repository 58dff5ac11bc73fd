package org.dvcsconnector.it.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.REST;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workflow triggers on the demo as it starts (no service user, the simulator's branches created by {@code acme-admin},
 * who is no user here): rules checked against the workflow, the connector acting on behalf of the Bitbucket user,
 * strict rules, and the review events from their webhooks. The real refapp, the built bundle, the simulator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TriggersIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0");
    private static final String REPO = "/_sim/workspaces/acme/repositories/webapp";

    private static Sim sim;
    private static Http admin;

    @BeforeAll
    static void setUp() {
        sim = Sim.of(server);
        admin = server.admin();
    }

    @Test
    @Order(1)
    void aTransitionNoStatusOfTheProjectOffersIsRefusedWith400AndTheFormOffersTheRealOnes() {
        JsonNode errors = admin.postJson(REST + "/triggers", Map.of("project", "DEMO", "event", "branch_created",
                "transition", "Begin work")).expect(400).json().path("errors");
        assertThat(errors.path("transition").asText()).isEqualTo("No status of DEMO's workflow offers a transition "
                + "Begin work; choose one of Start Progress, Submit for review, Resolve, Reopen.");
        admin.postJson(REST + "/triggers", Map.of("project", "DEMO", "event", "branch_created", "transition",
                "Start Progress", "strict", "yes")).expect(400);
        assertThat(admin.get(REST + "/triggers").expect(200).json()).isEmpty();
        assertThat(admin.get(REST + "/triggers/transitions").expect(200).json().path("DEMO"))
                .extracting(JsonNode::asText).containsExactly("Start Progress", "Submit for review", "Resolve", "Reopen");
        server.basic("alice", "alice").get(REST + "/triggers/transitions").expect(403);
        admin.putJson(REST + "/triggers/999", Map.of("project", "DEMO", "event", "branch_created", "transition",
                "Start Progress")).expect(404);
        assertThat(admin.get(REST + "/triggers/strict").expect(200).json().path("strict").asBoolean()).isFalse();
        String page = admin.get("/plugins/servlet/dvcs/triggers").expect(200).body();
        assertThat(page).contains("<select name=\"transition\" id=\"dvcs-rule-transition\" required>")
                .contains("<option value=\"Submit for review\"").contains("DVCS Connector");
    }

    /** The demo guide's rule, with nothing else set up: the branch's creator is no user here. */
    @Test
    @Order(2)
    void theDemosBranchCreatedRuleMovesTheIssueAsTheConnectorOnBehalfOfTheBitbucketUser() {
        admin.postJson(REST + "/triggers", Map.of("project", "DEMO", "event", "branch_created", "transition",
                "start progress")).expect(201);
        link();
        assertThat(status("DEMO-7")).isEqualTo("To Do");
        assertThat(admin.get(REST + "/triggers/serviceuser").expect(200).json().path("username").isNull()).isTrue();

        long created = System.nanoTime();
        sim.http().postJson(sim.baseUrl() + REPO + "/branches", Map.of("name", "feature/DEMO-7-paging", "from", "main"))
                .expect(201);

        Dvcs.await("DEMO-7 In Progress", () -> Optional.of(status("DEMO-7")).filter("In Progress"::equals));
        long millis = (System.nanoTime() - created) / 1_000_000;
        JsonNode entry = logEntry("DEMO-7");
        System.out.println("Trigger log, the demo's branch-created rule with no setup (issue moved " + millis
                + " ms after the branch was created): " + entry);
        assertThat(entry.path("event").asText()).isEqualTo("branch_created");
        assertThat(entry.path("target").asText()).isEqualTo("feature/DEMO-7-paging");
        assertThat(entry.path("url").asText()).startsWith(sim.baseUrl() + "/acme/webapp/branch/feature%2FDEMO-7-paging");
        assertThat(entry.path("command").asText()).isEqualTo("Start Progress");
        assertThat(entry.path("outcome").asText()).isEqualTo("DONE");
        assertThat(entry.path("actor").asText()).isEqualTo("DVCS Connector on behalf of Acme Admin");
        assertThat(entry.path("reason").asText()).isEqualTo("Moved to In Progress as DVCS Connector on behalf of Acme "
                + "Admin: Acme Admin has no commits here under the e-mail of a user here and no service user is set");
        JsonNode change = last(admin.get("/rest/api/2/issue/DEMO-7?expand=changelog").expect(200).json()
                .path("changelog").path("histories"));
        assertThat(change.has("author")).as("no user made the change").isFalse();
        assertThat(change.path("actor").asText()).isEqualTo("DVCS Connector on behalf of Acme Admin");
        assertThat(change.path("items").get(0).path("toString").asText()).isEqualTo("In Progress");
        String page = admin.get("/plugins/servlet/dvcs/triggers").expect(200).body();
        assertThat(page).contains(">feature/DEMO-7-paging</a>").contains("DVCS Connector on behalf of Acme Admin");
        assertThat(admin.get("/browse/DEMO-7").expect(200).body()).contains("DVCS Connector on behalf of Acme Admin");
    }

    @Test
    @Order(3)
    void aStrictRuleFailsWithTheReasonAndMovesNothing() {
        int id = admin.get(REST + "/triggers").expect(200).json().get(0).path("id").asInt();
        JsonNode edited = admin.putJson(REST + "/triggers/" + id, Map.of("project", "DEMO", "event", "branch_created",
                "transition", "Start Progress", "strict", true)).expect(200).json();
        assertThat(edited.path("strict").asBoolean()).isTrue();
        admin.putJson(REST + "/triggers/" + id, Map.of("project", "DEMO", "event", "branch_created",
                "transition", "Begin work", "strict", false)).expect(400);
        assertThat(admin.get(REST + "/triggers").expect(200).json().get(0).path("strict").asBoolean()).isTrue();

        sim.http().postJson(sim.baseUrl() + REPO + "/branches", Map.of("name", "DEMO-9-export", "from", "main"))
                .expect(201);

        JsonNode entry = Dvcs.await("the strict rule's log entry", () -> logEntries("DEMO-9").stream().findFirst());
        assertThat(entry.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(entry.path("actor").isNull()).isTrue();
        assertThat(entry.path("reason").asText()).isEqualTo("Not moved: Acme Admin has no commits here under the e-mail "
                + "of a user here, no service user is set, and the rule fires only when the actor is a user here");
        assertThat(status("DEMO-9")).isEqualTo("To Do");
    }

    @Test
    @Order(4)
    void approvalsAndRequestsForChangesFireTheirRulesFromTheWebhooksAsTheMappedReviewer() {
        // DEMO-4 is Done in the demo tracker: reopen it so that Start Progress is on offer.
        admin.postJson("/rest/api/2/issue/DEMO-4/transitions", Map.of("transition", Map.of("id", "41"))).expect(204);
        admin.postJson(REST + "/triggers", Map.of("project", "DEMO", "event", "pullrequest_changes_requested",
                "transition", "Start Progress")).expect(201);
        admin.postJson(REST + "/triggers", Map.of("project", "*", "event", "pullrequest_approved",
                "transition", "Resolve")).expect(201);
        int pr = sim.simulator().store().repository("acme", "webapp").orElseThrow().pullRequests().values().stream()
                .filter(p -> p.title().contains("DEMO-4") && p.state().equals(PullRequest.OPEN)).findFirst()
                .orElseThrow().id();
        String review = sim.baseUrl() + REPO + "/pullrequests/" + pr;

        sim.http().postJson(review + "/request-changes", Map.of("user", "alice")).expect(200);
        Dvcs.await("DEMO-4 In Progress", () -> Optional.of(status("DEMO-4")).filter("In Progress"::equals));
        sim.http().postJson(review + "/approve", Map.of("user", "bob")).expect(200);
        Dvcs.await("DEMO-4 Done", () -> Optional.of(status("DEMO-4")).filter("Done"::equals));

        List<JsonNode> entries = logEntries("DEMO-4");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("event").asText()).isEqualTo("pullrequest_changes_requested");
            assertThat(e.path("actor").asText()).isEqualTo("alice"); // mapped by the e-mails of her commits
            assertThat(e.path("outcome").asText()).isEqualTo("DONE");
            assertThat(e.path("url").asText()).endsWith("/acme/webapp/pull-requests/" + pr);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("event").asText()).isEqualTo("pullrequest_approved");
            assertThat(e.path("actor").asText()).isEqualTo("bob");
            assertThat(e.path("reason").asText()).isEqualTo("Moved to Done");
        });
        assertThat(admin.get("/plugins/servlet/dvcs/triggers").expect(200).body()).contains(">pull request #" + pr + "</a>");
    }

    private static void link() {
        int account = admin.postJson(ACCOUNTS, Dvcs.linkBody("acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET)).expect(201)
                .json().path("id").asInt();
        Dvcs.awaitDiscovered(admin, account);
        Dvcs.await("the webapp webhook registered after its first sync", Duration.ofSeconds(60), () -> Optional.of(true)
                .filter(x -> !sim.simulator().store().repository("acme", "webapp").orElseThrow().hooks().isEmpty()));
        assertThat(sim.simulator().store().repository("acme", "webapp").orElseThrow().hooks().get(0).events())
                .contains("pullrequest:approved", "pullrequest:changes_request_created");
    }

    private static JsonNode logEntry(String issueKey) {
        List<JsonNode> entries = logEntries(issueKey);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static List<JsonNode> logEntries(String issueKey) {
        List<JsonNode> rows = new ArrayList<>();
        admin.get(REST + "/triggers/log").expect(200).json().forEach(e -> {
            if (e.path("issueKey").asText().equals(issueKey) && !e.path("outcome").asText().equals("STARTED")) {
                rows.add(e);
            }
        });
        return rows;
    }

    private static String status(String key) {
        return admin.get("/rest/api/2/issue/" + key).expect(200).json().path("fields").path("status").path("name")
                .asText();
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
