package org.dvcsconnector.it.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.REST;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.java.ao.Query;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.simulator.model.Hook;
import org.dvcsconnector.refapp.simulator.webhook.Delivery;
import org.dvcsconnector.refapp.simulator.webhook.WebhookDispatcher;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smart commits and workflow triggers end to end: the real refapp with the built bundle, the simulator firing
 * signed webhooks at it, and the tracker's Jira-shaped REST to see what happened to the issues.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmartCommitsAndTriggersIT {

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
    void rulesAreAdminOnlyAndValidated() {
        Map<String, String> rule = Map.of("project", "DEMO", "event", "branch_created", "transition", "Start Progress");
        server.anonymous().postJson(REST + "/triggers", rule).expect(401);
        server.basic("alice", "alice").postJson(REST + "/triggers", rule).expect(403);
        server.basic("alice", "alice").get(REST + "/triggers").expect(403);
        JsonNode errors = admin.postJson(REST + "/triggers", Map.of("project", "NOPE", "event", "branch_deleted",
                "transition", " ")).expect(400).json().path("errors");
        assertThat(errors.path("project").asText()).contains("NOPE");
        assertThat(errors.path("event").asText()).contains("branch_created");
        assertThat(errors.path("transition").asText()).isNotBlank();
        admin.post(REST + "/triggers", "application/json", "{not json").expect(400);
        assertThat(admin.get(REST + "/triggers").expect(200).json()).isEmpty();

        admin.postJson(REST + "/triggers", rule).expect(201);
        admin.postJson(REST + "/triggers", Map.of("project", "*", "event", "pullrequest_merged", "transition", "Resolve"))
                .expect(201);
        admin.postJson(REST + "/triggers", rule).expect(400); // one rule per project and event
        admin.putJson(REST + "/triggers/serviceuser", Map.of("username", "ghost")).expect(400);
        admin.putJson(REST + "/triggers/serviceuser", Map.of("username", "admin")).expect(200);
        assertThat(admin.get(REST + "/triggers").expect(200).json()).hasSize(2);
        assertThat(admin.get("/plugins/servlet/dvcs/triggers").expect(200).body())
                .contains("Start Progress").contains("pullrequest_merged").contains("atl_token");
    }

    @Test
    @Order(2)
    void aFullSyncOfHistoryRunsNoCommandAndFiresNoTrigger() {
        int account = admin.postJson(ACCOUNTS, Dvcs.linkBody("acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET)).expect(201)
                .json().path("id").asInt();
        Dvcs.awaitDiscovered(admin, account);
        Dvcs.await("webhooks registered after the first syncs", Duration.ofSeconds(60), () -> Optional.of(true)
                .filter(x -> List.of("webapp", "api", "infra").stream().allMatch(slug -> !hooks(slug).isEmpty())));
        // The demo history holds "DEMO-3 #comment … #time 2h" and "DEMO-9 #resolve", and branches for DEMO-3 and DEMO-10.
        assertThat(issue("DEMO-3").path("fields").path("comment").path("comments")).isEmpty();
        assertThat(issue("DEMO-3").path("fields").path("worklog").path("worklogs")).isEmpty();
        assertThat(status("DEMO-9")).isEqualTo("To Do");
        assertThat(status("DEMO-10")).isEqualTo("To Do");
        assertThat(admin.get(REST + "/triggers/log").expect(200).json()).isEmpty();
        assertThat(admin.get(REST + "/smartcommits/errors").expect(200).json()).isEmpty();
    }

    @Test
    @Order(3)
    void alicesSmartCommitCommentsAndLogsWorkAsAlice() {
        int comments = comments("DEMO-1").size();
        Instant before = Instant.now().minusSeconds(1);
        commit("main", "DEMO-1 #comment hi #time 1h", "alice@example.com");
        Instant after = Instant.now().plusSeconds(1);
        JsonNode fields = Dvcs.await("the smart commit on DEMO-1", () -> Optional.of(issue("DEMO-1").path("fields"))
                .filter(f -> f.path("worklog").path("worklogs").size() > 0
                        && f.path("comment").path("comments").size() > comments));
        JsonNode comment = only(hiComments());
        assertThat(comment.path("author").path("name").asText()).isEqualTo("alice");
        assertThat(comment.path("body").asText()).isEqualTo("hi");
        JsonNode worklog = only(hourByAlice());
        assertThat(worklog.path("author").path("name").asText()).isEqualTo("alice");
        assertThat(worklog.path("timeSpentSeconds").asLong()).isEqualTo(3600);
        Instant started = OffsetDateTime.parse(worklog.path("started").asText()).toInstant();
        assertThat(started).isBetween(before, after);
    }

    @Test
    @Order(4)
    void badCommandsAreReportedAndTheRestStillRun() {
        int demo5 = comments("DEMO-5").size();
        int demo6 = comments("DEMO-6").size();
        commit("main", "DEMO-5 #frobnicate #comment still here", "alice@example.com");
        commit("main", "DEMO-6 #comment from a stranger", "nobody@example.com");
        List<JsonNode> errors = Dvcs.await("two smart-commit errors", () -> Optional.of(list(REST + "/smartcommits/errors"))
                .filter(e -> e.size() >= 2));
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path("issueKey").asText()).isEqualTo("DEMO-5");
            assertThat(e.path("command").asText()).isEqualTo("#frobnicate");
            assertThat(e.path("reason").asText()).contains("No transition 'frobnicate'");
            assertThat(e.path("url").asText()).contains("/acme/webapp/commits/");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path("issueKey").asText()).isEqualTo("DEMO-6");
            assertThat(e.path("reason").asText()).contains("nobody@example.com");
        });
        Dvcs.await("the comment after the bad command", () -> Optional.of(issue("DEMO-5"))
                .filter(i -> i.path("fields").path("comment").path("comments").size() == demo5 + 1));
        assertThat(comments("DEMO-6")).hasSize(demo6);
        assertThat(admin.get("/plugins/servlet/dvcs/triggers").expect(200).body()).contains("#frobnicate")
                .containsPattern("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}Z\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, ");
    }

    @Test
    @Order(5)
    void branchAndMergedPullRequestMoveTheIssue() {
        // The demo tracker has DEMO-2 under way already: resolve and reopen it, so that Start Progress is on offer.
        for (int i = 0; i < 2 && !status("DEMO-2").equals("To Do"); i++) {
            String id = status("DEMO-2").equals("Done") ? "41" : "31";
            admin.postJson("/rest/api/2/issue/DEMO-2/transitions", Map.of("transition", Map.of("id", id))).expect(204);
        }
        assertThat(status("DEMO-2")).isEqualTo("To Do");
        sim.http().postJson(sim.baseUrl() + REPO + "/branches", Map.of("name", "feature/DEMO-2-login", "from", "main"))
                .expect(201);
        Dvcs.await("DEMO-2 In Progress", () -> Optional.of(status("DEMO-2")).filter("In Progress"::equals));
        commit("feature/DEMO-2-login", "Login form", "bob@example.com");
        int pr = sim.http().postJson(sim.baseUrl() + REPO + "/pullrequests", Map.of("title", "DEMO-2 Login",
                "source", "feature/DEMO-2-login", "destination", "main")).expect(201).json().path("id").asInt();
        sim.http().postJson(sim.baseUrl() + REPO + "/pullrequests/" + pr + "/merge", Map.of()).expect(200);
        Dvcs.await("DEMO-2 Done", () -> Optional.of(status("DEMO-2")).filter("Done"::equals));
        List<JsonNode> log = list(REST + "/triggers/log");
        assertThat(log).anySatisfy(e -> {
            assertThat(e.path("event").asText()).isEqualTo("pullrequest_merged");
            assertThat(e.path("issueKey").asText()).isEqualTo("DEMO-2");
            assertThat(e.path("outcome").asText()).isEqualTo("DONE");
        });
    }

    @Test
    @Order(6)
    void replayedWebhooksChangeNothing() throws Exception {
        WebhookDispatcher webhooks = sim.simulator().webhooks();
        List<Delivery> replays = new ArrayList<>();
        for (Delivery d : webhooks.deliveries()) {
            if (d.delivered() && (d.body().contains("DEMO-1 #comment hi") || d.event().equals("pullrequest:fulfilled")
                    || (d.event().equals("repo:push") && d.body().contains("feature/DEMO-2-login")))) {
                replays.add(d);
            }
        }
        assertThat(replays).hasSizeGreaterThanOrEqualTo(3);
        int logBefore = list(REST + "/triggers/log").size();
        int account = Dvcs.accounts(admin).get(0).path("id").asInt();
        for (Delivery d : replays) {
            // Bitbucket's retry, and a replay under a new id (still correctly signed): both known, neither queued
            assertThat(deliver(d, d.requestUuid()).json().path("message").asText()).isEqualTo("Already received.");
            assertThat(deliver(d, UUID.randomUUID().toString()).json().path("message").asText())
                    .isEqualTo("Already received.");
        }
        // Then a sync of everything.
        int requested = lastSyncRun(account);
        admin.post(ACCOUNTS + "/" + account + "/sync", null, null).expect(202);
        Dvcs.await("a soft sync of each repository", () -> Optional.of(true).filter(x -> syncedSince(account, requested)));
        // Whatever a replay wrongly taken up would do to an issue is done once nothing is left to process.
        Dvcs.await("every delivery, event and sync processed", () -> Optional.of(true).filter(x -> nothingLeft(account)));
        assertThat(hiComments()).hasSize(1);
        assertThat(hourByAlice()).hasSize(1);
        assertThat(status("DEMO-2")).isEqualTo("Done");
        assertThat(list(REST + "/triggers/log")).hasSize(logBefore);
    }

    /**
     * Every delivery processed (a processed one's payload is cleared), no development event waiting in the outbox
     * (an event stays PENDING until its commands and triggers have run), no sync queued or running.
     */
    private static boolean nothingLeft(int account) {
        PluginActiveObjects ao = server.refapp().activeObjects().forPlugin(RefappServer.PLUGIN_KEY);
        if (ao.count(WebhookDeliveryEntity.class, Query.select().where("PAYLOAD IS NOT NULL")) > 0
                || ao.count(DevEventEntity.class, Query.select().where("STATE = ?", "PENDING")) > 0) {
            return false;
        }
        for (JsonNode r : Dvcs.account(admin, account).orElseThrow().path("repositories")) {
            if (List.of("QUEUED", "RUNNING").contains(r.path("sync").path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The id of the account's newest sync audit entry (full, soft or webhook), 0 when none. */
    private static int lastSyncRun(int account) {
        JsonNode runs = admin.get(ACCOUNTS + "/" + account + "/syncs?limit=1").expect(200).json();
        return runs.isEmpty() ? 0 : runs.get(0).path("id").asInt();
    }

    /** Each linked repository finished a soft sync logged after entry {@code after}, and none is queued or running. */
    private static boolean syncedSince(int account, int after) {
        List<Integer> synced = new ArrayList<>();
        admin.get(ACCOUNTS + "/" + account + "/syncs?limit=50").expect(200).json().forEach(run -> {
            if (run.path("id").asInt() > after && run.path("type").asText().equals("SOFT") && !run.path("finished").isNull()) {
                synced.add(run.path("repositoryId").asInt());
            }
        });
        JsonNode repositories = Dvcs.account(admin, account).orElseThrow().path("repositories");
        boolean idle = true;
        for (JsonNode r : repositories) {
            if (r.path("linked").asBoolean()) {
                idle &= synced.contains(r.path("id").asInt())
                        && !List.of("QUEUED", "RUNNING").contains(r.path("sync").path("state").asText());
            }
        }
        return idle;
    }

    private static Http.Response deliver(Delivery d, String requestUuid) {
        Hook hook = hooks("webapp").stream().filter(h -> h.uuid().equals(d.hookUuid())).findFirst().orElseThrow();
        return Http.anonymous(server.baseUrl()).post(d.url(), "application/json", d.body(),
                "X-Event-Key", d.event(), "X-Hook-UUID", hook.uuid().replace("{", "").replace("}", ""),
                "X-Request-UUID", requestUuid, "X-Attempt-Number", "2",
                "X-Hub-Signature", "sha256=" + WebhookDispatcher.hmacSha256(hook.secret(),
                        d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<Hook> hooks(String slug) {
        return sim.simulator().store().repository("acme", slug).orElseThrow().hooks();
    }

    private static void commit(String branch, String message, String email) {
        sim.http().postJson(sim.baseUrl() + REPO + "/commits", Map.of("branch", branch, "message", message,
                "authorName", email.substring(0, email.indexOf('@')), "authorEmail", email)).expect(201);
    }

    private static JsonNode issue(String key) {
        return admin.get("/rest/api/2/issue/" + key).expect(200).json();
    }

    private static List<JsonNode> comments(String key) {
        List<JsonNode> rows = new ArrayList<>();
        issue(key).path("fields").path("comment").path("comments").forEach(rows::add);
        return rows;
    }

    private static List<JsonNode> hiComments() {
        return comments("DEMO-1").stream().filter(c -> c.path("body").asText().equals("hi")).toList();
    }

    private static List<JsonNode> hourByAlice() {
        List<JsonNode> rows = new ArrayList<>();
        issue("DEMO-1").path("fields").path("worklog").path("worklogs").forEach(w -> {
            if (w.path("author").path("name").asText().equals("alice") && w.path("timeSpentSeconds").asLong() == 3600) {
                rows.add(w);
            }
        });
        return rows;
    }

    private static String status(String key) {
        return issue(key).path("fields").path("status").path("name").asText();
    }

    private static List<JsonNode> list(String path) {
        List<JsonNode> rows = new ArrayList<>();
        admin.get(path).expect(200).json().forEach(rows::add);
        return rows;
    }

    private static JsonNode only(Iterable<JsonNode> rows) {
        assertThat(rows).hasSize(1);
        return rows.iterator().next();
    }
}
