package org.dvcsconnector.it.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.REST;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
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
 * {@code /rest/dvcs/1.0/accounts} and {@code /repositories} for a linked account, against the simulator: options,
 * the sync log, deletion, malformed requests, unknown ids, and who may call what. Linking itself, and its refusals,
 * are {@link AccountLinkingRestIT}'s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsRestIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0");

    private static Sim sim;
    private static Http admin;
    /** The acme account, linked and discovered before the tests. */
    private static int acme;

    @BeforeAll
    static void setUp() {
        sim = Sim.of(server);
        admin = server.admin();
        acme = Dvcs.linkPrivate(admin, "acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET).path("id").asInt();
        Dvcs.awaitDiscovered(admin, acme);
    }

    @Test
    @Order(2)
    void malformedJsonAndWrongTypesAre400WithoutStackTraces() {
        int before = Dvcs.accounts(admin).size();
        List<Http.Response> responses = new ArrayList<>();
        responses.add(admin.postJson(ACCOUNTS, "{\"workspace\": \"acme\", "));
        responses.add(admin.postJson(ACCOUNTS, "not json at all"));
        responses.add(admin.postJson(ACCOUNTS, "{\"workspace\": [\"acme\"], \"clientId\": \"demo-private\"}"));
        responses.add(admin.postJson(ACCOUNTS, "{\"workspace\": \"x\", \"autoLink\": \"maybe\"}"));
        responses.add(admin.postJson(ACCOUNTS, "[1, 2, 3]"));
        responses.add(admin.putJson(ACCOUNTS + "/" + acme, "{\"autoLink\": {\"on\": true}}"));
        responses.add(admin.putJson(ACCOUNTS + "/" + acme, "{\"smartCommits\": "));
        responses.add(admin.postJson(ACCOUNTS + "/" + acme + "/credentials", "{\"clientId\": 42.5e999}"));
        int repository = Dvcs.account(admin, acme).orElseThrow().path("repositories").get(0).path("id").asInt();
        responses.add(admin.putJson(REST + "/repositories/" + repository, "{\"linked\": [true]}"));
        SoftAssertions soft = new SoftAssertions();
        for (Http.Response response : responses) {
            soft.assertThat(response.status()).as(response.toString()).isEqualTo(400);
            soft.assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
            soft.assertThat(response.body()).as(response.toString())
                    .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.")
                    .doesNotContain("com.fasterxml").doesNotContain("jakarta.").doesNotContain("Source:");
            if (response.contentType().startsWith("application/json")) {
                JsonNode body = response.json();
                soft.assertThat(body.path("message").asText() + body.path("errors").toString()).as(response.toString())
                        .isNotBlank();
            }
        }
        soft.assertAll();
        assertThat(Dvcs.accounts(admin)).hasSize(before);
        JsonNode unchanged = Dvcs.account(admin, acme).orElseThrow();
        assertThat(unchanged.path("autoLink").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void accountAndRepositoryOptionsPersist() {
        JsonNode updated = admin.putJson(ACCOUNTS + "/" + acme, Map.of("autoLink", false)).expect(200).json();
        assertThat(updated.path("autoLink").asBoolean()).isFalse();
        assertThat(updated.path("smartCommits").asBoolean()).as("absent field left as it was").isTrue();
        admin.putJson(ACCOUNTS + "/" + acme, Map.of("smartCommits", false)).expect(200);
        JsonNode reread = admin.get(ACCOUNTS + "/" + acme).expect(200).json();
        assertThat(reread.path("autoLink").asBoolean()).isFalse();
        assertThat(reread.path("smartCommits").asBoolean()).isFalse();

        JsonNode api = repository(reread, "api");
        int apiId = api.path("id").asInt();
        JsonNode repo = admin.putJson(REST + "/repositories/" + apiId, Map.of("linked", false)).expect(200).json();
        assertThat(repo.path("linked").asBoolean()).isFalse();
        assertThat(repo.path("smartCommits").asBoolean()).isTrue();
        admin.putJson(REST + "/repositories/" + apiId, Map.of("smartCommits", false)).expect(200);
        JsonNode again = repository(Dvcs.account(admin, acme).orElseThrow(), "api");
        assertThat(again.path("linked").asBoolean()).isFalse();
        assertThat(again.path("smartCommits").asBoolean()).isFalse();
        assertThat(repository(Dvcs.account(admin, acme).orElseThrow(), "webapp").path("linked").asBoolean())
                .as("other repositories untouched").isTrue();

        // A sync keeps the administrator's choices.
        admin.post(ACCOUNTS + "/" + acme + "/sync", null, null).expect(202);
        JsonNode synced = Dvcs.awaitDiscovered(admin, acme);
        assertThat(repository(synced, "api").path("linked").asBoolean()).isFalse();
        assertThat(synced.path("autoLink").asBoolean()).isFalse();

        admin.putJson(ACCOUNTS + "/" + acme, Map.of("autoLink", true, "smartCommits", true)).expect(200);
        admin.putJson(REST + "/repositories/" + apiId, Map.of("linked", true, "smartCommits", true)).expect(200);
        JsonNode restored = Dvcs.account(admin, acme).orElseThrow();
        assertThat(restored.path("autoLink").asBoolean()).isTrue();
        assertThat(repository(restored, "api").path("linked").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void verifiedAuthorsOnlyIsOffForANewAccountAndRoundTripsOnItsOwn() {
        JsonNode before = Dvcs.account(admin, acme).orElseThrow();
        assertThat(before.path("verifiedAuthorsOnly").isBoolean()).as("the account shows the option").isTrue();
        assertThat(before.path("verifiedAuthorsOnly").asBoolean()).as("off unless turned on").isFalse();

        JsonNode on = admin.putJson(ACCOUNTS + "/" + acme, Map.of("verifiedAuthorsOnly", true)).expect(200).json();
        assertThat(on.path("verifiedAuthorsOnly").asBoolean()).isTrue();
        assertThat(on.path("autoLink").asBoolean()).as("the other options left as they were")
                .isEqualTo(before.path("autoLink").asBoolean());
        assertThat(on.path("smartCommits").asBoolean()).isEqualTo(before.path("smartCommits").asBoolean());
        assertThat(admin.get(ACCOUNTS + "/" + acme).expect(200).json().path("verifiedAuthorsOnly").asBoolean()).isTrue();

        admin.putJson(ACCOUNTS + "/" + acme, Map.of("smartCommits", before.path("smartCommits").asBoolean())).expect(200);
        assertThat(admin.get(ACCOUNTS + "/" + acme).expect(200).json().path("verifiedAuthorsOnly").asBoolean())
                .as("an update without the field keeps it").isTrue();

        admin.putJson(ACCOUNTS + "/" + acme, Map.of("verifiedAuthorsOnly", false)).expect(200);
        assertThat(admin.get(ACCOUNTS + "/" + acme).expect(200).json().path("verifiedAuthorsOnly").asBoolean()).isFalse();
    }

    @Test
    @Order(1)
    void theSyncLogListsEachRunWithItsCountsInRestAndOnThePage() {
        JsonNode synced = Dvcs.awaitAccount(admin, acme, "every repository synced", a -> {
            for (JsonNode r : a.path("repositories")) {
                if (!"DONE".equals(r.path("sync").path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
        JsonNode runs = admin.get(ACCOUNTS + "/" + acme + "/syncs").expect(200).json();
        assertThat(runs.size()).isGreaterThanOrEqualTo(3);
        Set<String> fullySynced = new HashSet<>();
        runs.forEach(run -> {
            if (run.path("type").asText().equals("FULL") && run.path("error").isNull()) {
                fullySynced.add(run.path("repository").asText());
                assertThat(run.path("finished").isNull()).isFalse();
                assertThat(run.path("requests").asInt()).as("requests of %s", run).isPositive();
                assertThat(run.path("durationMs").asLong()).isNotNegative();
            }
        });
        assertThat(fullySynced).containsExactlyInAnyOrder("api", "infra", "webapp");
        assertThat(runs.findValues("commits").stream().mapToInt(JsonNode::asInt).sum()).isPositive();

        JsonNode webapp = repository(synced, "webapp");
        JsonNode one = admin.get(REST + "/repositories/" + webapp.path("id").asInt() + "/syncs?limit=1").expect(200).json();
        assertThat(one).hasSize(1);
        assertThat(one.get(0).path("repositoryId").asInt()).isEqualTo(webapp.path("id").asInt());
        for (String bad : List.of("0", "201", "abc")) {
            assertThat(admin.get(ACCOUNTS + "/" + acme + "/syncs?limit=" + bad).expect(400).json()
                    .path("errors").path("limit").asText()).contains("1 to 200");
        }
        admin.get(ACCOUNTS + "/987654/syncs").expect(404);

        String page = admin.get(Dvcs.PAGE + "?action=sync-log&id=" + acme).expect(200).body();
        assertThat(page).contains("Sync log of").contains("webapp").contains("full").doesNotContain("Exception");
        String accounts = admin.get(Dvcs.PAGE).expect(200).body();
        assertThat(accounts).contains("action=sync-log&amp;id=" + acme).contains("3 of 3 repositories synced");
        assertThat(synced.path("sync").path("done").asInt()).isEqualTo(3);
        assertThat(synced.path("sync").path("requests").asInt()).isPositive();
    }

    @Test
    void deletingAnAccountShowsProgressThenRemovesItAndItsRepositories() {
        sim.workspace("doomed", "alpha", "beta");
        int id = Dvcs.linkPrivate(admin, "doomed", DEMO_PRIVATE, DEMO_PRIVATE_SECRET).path("id").asInt();
        JsonNode discovered = Dvcs.awaitDiscovered(admin, id);
        assertThat(Dvcs.slugs(discovered)).containsExactly("alpha", "beta");
        List<Integer> repositoryIds = new ArrayList<>();
        discovered.path("repositories").forEach(r -> repositoryIds.add(r.path("id").asInt()));

        Http.Response deleting = admin.delete(ACCOUNTS + "/" + id).expect(202);
        JsonNode body = deleting.json();
        if (!body.isNull() && !body.isMissingNode()) {
            assertThat(body.path("status").asText()).isEqualTo("DELETING");
            assertThat(body.path("deletion").path("total").asInt()).isPositive();
        } else {
            throw new AssertionError("202 without the account (status DELETING, progress): " + deleting);
        }
        Dvcs.awaitGone(admin, id);
        admin.get(ACCOUNTS + "/" + id).expect(404);
        for (int repositoryId : repositoryIds) {
            admin.putJson(REST + "/repositories/" + repositoryId, Map.of("linked", true)).expect(404);
        }
        admin.delete(ACCOUNTS + "/" + id).expect(404);
        assertThat(Dvcs.account(admin, acme)).as("other accounts stay").isPresent();
    }

    @Test
    void unknownIdsAre404() {
        String missing = ACCOUNTS + "/987654";
        List<Http.Response> responses = List.of(
                admin.get(missing),
                admin.get(ACCOUNTS + "/not-a-number"),
                admin.putJson(missing, Map.of("autoLink", true)),
                admin.delete(missing),
                admin.postJson(missing + "/credentials", Map.of("clientId", DEMO_PRIVATE, "clientSecret", DEMO_PRIVATE_SECRET)),
                admin.postJson(missing + "/migrate", Map.of("clientId", DEMO_PRIVATE, "clientSecret", DEMO_PRIVATE_SECRET)),
                admin.post(missing + "/sync", null, null),
                admin.putJson(REST + "/repositories/987654", Map.of("linked", true)));
        SoftAssertions soft = new SoftAssertions();
        for (Http.Response response : responses) {
            soft.assertThat(response.status()).as(response.toString()).isEqualTo(404);
            soft.assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        }
        soft.assertAll();
    }

    @Test
    @Order(4)
    void onlyAdministratorsMayCallAnyEndpoint() {
        int repository = Dvcs.account(admin, acme).orElseThrow().path("repositories").get(0).path("id").asInt();
        JsonNode before = Dvcs.account(admin, acme).orElseThrow();
        Http alice = server.basic("alice", "alice");
        Http anonymous = server.anonymous();
        SoftAssertions soft = new SoftAssertions();
        for (Call call : everyEndpoint(acme, repository)) {
            // The no-check header gets anonymous form-less POSTs past the XSRF filter, to the permission check.
            Http.Response asAlice = call.send(alice);
            soft.assertThat(asAlice.status()).as("alice: " + asAlice).isEqualTo(403);
            soft.assertThat(asAlice.body()).as("alice: " + asAlice).doesNotContain(DEMO_PRIVATE_SECRET)
                    .doesNotContain("\"repositories\"");
            Http.Response asNobody = call.send(anonymous, "X-Atlassian-Token", "no-check");
            soft.assertThat(asNobody.status()).as("anonymous: " + asNobody).isEqualTo(401);
            soft.assertThat(asNobody.body()).as("anonymous: " + asNobody).doesNotContain("\"repositories\"");
        }
        soft.assertAll();
        JsonNode after = Dvcs.account(admin, acme).orElseThrow();
        assertThat(after.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.path("autoLink")).isEqualTo(before.path("autoLink"));
        assertThat(after.path("clientId")).isEqualTo(before.path("clientId"));
        assertThat(after.path("repositories")).hasSize(3);
    }

    @Test
    @Order(5)
    void aFormPostWithTheSessionCookieButNoXsrfHeaderIsRefused() {
        Http session = Dvcs.login(server, "admin", "admin");
        sim.workspace("xsrf", "one");
        int before = Dvcs.accounts(admin).size();
        String form = "host=bitbucket-cloud&workspace=xsrf&clientId=demo-private&clientSecret=demo-private-secret";
        List<Http.Response> refused = List.of(
                session.post(ACCOUNTS, "application/x-www-form-urlencoded", form),
                session.post(ACCOUNTS, "text/plain", "{\"workspace\":\"xsrf\",\"clientId\":\"demo-private\","
                        + "\"clientSecret\":\"demo-private-secret\"}"),
                session.post(ACCOUNTS + "/" + acme + "/sync", "application/x-www-form-urlencoded", ""),
                session.post(ACCOUNTS + "/" + acme + "/migrate", "application/x-www-form-urlencoded",
                        "clientId=demo-private&clientSecret=demo-private-secret"));
        for (Http.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
        }
        assertThat(Dvcs.accounts(admin)).hasSize(before);
        assertThat(Dvcs.accountByWorkspace(admin, "xsrf")).isEmpty();
        // The same session may call with JSON (what the page's script sends).
        session.get(ACCOUNTS).expect(200);
        session.postJson(ACCOUNTS + "/" + acme + "/sync", "{}").expect(202);
        Dvcs.awaitDiscovered(admin, acme);
    }

    @Test
    @Order(6)
    void theRequestBudgetIsEditableWithinItsFloorAndCeiling() {
        String one = ACCOUNTS + "/" + acme;
        JsonNode budget = Dvcs.account(admin, acme).orElseThrow().path("requestBudget");
        assertThat(budget.path("perHour").asInt()).isEqualTo(900);
        assertThat(budget.path("own").asBoolean()).isFalse();
        assertThat(budget.path("defaultPerHour").asInt()).isEqualTo(900);
        assertThat(budget.path("floor").asInt()).isEqualTo(60);
        assertThat(budget.path("ceiling").asInt()).isEqualTo(5_000);
        assertThat(budget.path("usedThisHour").asInt()).as("acme's syncs").isPositive();
        assertThat(budget.path("usage").asText()).matches("Used \\d+ of 900 in the last hour");

        for (String refused : List.of("{\"requestBudget\": 59}", "{\"requestBudget\": 5001}", "{\"requestBudget\": -1}",
                "{\"requestBudget\": 120.5}", "{\"requestBudget\": \"120\"}", "{\"requestBudget\": 99999999999}",
                "{\"requestBudget\": 59, \"autoLink\": false}")) {
            JsonNode errors = admin.putJson(one, refused).expect(400).json().path("errors");
            assertThat(errors.fieldNames()).as(refused).toIterable().containsExactly("requestBudget");
        }
        assertThat(Dvcs.account(admin, acme).orElseThrow().path("autoLink").asBoolean())
                .as("a refused budget changes nothing else").isTrue();

        JsonNode saved = admin.putJson(one, Map.of("requestBudget", 250)).expect(200).json();
        assertThat(saved.path("requestBudget").path("perHour").asInt()).isEqualTo(250);
        assertThat(saved.path("requestBudget").path("own").asBoolean()).isTrue();
        assertThat(Dvcs.account(admin, acme).orElseThrow().path("requestBudget").path("perHour").asInt()).isEqualTo(250);
        JsonNode reset = admin.putJson(one, "{\"requestBudget\": null}").expect(200).json();
        assertThat(reset.path("requestBudget").path("perHour").asInt()).as("back to the site's default").isEqualTo(900);
        assertThat(reset.path("requestBudget").path("own").asBoolean()).isFalse();

        // The page's form, without its script: a post with the XSRF token, then the page says what happened.
        Http session = Dvcs.login(server, "admin", "admin");
        Map<String, String> form = Map.of("action", "budget", "id", Integer.toString(acme), "requestBudget", "10");
        Dvcs.postPageForm(session, Dvcs.PAGE, form).expect(302);
        assertThat(session.get(Dvcs.PAGE).expect(200).body()).contains("Not saved: Give a whole number of requests an"
                + " hour from 60 to 5,000");
        Dvcs.postPageForm(session, Dvcs.PAGE, Map.of("action", "budget", "id", Integer.toString(acme),
                "requestBudget", "1,500")).expect(302);
        assertThat(session.get(Dvcs.PAGE).expect(200).body()).contains("Saved the request budget of")
                .contains(": 1500 requests/hour.");
        assertThat(Dvcs.account(admin, acme).orElseThrow().path("requestBudget").path("perHour").asInt()).isEqualTo(1_500);
        admin.putJson(one, "{\"requestBudget\": null}").expect(200);
    }

    @Test
    @Order(7)
    void aSpentBudgetIsAPauseWithWhenAndWhyNotAFailure() {
        JsonNode account = Dvcs.linkPausedByBudget(admin, sim, "budgeted");
        JsonNode paused = null;
        for (JsonNode r : account.path("repositories")) {
            if ("PAUSED".equals(r.path("sync").path("state").asText())) {
                paused = r;
            }
        }
        JsonNode sync = paused.path("sync");
        assertThat(sync.path("pauseReason").asText()).isEqualTo("BUDGET");
        java.time.Instant resumes = java.time.Instant.parse(sync.path("resumesAt").asText());
        assertThat(resumes).isBetween(java.time.Instant.now().plusSeconds(50 * 60), java.time.Instant.now().plusSeconds(62 * 60));
        assertThat(sync.path("error").isNull()).as("a pause is no error").isTrue();
        assertThat(sync.path("message").asText()).matches("Paused until \\d\\d:\\d\\d \\(this account's budget of 60"
                + " requests/hour is spent\\); it resumes by itself\\.");
        assertThat(sync.path("recentSynced").asBoolean()).as("its recent work came first").isTrue();
        assertThat(paused.path("syncText").asText()).startsWith("Paused until ")
                .contains("(this account's budget of 60 requests/hour is spent)").contains("ETA about ")
                .doesNotContain("failed").doesNotContain("just now");
        JsonNode summary = account.path("sync");
        assertThat(summary.path("failed").asInt()).isZero();
        assertThat(summary.path("paused").asInt()).isPositive();
        assertThat(summary.path("synced").asInt()).as("both have their recent work").isEqualTo(2);
        assertThat(summary.path("text").asText()).startsWith("2 of 2 repositories synced")
                .contains("paused until ").doesNotContain("failed");
        assertThat(account.path("requestBudget").path("usedThisHour").asInt()).isBetween(50, 60);
    }

    private static List<Call> everyEndpoint(int account, int repository) {
        String one = ACCOUNTS + "/" + account;
        Map<String, Object> credentials = Map.of("clientId", DEMO_PRIVATE, "clientSecret", DEMO_PRIVATE_SECRET);
        Map<String, Object> link = new LinkedHashMap<>(Dvcs.linkBody("permcheck", DEMO_PRIVATE, DEMO_PRIVATE_SECRET));
        return List.of(
                (http, h) -> http.get(ACCOUNTS, h),
                (http, h) -> http.get(one, h),
                (http, h) -> http.get(one + "/syncs", h),
                (http, h) -> http.get(REST + "/repositories/" + repository + "/syncs", h),
                (http, h) -> http.postJson(ACCOUNTS, link, h),
                (http, h) -> http.putJson(one, Map.of("autoLink", false), h),
                (http, h) -> http.delete(one, h),
                (http, h) -> http.postJson(one + "/credentials", credentials, h),
                (http, h) -> http.postJson(one + "/migrate", credentials, h),
                (http, h) -> http.post(one + "/sync", null, null, h),
                (http, h) -> http.putJson(REST + "/repositories/" + repository, Map.of("linked", false), h));
    }

    @FunctionalInterface
    private interface Call {
        Http.Response send(Http http, String... headers);
    }

    private static JsonNode repository(JsonNode account, String slug) {
        for (JsonNode r : account.path("repositories")) {
            if (r.path("slug").asText().equals(slug)) {
                return r;
            }
        }
        throw new AssertionError("No repository " + slug + " in " + account.toPrettyString());
    }
}
