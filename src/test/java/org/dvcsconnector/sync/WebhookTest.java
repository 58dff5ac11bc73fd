package org.dvcsconnector.sync;

import org.dvcsconnector.webhook.WebhookProcessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.devinfo.CommitBranchEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.sync.SyncRunEntity;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobRunner;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.testing.BitbucketFixtures;
import org.dvcsconnector.webhook.WebhooksResource;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.dvcsconnector.webhook.WebhookReceiver;
import org.dvcsconnector.webhook.WebhookRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end over real parts: the hook is registered on the simulator after the first full sync, the
 * simulator delivers over HTTP to a small server that hands the raw bytes to {@link WebhooksResource} (as
 * Jersey would), and the queued job is run by the test.
 */
class WebhookTest {

    private static final String SLUG = "repo-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncFixture fixture;
    private HttpServer receiverServer;
    private WebhooksResource resource;
    private WebhookProcessor processor;
    private RepositorySync sync;
    private WebhookRegistration registration;
    private final List<Integer> queued = new CopyOnWriteArrayList<>();
    private int id;

    @BeforeEach
    void start() throws Exception {
        fixture = new SyncFixture(1, 80, 4, 3);
        id = fixture.repositoryId(SLUG);
        receiverServer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiverServer.createContext(WebhookRegistration.RECEIVER, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Response answer = resource.bitbucket(exchange.getRequestHeaders().getFirst("X-Event-Key"),
                    exchange.getRequestHeaders().getFirst("X-Request-UUID"),
                    exchange.getRequestHeaders().getFirst("X-Hub-Signature"), new ByteArrayInputStream(body));
            exchange.sendResponseHeaders(answer.getStatus(), -1);
            exchange.close();
        });
        receiverServer.start();
        String baseUrl = "http://localhost:" + receiverServer.getAddress().getPort();
        registration = new WebhookRegistration(fixture.accounts, fixture.secrets, fixture.tokens,
                fixture.http, fixture.endpoints, () -> baseUrl);
        IssueKeyExtractor keys = new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC());
        sync = new RepositorySync(fixture.accounts, fixture.devInfo, fixture.tokens, fixture.http, fixture.endpoints,
                fixture.scheduler(), fixture.locks, keys, Clock.systemUTC(), registration::ensureRegistered);
        processor = new WebhookProcessor(fixture.accounts, fixture.devInfo, sync, fixture.scheduler(), fixture.locks,
                keys, Clock.systemUTC());
        resource = new WebhooksResource(new WebhookReceiver(fixture.accounts, fixture.secrets, recordingScheduler(),
                Clock.systemUTC()));
        sync.run(id, true);
    }

    @AfterEach
    void stop() {
        receiverServer.stop(0);
        fixture.close();
    }

    @Test
    void theFirstSyncRegistersOneSignedHookAndLaterSyncsDoNotAddAnother() throws Exception {
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        assertThat(repository.getHookUuid()).isNotBlank();
        String secret = fixture.secrets.open(repository.getHookSecretEncrypted());
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(repository.getHookSecretEncrypted()).doesNotContain(secret);
        var hooks = fixture.remote(SLUG).hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).url()).endsWith("/rest/dvcs/1.0/webhooks/bitbucket");
        assertThat(hooks.get(0).events()).containsExactlyInAnyOrder("repo:push", "pullrequest:created",
                "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:approved",
                "pullrequest:unapproved");

        sync.run(id, false);
        assertThat(fixture.remote(SLUG).hooks()).hasSize(1);
        assertThat(fixture.accounts.repository(id).orElseThrow().getHookUuid()).isEqualTo(repository.getHookUuid());
    }

    @Test
    void aRefusedRegistrationIsShownToTheAdminWithTheFixAndClearedOnceItWorks() throws Exception {
        AccountEntity account = fixture.accounts.find(fixture.accountId).orElseThrow();
        registration.remove(account, fixture.accounts.repository(id).orElseThrow());
        okhttp3.OkHttpClient refusing = fixture.http.newBuilder().addInterceptor(chain -> {
            Request request = chain.request();
            if (request.method().equals("POST") && request.url().encodedPath().endsWith("/hooks")) {
                return new okhttp3.Response.Builder().request(request).protocol(okhttp3.Protocol.HTTP_1_1).code(403)
                        .message("Forbidden").body(okhttp3.ResponseBody.create(
                                "{\"type\":\"error\",\"error\":{\"message\":\"Your credentials lack one or more required privilege scopes.\"}}",
                                okhttp3.MediaType.get("application/json"))).build();
            }
            return chain.proceed(request);
        }).build();
        WebhookRegistration failing = new WebhookRegistration(fixture.accounts, fixture.secrets, fixture.tokens,
                refusing, fixture.endpoints, () -> "http://localhost:1");

        failing.ensureRegistered(account, fixture.accounts.repository(id).orElseThrow());

        RepositoryEntity refused = fixture.accounts.repository(id).orElseThrow();
        assertThat(refused.getHookUuid()).isNull();
        assertThat(refused.getHookError()).contains("HTTP 403").contains("lack one or more required privilege scopes")
                .contains("Webhooks: Read and write");
        assertThat(fixture.remote(SLUG).hooks()).isEmpty();

        registration.ensureRegistered(account, refused);
        RepositoryEntity registered = fixture.accounts.repository(id).orElseThrow();
        assertThat(registered.getHookUuid()).isNotBlank();
        assertThat(registered.getHookError()).isNull();
    }

    @Test
    void aStaleHookOfOursIsReplacedAndUnlinkingRemovesTheHook() throws Exception {
        AccountEntity account = fixture.accounts.find(fixture.accountId).orElseThrow();
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        String first = repository.getHookUuid();
        repository.setHookUuid(null); // as if our row was lost while the hook stayed on Bitbucket
        repository.save();
        registration.ensureRegistered(account, fixture.accounts.repository(id).orElseThrow());
        var hooks = fixture.remote(SLUG).hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).uuid()).isNotEqualTo(first);

        registration.remove(account, fixture.accounts.repository(id).orElseThrow());
        assertThat(fixture.remote(SLUG).hooks()).isEmpty();
        assertThat(fixture.accounts.repository(id).orElseThrow().getHookUuid()).isNull();
        assertThat(fixture.accounts.repository(id).orElseThrow().getHookSecretEncrypted()).isNull();
    }

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
    void deliveriesOutOfOrderAreLeftToASoftSyncThatMakesTheDataRight() throws Exception {
        fixture.branch(SLUG, "feature/DEMO-82", "main");
        awaitQueued(1);
        fixture.commit(SLUG, "feature/DEMO-82", "DEMO-82 second delivery, processed first");
        List<Integer> deliveries = awaitQueued(2);
        processor.process(deliveries.get(1)); // its old head is not the stored one: not applied
        processor.process(deliveries.get(0));
        assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(RepositorySync.RUNNER + "." + id));

        sync.run(id, false);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @Test
    void aReplayedRequestUuidChangesNothing() throws Exception {
        fixture.commit(SLUG, "main", "DEMO-79 once only");
        processor.process(awaitQueued(1).get(0));
        JsonNode delivery = deliveries().get(0);
        int commits = fixture.ao.count(CommitEntity.class, net.java.ao.Query.select());
        int runs = fixture.ao.count(SyncRunEntity.class, net.java.ao.Query.select());

        Response again = post("repo:push", delivery.path("requestUuid").asText(),
                delivery.path("body").asText().getBytes(StandardCharsets.UTF_8), secret());

        assertThat(again.getStatus()).isEqualTo(202);
        assertThat(queued).hasSize(1);
        assertThat(fixture.ao.count(CommitEntity.class, net.java.ao.Query.select())).isEqualTo(commits);
        assertThat(fixture.ao.count(SyncRunEntity.class, net.java.ao.Query.select())).isEqualTo(runs);
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
            post("repo:push", UUID.randomUUID().toString(), delivery.path("body").asText().getBytes(StandardCharsets.UTF_8),
                    secret());
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
    }

    @Test
    void everyCapturedPayloadIsAcceptedSignedAndRefusedOtherwise() throws Exception {
        List<String> hooks = BitbucketFixtures.payloadNames().stream().filter(name -> name.startsWith("Hook")).toList();
        assertThat(hooks).isNotEmpty();
        for (String file : hooks) {
            byte[] body = BitbucketFixtures.payload(file);
            String secret = knownRepository(JSON.readTree(body).path("repository"));
            String event = file.startsWith("HookPush") ? "repo:push" : "pullrequest:updated";
            int stored = deliveriesStored();

            assertThat(post(event, UUID.randomUUID().toString(), body, null).getStatus()).as(file + " unsigned").isEqualTo(401);
            assertThat(post(event, UUID.randomUUID().toString(), body, "not-the-secret").getStatus()).as(file + " wrong")
                    .isEqualTo(401);
            assertThat(deliveriesStored()).as(file + ": nothing stored when refused").isEqualTo(stored);
            assertThat(post(event, UUID.randomUUID().toString(), body, secret).getStatus()).as(file + " signed").isEqualTo(202);
            assertThat(deliveriesStored()).isEqualTo(stored + 1);
        }
    }

    @Test
    void malformedAndOversizedBodiesAreRefused() throws Exception {
        assertThat(post("repo:push", "x", "{not json".getBytes(StandardCharsets.UTF_8), secret()).getStatus()).isEqualTo(400);
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(post("repo:push", "y", huge, secret()).getStatus()).isEqualTo(413);
        assertThat(deliveriesStored()).isZero();
    }

    // ---- helpers

    private Response post(String event, String requestUuid, byte[] body, String secret) throws IOException {
        String signature = secret == null ? null : "sha256=" + WebhookReceiver.hmacSha256(secret, body);
        return resource.bitbucket(event, requestUuid, signature, new ByteArrayInputStream(body));
    }

    private String secret() {
        return fixture.secrets.open(fixture.accounts.repository(id).orElseThrow().getHookSecretEncrypted());
    }

    /** Makes the payload's repository known (its own account and repository row, with a hook secret). */
    private String knownRepository(JsonNode repository) {
        String fullName = repository.path("full_name").asText();
        String workspace = fullName.substring(0, fullName.indexOf('/'));
        String slug = fullName.substring(fullName.indexOf('/') + 1);
        AccountEntity account = fixture.accounts.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, workspace)
                .orElseGet(() -> fixture.ao.create(AccountEntity.class, Map.of("HOST", LinkRequest.HOST_BITBUCKET_CLOUD,
                        "WORKSPACE", workspace, "AUTH_TYPE", AuthType.OAUTH2_PRIVATE_CONSUMER.name(), "STATUS", "ACTIVE")));
        RepositoryEntity row = fixture.accounts.repositories(account.getID()).stream()
                .filter(r -> r.getSlug().equals(slug)).findFirst()
                .orElseGet(() -> fixture.ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", account.getID(), "SLUG", slug)));
        String secret = "secret-of-" + fullName;
        if (repository.hasNonNull("uuid")) {
            row.setUuid(repository.path("uuid").asText());
        }
        row.setLinked(true);
        row.setHookSecretEncrypted(fixture.secrets.seal(secret));
        row.save();
        return secret;
    }

    private int deliveriesStored() {
        return fixture.ao.count(WebhookDeliveryEntity.class, net.java.ao.Query.select());
    }

    private List<Integer> awaitQueued(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (queued.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(queued).hasSize(n);
        return List.copyOf(queued);
    }

    /** The simulator's recorded deliveries (recorded just after the receiver answered: waits for one). */
    private List<JsonNode> deliveries() throws IOException, InterruptedException {
        return deliveries(1);
    }

    private List<JsonNode> deliveries(int atLeast) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<JsonNode> found = readDeliveries();
        while (found.size() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            found = readDeliveries();
        }
        return found;
    }

    private List<JsonNode> readDeliveries() throws IOException {
        try (okhttp3.Response response = fixture.http.newCall(new Request.Builder()
                .url(fixture.simulator.baseUrl() + "/_sim/deliveries").build()).execute()) {
            JsonNode values = JSON.readTree(response.body().string()).path("values");
            return java.util.stream.StreamSupport.stream(values.spliterator(), false).toList();
        }
    }

    private SyncRunEntity lastRun() {
        return fixture.ao.find(SyncRunEntity.class,
                net.java.ao.Query.select().where("REPOSITORY_ID = ?", id).order("ID DESC").limit(1))[0];
    }

    private SchedulerService recordingScheduler() {
        return new SchedulerService() {
            @Override
            public void registerJobRunner(String runnerKey, JobRunner runner) {}

            @Override
            public void unregisterJobRunner(String runnerKey) {}

            @Override
            public void scheduleJob(String jobId, JobConfig config) {
                queued.add(Integer.parseInt(config.parameters().get("deliveryId")));
            }

            @Override
            public void unscheduleJob(String jobId) {}

            @Override
            public Optional<Instant> nextRunTime(String jobId) {
                return Optional.empty();
            }
        };
    }
}
