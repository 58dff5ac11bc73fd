package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dvcsconnector.testing.BitbucketFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks: each body compared key-by-key and type-by-type with the real payload of the same event,
 * Bitbucket's headers, the HMAC signature, and retries.
 */
class WebhookTest {

    static SimClient c;
    static String token;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresToSend = new AtomicInteger();
    static final String SECRET = "It's a secret to everybody";

    record Received(Map<String, String> headers, byte[] body) {
        JsonNode json() throws Exception {
            return SimClient.JSON.readTree(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        c = new SimClient();
        token = c.demoToken();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            Map<String, String> h = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(h, ex.getRequestBody().readAllBytes()));
            int status = failuresToSend.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        SimClient.Reply hook = c.json("POST", "/2.0/repositories/acme/webapp/hooks", token, "{\"description\":\"test\","
                + "\"url\":\"" + url + "\",\"active\":true,\"secret\":\"" + SECRET + "\",\"events\":[\"repo:push\","
                + "\"pullrequest:created\",\"pullrequest:updated\",\"pullrequest:fulfilled\",\"pullrequest:rejected\","
                + "\"pullrequest:approved\",\"pullrequest:unapproved\",\"pullrequest:changes_request_created\","
                + "\"pullrequest:changes_request_removed\"]}");
        assertThat(hook.code()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        c.close();
    }

    @BeforeEach
    void clear() throws InterruptedException {
        clearReceived();
        failuresToSend.set(0);
    }

    /**
     * Forgets what was received once nothing is on its way: a delivery of an earlier change (or test) arriving after
     * the clear would otherwise be taken for the next change's.
     */
    private static void clearReceived() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (c.sim.webhooks().inFlight() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(c.sim.webhooks().inFlight()).as("deliveries still on their way").isZero();
        received.clear();
    }

    private static List<Received> await(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
        return new ArrayList<>(received);
    }

    private static Received event(String key) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (Received r : received) {
                if (key.equals(r.headers().get("x-event-key"))) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + key + " delivered; got " + received.size());
    }

    private static void commit(String branch, String message) {
        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/commits", "{\"branch\":\"" + branch
                + "\",\"message\":\"" + message + "\",\"authorName\":\"Alice Anders\",\"authorEmail\":\"alice@example.com\"}");
    }

    @Test
    void pushToAnExistingBranchMatchesTheRealPayloadAndIsSigned() throws Exception {
        commit("main", "DEMO-1 tweak");
        Received push = event("repo:push");
        assertShape("HookPush.json", push.json());
        assertThat(push.headers().get("user-agent")).isEqualTo("Bitbucket-Webhooks/2.0");
        assertThat(push.headers().get("x-hook-uuid")).isNotBlank();
        assertThat(push.headers().get("x-request-uuid")).isNotBlank();
        assertThat(push.headers().get("x-attempt-number")).isEqualTo("1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(push.headers().get("x-hub-signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(push.body())));
        JsonNode change = push.json().path("push").path("changes").get(0);
        assertThat(change.path("new").path("target").path("message").asText()).isEqualTo("DEMO-1 tweak");
        assertThat(change.path("created").asBoolean()).isFalse();
    }

    @Test
    void newAndDeletedBranches() throws Exception {
        commit("feature/DEMO-12-new", "DEMO-12 start");
        JsonNode created = event("repo:push").json().path("push").path("changes").get(0);
        assertThat(created.path("old").isNull()).isTrue();
        assertThat(created.path("created").asBoolean()).isTrue();
        clearReceived();
        c.control("DELETE", "/_sim/workspaces/acme/repositories/webapp/branches/feature%2FDEMO-12-new", null);
        JsonNode deleted = event("repo:push").json().path("push").path("changes").get(0);
        assertThat(deleted.path("new").isNull()).isTrue();
        assertThat(deleted.path("closed").asBoolean()).isTrue();
        assertShape("HookPush.json", event("repo:push").json());
    }

    @Test
    void pullRequestLifecycleMatchesTheRealPayloads() throws Exception {
        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/branches", "{\"name\":\"DEMO-9-big\",\"from\":\"main\"}");
        for (int i = 1; i <= 7; i++) {
            commit("DEMO-9-big", "DEMO-9 step " + i);
        }
        clearReceived();
        JsonNode pr = c.control("POST", "/_sim/workspaces/acme/repositories/webapp/pullrequests",
                "{\"title\":\"DEMO-9 big change\",\"source\":\"DEMO-9-big\",\"destination\":\"main\",\"author\":\"alice\"}");
        assertShape("HookPullRequestCreated.json", event("pullrequest:created").json());
        c.control("PUT", "/_sim/workspaces/acme/repositories/webapp/pullrequests/" + pr.path("id").asInt(),
                "{\"description\":\"now with a description\"}");
        assertShape("HookPullRequestCreated.json", event("pullrequest:updated").json());
        clearReceived();
        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/pullrequests/" + pr.path("id").asInt() + "/merge", null);
        Received fulfilled = event("pullrequest:fulfilled");
        assertShape("HookPullRequestMerged.json", fulfilled.json());
        assertThat(fulfilled.json().path("pullrequest").path("state").asText()).isEqualTo("MERGED");
        JsonNode change = event("repo:push").json().path("push").path("changes").get(0);
        assertThat(change.path("commits")).hasSize(5);
        assertThat(change.path("truncated").asBoolean()).isTrue();
        assertThat(change.path("new").path("target").path("parents")).hasSize(2);

        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/branches", "{\"name\":\"DEMO-10-nope\",\"from\":\"main\"}");
        commit("DEMO-10-nope", "DEMO-10 try");
        JsonNode pr2 = c.control("POST", "/_sim/workspaces/acme/repositories/webapp/pullrequests",
                "{\"title\":\"DEMO-10\",\"source\":\"DEMO-10-nope\",\"destination\":\"main\"}");
        clearReceived();
        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/pullrequests/" + pr2.path("id").asInt() + "/decline",
                "{\"reason\":\"not now\"}");
        Received rejected = event("pullrequest:rejected");
        assertShape("HookPullRequestDeclined.json", rejected.json());
        assertThat(rejected.json().path("pullrequest").path("reason").asText()).isEqualTo("not now");
    }

    @Test
    void approvalsMatchTheRealPayloadsAndMoveTheUpdatedDate() throws Exception {
        // In Bitbucket's own payloads an approval's date is the pull request's new updated_on, and withdrawing it moves
        // updated_on again. The plugin relies on that: a soft sync re-stores only pull requests whose updated_on changed.
        JsonNode real = SimClient.JSON.readTree(BitbucketFixtures.payload("HookPullApproved.json"));
        assertThat(instant(real, "/approval/date")).isEqualTo(instant(real, "/pullrequest/updated_on"));
        JsonNode realWithdrawn = SimClient.JSON.readTree(BitbucketFixtures.payload("HookPullUnapproved.json"));
        assertThat(instant(realWithdrawn, "/pullrequest/updated_on")).isAfter(instant(realWithdrawn, "/approval/date"));

        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/branches", "{\"name\":\"DEMO-11-review\",\"from\":\"main\"}");
        commit("DEMO-11-review", "DEMO-11 please review");
        JsonNode pr = c.control("POST", "/_sim/workspaces/acme/repositories/webapp/pullrequests",
                "{\"title\":\"DEMO-11\",\"source\":\"DEMO-11-review\",\"destination\":\"main\",\"author\":\"alice\"}");
        java.time.Instant created = instant(event("pullrequest:created").json(), "/pullrequest/updated_on");
        String approve = "/_sim/workspaces/acme/repositories/webapp/pullrequests/" + pr.path("id").asInt() + "/approve";

        clearReceived();
        c.control("POST", approve, "{\"user\":\"bob\"}");
        JsonNode approved = event("pullrequest:approved").json();
        assertShape("HookPullApproved.json", approved);
        assertThat(instant(approved, "/approval/date")).isEqualTo(instant(approved, "/pullrequest/updated_on")).isAfter(created);

        clearReceived();
        c.control("DELETE", approve + "?user=bob", null);
        JsonNode withdrawn = event("pullrequest:unapproved").json();
        assertShape("HookPullUnapproved.json", withdrawn);
        assertThat(instant(withdrawn, "/pullrequest/updated_on")).isAfter(instant(approved, "/pullrequest/updated_on"));
    }

    @Test
    void reviewsThroughBitbucketsOwnEndpointsFireTheirWebhooksShapedLikeTheRealOnes() throws Exception {
        c.control("POST", "/_sim/workspaces/acme/repositories/webapp/branches", "{\"name\":\"DEMO-12-review\",\"from\":\"main\"}");
        commit("DEMO-12-review", "DEMO-12 please review");
        JsonNode pr = c.control("POST", "/_sim/workspaces/acme/repositories/webapp/pullrequests",
                "{\"title\":\"DEMO-12\",\"source\":\"DEMO-12-review\",\"destination\":\"main\",\"author\":\"alice\"}");
        String path = "/2.0/repositories/acme/webapp/pullrequests/" + pr.path("id").asInt();
        String writer = c.tokenWithScopes("reviewing", List.of("pullrequest:write"));

        clearReceived();
        SimClient.Reply changes = c.send("POST", path + "/request-changes", writer, null, null);
        assertThat(changes.code()).isEqualTo(200);
        assertThat(changes.json().path("state").asText()).isEqualTo("changes_requested");
        assertThat(changes.json().path("user").path("nickname").asText()).isEqualTo("acme-admin");
        JsonNode requested = event("pullrequest:changes_request_created").json();
        assertShape("HookPullChangesRequestCreated.json", requested);
        assertThat(requested.at("/changes_request/user/nickname").asText()).isEqualTo("acme-admin");
        assertThat(instant(requested, "/changes_request/date")).isEqualTo(instant(requested, "/pullrequest/updated_on"));

        clearReceived();
        SimClient.Reply approved = c.send("POST", path + "/approve", writer, null, null);
        assertThat(approved.json().path("approved").asBoolean()).isTrue();
        assertThat(approved.json().path("state").asText()).isEqualTo("approved"); // approving ends the request
        assertShape("HookPullApproved.json", event("pullrequest:approved").json());

        clearReceived();
        assertThat(c.send("DELETE", path + "/approve", writer, null, null).code()).isEqualTo(204);
        event("pullrequest:unapproved");
        assertThat(c.send("POST", path + "/approve", token, null, null).code()).as("pullrequest:write needed").isEqualTo(403);
        assertThat(c.send("POST", "/2.0/repositories/acme/webapp/pullrequests/999/approve", writer, null, null).code())
                .isEqualTo(404);
    }

    private static java.time.Instant instant(JsonNode json, String pointer) {
        return java.time.OffsetDateTime.parse(json.at(pointer).asText()).toInstant();
    }

    @Test
    void failedDeliveriesAreRetriedTwice() throws Exception {
        failuresToSend.set(2);
        commit("main", "DEMO-2 retry me");
        List<Received> attempts = await(3);
        assertThat(attempts).extracting(r -> r.headers().get("x-attempt-number")).containsExactly("1", "2", "3");
        assertThat(attempts).extracting(r -> r.headers().get("x-request-uuid")).containsOnly(attempts.get(0).headers().get("x-request-uuid"));
        // The simulator logs an attempt after the receiver has answered it: wait (bounded) for the log.
        JsonNode deliveries = c.control("GET", "/_sim/deliveries", null);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (deliveries.path("values").size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            deliveries = c.control("GET", "/_sim/deliveries", null);
        }
        assertThat(deliveries.path("values").size()).isGreaterThanOrEqualTo(3);
    }

    /** The real payload's keys must all be present with the same JSON types, recursively. */
    static void assertShape(String fixture, JsonNode actual) throws Exception {
        JsonNode expected = SimClient.JSON.readTree(BitbucketFixtures.payload(fixture));
        List<String> problems = new ArrayList<>();
        compare(expected, actual, "$", problems);
        assertThat(problems).as("shape of the payload vs " + fixture).isEmpty();
    }

    /** Keys whose value is null in some real events (deleted branch, not yet merged/closed) and set in others. */
    private static final java.util.Set<String> NULLABLE = java.util.Set.of("old", "new", "merge_commit", "closed_by");

    static void compare(JsonNode expected, JsonNode actual, String path, List<String> problems) {
        if (expected.isNull()) {
            return; // the fixture says nothing about this value's type
        }
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + " missing");
            return;
        }
        if (actual.isNull()) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            if (!NULLABLE.contains(key)) {
                problems.add(path + " is null, expected " + expected.getNodeType());
            }
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(path + " is " + actual.getNodeType() + ", expected " + expected.getNodeType());
            return;
        }
        if (expected.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                compare(expected.get(k), actual.get(k), path + "." + k, problems);
            }
        } else if (expected.isArray() && expected.size() > 0) {
            for (int i = 0; i < actual.size(); i++) {
                compare(expected.get(0), actual.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
