package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountLinker;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.ConsumerType;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.Secrets;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.devinfo.BranchEntity;
import org.dvcsconnector.devinfo.CommitBranchEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.devinfo.IssueLinkEntity;
import org.dvcsconnector.devinfo.IssueSummaryEntity;
import org.dvcsconnector.devinfo.IssueTotalEntity;
import org.dvcsconnector.devinfo.PullRequestCommitEntity;
import org.dvcsconnector.devinfo.PullRequestEntity;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.cluster.DatabaseClusterLockService;
import org.dvcsconnector.refapp.crypto.AesGcmSecretCipher;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;
import org.dvcsconnector.refapp.simulator.SimulatorOptions;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobRunner;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.sync.SyncRunEntity;

/**
 * Sync over real parts: ActiveObjects on in-memory H2, the host's cipher and cluster locks, the simulator over
 * HTTP with a generated workspace. Jobs are recorded, not run: tests call {@link RepositorySync#run} directly.
 */
final class SyncFixture implements AutoCloseable {

    static final String WORKSPACE = "gen";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Database database;
    final PluginActiveObjects ao;
    final PluginDatabase db;
    final BitbucketSimulator simulator;
    final OkHttpClient http = BitbucketHttp.newClient();
    final Supplier<BitbucketEndpoints> endpoints;
    final AccountStore accounts;
    final DevInfoStore devInfo;
    final TokenService tokens;
    final Secrets secrets;
    final DatabaseClusterLockService locks;
    final List<String> scheduled = new ArrayList<>();
    /** The runners registered with {@link #scheduler()}, by key: a test runs a queued job by calling one. */
    final Map<String, JobRunner> runners = new java.util.concurrent.ConcurrentHashMap<>();
    final int accountId;

    @SuppressWarnings("unchecked")
    SyncFixture(int repositories, int commits, int branches, int pullRequests) throws Exception {
        this("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", repositories, commits, branches, pullRequests);
    }

    SyncFixture(String jdbcUrl, int repositories, int commits, int branches, int pullRequests) throws Exception {
        database = jdbcUrl.startsWith("jdbc:postgresql") ? Database.open(jdbcUrl, "postgres", "postgres") : Database.open(jdbcUrl, "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(AccountEntity.class, RepositoryEntity.class, CommitEntity.class, BranchEntity.class,
                CommitBranchEntity.class, PullRequestEntity.class, PullRequestCommitEntity.class, IssueLinkEntity.class,
                IssueSummaryEntity.class, IssueTotalEntity.class,
                SyncRunEntity.class, SyncStateEntity.class, org.dvcsconnector.webhook.WebhookDeliveryEntity.class,
                org.dvcsconnector.devevent.DevEventEntity.class, org.dvcsconnector.devevent.DevEventActionEntity.class,
                org.dvcsconnector.trigger.TriggerRuleEntity.class, RequestBudgetEntity.class);
        simulator = BitbucketSimulator.start(SimulatorOptions.defaults(0));
        simulator.seedDemo("http://localhost/callback");
        control("/_sim/generate", JSON.writeValueAsString(Map.of("workspace", WORKSPACE, "repositories", repositories,
                "commitsPerRepository", commits, "branchesPerRepository", branches,
                "pullRequestsPerRepository", pullRequests, "projectKey", "DEMO", "seed", 42)));
        endpoints = () -> BitbucketEndpoints.of(simulator.baseUrl() + "/2.0", simulator.baseUrl());
        secrets = new Secrets(AesGcmSecretCipher.loadOrCreate(Files.createTempDirectory("keys").resolve("k")));
        db = new PluginDatabase(ao, "test.plugin");
        accounts = new AccountStore(ao, db);
        OAuthTokenClient oauth = new OAuthTokenClient(http, Clock.systemUTC());
        locks = new DatabaseClusterLockService(database.dataSource(), database.kind());
        tokens = new TokenService(accounts, secrets, oauth, locks, endpoints, Clock.systemUTC());
        devInfo = new DevInfoStore(ao, db);
        AccountLinker linker = new AccountLinker(accounts, secrets, oauth, http, endpoints, Clock.systemUTC());
        accountId = linker.linkPrivate(new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, WORKSPACE, "demo-private",
                "demo-private-secret", ConsumerType.PRIVATE, true, true)).getID();
        for (int i = 1; i <= repositories; i++) {
            RepositoryEntity repository = ao.create(RepositoryEntity.class,
                    Map.of("ACCOUNT_ID", accountId, "SLUG", String.format("repo-%02d", i)));
            repository.setLinked(true);
            repository.save();
        }
    }

    RepositorySync sync() {
        return sync(http);
    }

    /** A sync whose Bitbucket calls go through {@code client} (a test hook: e.g. one that breaks after N calls). */
    RepositorySync sync(OkHttpClient client) {
        return new RepositorySync(accounts, devInfo, tokens, client, endpoints, scheduler(), locks,
                new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()), Clock.systemUTC());
    }

    /** A client through which Bitbucket becomes unreachable after {@code calls} API calls (a crash, a cut cable). */
    OkHttpClient breakingAfter(int calls) {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        return http.newBuilder().addInterceptor(chain -> {
            if (chain.request().url().encodedPath().startsWith("/2.0/") && made.incrementAndGet() > calls) {
                throw new IOException("connection reset (test)");
            }
            return chain.proceed(chain.request());
        }).build();
    }

    int repositoryId(String slug) {
        return accounts.repositories(accountId).stream().filter(r -> r.getSlug().equals(slug)).findFirst()
                .orElseThrow().getID();
    }

    org.dvcsconnector.refapp.simulator.model.Repository remote(String slug) {
        return simulator.store().repository(WORKSPACE, slug).orElseThrow();
    }

    int apiRequests() throws IOException {
        return stats().path("requests").asInt();
    }

    JsonNode stats() throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(simulator.baseUrl() + "/_sim/stats").build()).execute()) {
            return JSON.readTree(response.body().string());
        }
    }

    JsonNode control(String path, String json) throws IOException {
        return control(path, json, "POST");
    }

    JsonNode control(String path, String json, String method) throws IOException {
        Request request = new Request.Builder().url(simulator.baseUrl() + path)
                .method(method, RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(path + " answered " + response.code() + ": " + body);
            }
            return JSON.readTree(body);
        }
    }

    String commit(String slug, String branch, String message) throws IOException {
        return control("/_sim/workspaces/" + WORKSPACE + "/repositories/" + slug + "/commits", JSON.writeValueAsString(
                Map.of("branch", branch, "message", message, "authorName", "Alice Anders",
                        "authorEmail", "alice@example.com"))).path("hash").asText();
    }

    void branch(String slug, String name, String from) throws IOException {
        control("/_sim/workspaces/" + WORKSPACE + "/repositories/" + slug + "/branches",
                JSON.writeValueAsString(Map.of("name", name, "from", from)));
    }

    /** Held repository lock, as a sync on another thread (or node) holds it; closing releases it. */
    interface HeldLock extends AutoCloseable {
        @Override
        void close() throws InterruptedException;
    }

    /** Takes the repository's sync lock on another thread and keeps it until the handle is closed. */
    HeldLock holdRepositoryLock(int repositoryId) throws InterruptedException {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            org.dvcsconnector.spi.ClusterLock lock = locks.getLockForName(RepositorySync.lockName(repositoryId));
            lock.tryLock();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        holder.start();
        held.await();
        return () -> {
            release.countDown();
            holder.join();
        };
    }

    SchedulerService scheduler() {
        return new SchedulerService() {
            @Override
            public void registerJobRunner(String runnerKey, JobRunner runner) {
                runners.put(runnerKey, runner);
            }

            @Override
            public void unregisterJobRunner(String runnerKey) {
                runners.remove(runnerKey);
            }

            @Override
            public void scheduleJob(String jobId, JobConfig config) {
                scheduled.add(jobId + " " + config.parameters());
            }

            @Override
            public void unscheduleJob(String jobId) {}

            @Override
            public Optional<Instant> nextRunTime(String jobId) {
                return Optional.empty();
            }
        };
    }

    @Override
    public void close() {
        simulator.close();
        database.close();
        http.dispatcher().executorService().shutdown();
    }
}
