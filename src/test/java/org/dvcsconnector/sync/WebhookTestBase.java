package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobRunner;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.dvcsconnector.webhook.WebhookProcessor;
import org.dvcsconnector.webhook.WebhookReceiver;
import org.dvcsconnector.webhook.WebhookRegistration;
import org.dvcsconnector.webhook.WebhooksResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Webhooks end to end over real parts, for the webhook tests: the hook is registered on the simulator after the first
 * full sync, the simulator delivers over HTTP to a small server that hands the raw bytes to {@link WebhooksResource}
 * (as Jersey would), and the queued job is run by the test.
 */
abstract class WebhookTestBase {

    static final String SLUG = "repo-01";
    static final ObjectMapper JSON = new ObjectMapper();

    SyncFixture fixture;
    HttpServer receiverServer;
    WebhooksResource resource;
    WebhookProcessor processor;
    RepositorySync sync;
    WebhookRegistration registration;
    final List<Integer> queued = new CopyOnWriteArrayList<>();
    int id;

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

    Response post(String event, String requestUuid, byte[] body, String secret) throws IOException {
        String signature = secret == null ? null : "sha256=" + WebhookReceiver.hmacSha256(secret, body);
        return resource.bitbucket(event, requestUuid, signature, new ByteArrayInputStream(body));
    }

    String secret() {
        return fixture.secrets.open(fixture.accounts.repository(id).orElseThrow().getHookSecretEncrypted());
    }

    int deliveriesStored() {
        return fixture.ao.count(WebhookDeliveryEntity.class, net.java.ao.Query.select());
    }

    List<Integer> awaitQueued(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (queued.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(queued).hasSize(n);
        return List.copyOf(queued);
    }

    /** The simulator's recorded deliveries (recorded just after the receiver answered: waits for one). */
    List<JsonNode> deliveries() throws IOException, InterruptedException {
        return deliveries(1);
    }

    List<JsonNode> deliveries(int atLeast) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<JsonNode> found = readDeliveries();
        while (found.size() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            found = readDeliveries();
        }
        return found;
    }

    List<JsonNode> readDeliveries() throws IOException {
        try (okhttp3.Response response = fixture.http.newCall(new Request.Builder()
                .url(fixture.simulator.baseUrl() + "/_sim/deliveries").build()).execute()) {
            JsonNode values = JSON.readTree(response.body().string()).path("values");
            return java.util.stream.StreamSupport.stream(values.spliterator(), false).toList();
        }
    }

    SyncRunEntity lastRun() {
        return fixture.ao.find(SyncRunEntity.class,
                net.java.ao.Query.select().where("REPOSITORY_ID = ?", id).order("ID DESC").limit(1))[0];
    }

    SchedulerService recordingScheduler() {
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
