package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;
import org.dvcsconnector.refapp.simulator.SimulatorOptions;
import org.dvcsconnector.refapp.simulator.model.Hook;
import org.dvcsconnector.refapp.simulator.webhook.Delivery;
import org.dvcsconnector.refapp.simulator.webhook.WebhookDispatcher;
import org.dvcsconnector.sync.SyncRunEntity;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappProcess;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two refapp nodes, each in its own JVM, on one embedded PostgreSQL and one Bitbucket simulator: a sync runs
 * on one node at a time, both nodes show the same data, a webhook sent to either node is applied once, and a
 * node killed outright in the middle of a full sync leaves the other to finish it, with nothing missing and
 * nothing twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSyncIT {

    private static final String WORKSPACE = "cluster";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EmbeddedPostgres postgres;
    private static BitbucketSimulator simulator;
    private static Database database;
    private static PluginActiveObjects ao;
    private static final List<RefappProcess> nodes = new ArrayList<>();
    private static int account;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        simulator = BitbucketSimulator.start(SimulatorOptions.defaults(0));
        simulator.seedDemo("http://localhost/unused");
        control("/_sim/generate", "{\"workspace\":\"" + WORKSPACE + "\",\"repositories\":2,\"commitsPerRepository\":3000,"
                + "\"branchesPerRepository\":6,\"pullRequestsPerRepository\":8,\"projectKey\":\"DEMO\",\"seed\":11}");
        Path key = Files.createDirectories(Path.of("target", "it-homes")).toAbsolutePath()
                .resolve("cluster-key-" + System.nanoTime()).resolve("secret.key");
        for (String name : List.of("node-a", "node-b")) {
            RefappProcess node = RefappProcess.start(name, key, "--demo", "--db", jdbcUrl, "--db-user", "postgres",
                    "--db-password", "postgres", "--node-id", name, "--bitbucket", simulator.baseUrl());
            nodes.add(node);
            node.awaitReady(Duration.ofSeconds(90)); // one after the other: the first creates the schema
        }
        database = Database.open(jdbcUrl, "postgres", "postgres");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin(RefappServer.PLUGIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        for (RefappProcess node : nodes) {
            node.close();
            // Each node's console, for when a test here fails.
            Files.write(Path.of("target", "it-homes", "cluster-" + node.name() + ".log"), node.output());
        }
        if (database != null) {
            database.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void anAccountLinkedOnOneNodeSyncsOnceAndBothNodesShowTheSameData() throws Exception {
        account = Dvcs.linkPrivate(admin(0), WORKSPACE, Dvcs.DEMO_PRIVATE, Dvcs.DEMO_PRIVATE_SECRET).path("id").asInt();
        JsonNode synced = awaitAllSynced(1);
        assertThat(Dvcs.slugs(synced)).containsExactly("repo-01", "repo-02");

        for (JsonNode repository : synced.path("repositories")) {
            int id = repository.path("id").asInt();
            Mirror.assertMirrors(Mirror.stored(ao, id), Mirror.expected(remote(repository.path("slug").asText())));
            List<SyncRunEntity> full = List.of(ao.find(SyncRunEntity.class, "REPOSITORY_ID = ? AND TYPE = ?", id, "FULL"));
            assertThat(full).as("one full sync of %s, on one node", repository.path("slug").asText()).hasSize(1);
        }
        assertThat(stripVolatile(admin(1).get(Dvcs.ACCOUNTS).expect(200).json()))
                .isEqualTo(stripVolatile(admin(0).get(Dvcs.ACCOUNTS).expect(200).json()));
        assertThat(noOverlappingRuns()).isTrue();
        // Webhooks are registered right after each first sync (after DONE); a push before that waits for a soft sync.
        Dvcs.await("webhooks of both repositories", WAIT, () -> Optional.of(true)
                .filter(x -> List.of("repo-01", "repo-02").stream().allMatch(slug -> !remote(slug).hooks().isEmpty())));
    }

    @Test
    @Order(2)
    void aWebhookSentToBothNodesIsAppliedOnce() throws Exception {
        String hash = control("/_sim/workspaces/" + WORKSPACE + "/repositories/repo-01/commits",
                "{\"branch\":\"" + remote("repo-01").mainBranch() + "\",\"message\":\"DEMO-3 cluster push\","
                        + "\"authorName\":\"Alice\",\"authorEmail\":\"alice@example.com\"}").path("hash").asText();
        int repositoryId = repositoryId("repo-01");
        Dvcs.await("the pushed commit stored", WAIT, () -> commitRows(hash) == 1 ? Optional.of(true) : Optional.empty());
        Delivery delivery = simulator.webhooks().deliveries().stream()
                .filter(d -> d.event().equals("repo:push") && d.body().contains(hash)).findFirst().orElseThrow();
        Hook hook = remote("repo-01").hooks().get(0);
        // Applied from the payload: its audit entry is written last.
        int webhookRuns = Dvcs.await("the push's audit entry", WAIT, () -> {
            int runs = ao.count(SyncRunEntity.class, net.java.ao.Query.select()
                    .where("REPOSITORY_ID = ? AND TYPE = ?", repositoryId, "WEBHOOK"));
            return runs > 0 ? Optional.of(runs) : Optional.empty();
        });

        // Bitbucket retries a delivery it thinks failed: the same X-Request-UUID, to whichever node the balancer picks.
        for (RefappProcess node : nodes) {
            int status = post(node.baseUrl() + "/rest/dvcs/1.0/webhooks/bitbucket", delivery, hook.secret());
            assertThat(status).as(node.baseUrl()).isBetween(200, 299);
        }
        // A replay wrongly taken up would have queued a job before its 202: once no webhook or sync job is left, it ran.
        Dvcs.await("no webhook or sync job left", WAIT, () -> jobsLeft("dvcs.webhook.%", "dvcs.sync." + repositoryId) == 0
                ? Optional.of(true) : Optional.empty());
        assertThat(ao.count(WebhookDeliveryEntity.class, net.java.ao.Query.select()
                .where("REQUEST_UUID = ?", delivery.requestUuid()))).isEqualTo(1);
        assertThat(ao.count(SyncRunEntity.class, net.java.ao.Query.select()
                .where("REPOSITORY_ID = ? AND TYPE = ?", repositoryId, "WEBHOOK"))).isEqualTo(webhookRuns);
        assertThat(commitRows(hash)).isEqualTo(1);
        Mirror.assertMirrors(Mirror.stored(ao, repositoryId), Mirror.expected(remote("repo-01")));
    }

    /**
     * A burst whose deliveries a load balancer spreads over both nodes, as Bitbucket sends each on its own: every push
     * is applied from its payload on whichever node took it, in whatever order they arrive, with no API request.
     */
    @Test
    @Order(3)
    void aBurstOfPushesSpreadOverBothNodesIsAppliedFromItsPayloads() throws Exception {
        int repositoryId = repositoryId("repo-01");
        org.dvcsconnector.refapp.simulator.model.Repository repository = remote("repo-01");
        String receiver = "/rest/dvcs/1.0/webhooks/bitbucket";
        long requestsBefore = apiRequests();
        List<String> hashes = new ArrayList<>();
        Hook registered = repository.hooks().get(0);
        try {
            for (int i = 0; i < 10; i++) {
                pointHook(repository, nodes.get(i % 2).baseUrl() + receiver);
                hashes.add(control("/_sim/workspaces/" + WORKSPACE + "/repositories/repo-01/commits",
                        "{\"branch\":\"" + repository.mainBranch() + "\",\"message\":\"DEMO-3 cluster burst " + i + "\","
                                + "\"authorName\":\"Alice\",\"authorEmail\":\"alice@example.com\"}").path("hash").asText());
            }
        } finally {
            pointHook(repository, registered.url());
        }
        Dvcs.await("every pushed commit stored", WAIT, () -> hashes.stream().allMatch(h -> commitRows(h) == 1)
                ? Optional.of(true) : Optional.empty());
        Dvcs.await("no webhook or sync job left", WAIT, () -> jobsLeft("dvcs.webhook.%", "dvcs.sync." + repositoryId) == 0
                ? Optional.of(true) : Optional.empty());

        assertThat(simulator.webhooks().deliveries().stream().filter(d -> d.body().contains("cluster burst"))
                .map(d -> URI.create(d.url()).getPort()).distinct().count()).as("deliveries on both nodes").isEqualTo(2);
        assertThat(apiRequests() - requestsBefore).as("API requests for the burst").isZero();
        Mirror.assertMirrors(Mirror.stored(ao, repositoryId), Mirror.expected(remote("repo-01")));
    }

    /** Points the repository's webhook at {@code url}, as the simulator's PUT of a hook does. */
    private static void pointHook(org.dvcsconnector.refapp.simulator.model.Repository repository, String url) {
        synchronized (repository) {
            Hook old = repository.hooks().get(0);
            repository.hooks().set(0, new Hook(old.uuid(), url, old.description(), old.active(), old.secret(),
                    old.events(), old.createdAt()));
        }
    }

    /** Bitbucket API requests the simulator has served, by its own count. */
    private static long apiRequests() {
        JsonNode byEndpoint = Http.anonymous(simulator.baseUrl()).get("/_sim/stats").expect(200).json().path("byEndpoint");
        long requests = 0;
        for (var endpoint = byEndpoint.fields(); endpoint.hasNext(); ) {
            var entry = endpoint.next();
            if (entry.getKey().contains(" /2.0/")) {
                requests += entry.getValue().asLong();
            }
        }
        return requests;
    }

    @Test
    @Order(4)
    void aNodeKilledMidSyncLeavesTheOtherToFinishIt() throws Exception {
        int repositoryId = repositoryId("repo-02");
        control("/_sim/faults", "{\"errorRate\":0,\"latencyMs\":250,\"requestsPerHour\":0}");
        admin(0).post(Dvcs.REST + "/repositories/" + repositoryId + "/sync?full=true", "application/json", "{}").expect(202);
        // A full sync pages through every commit again (skipping what is stored): slowed down, it takes a while.
        String runner = Dvcs.await("the full sync under way on a node", WAIT, () -> pickedBy("dvcs.sync." + repositoryId));
        RefappProcess victim = runner.equals("node-a") ? nodes.get(0) : nodes.get(1);
        RefappProcess survivor = victim == nodes.get(0) ? nodes.get(1) : nodes.get(0);
        long pages = commitPagesServed();
        Dvcs.await("a few pages in", WAIT, () -> commitPagesServed() >= pages + 3 ? Optional.of(true) : Optional.empty());
        victim.kill();
        control("/_sim/faults", "{\"errorRate\":0,\"latencyMs\":0,\"requestsPerHour\":0}");

        Http admin = Http.basic(survivor.baseUrl(), "admin", "admin");
        Dvcs.await("the survivor finishing the sync", WAIT, () -> {
            List<SyncRunEntity> runs = List.of(ao.find(SyncRunEntity.class, net.java.ao.Query.select()
                    .where("REPOSITORY_ID = ? AND TYPE = ?", repositoryId, "FULL").order("ID DESC")));
            return runs.size() >= 3 && runs.get(0).getFinished() != null && runs.get(0).getError() == null
                    ? Optional.of(true) : Optional.empty();
        });
        Mirror.assertMirrors(Mirror.stored(ao, repositoryId), Mirror.expected(remote("repo-02")));
        JsonNode log = admin.get(Dvcs.REST + "/repositories/" + repositoryId + "/syncs").expect(200).json();
        assertThat(log.findValuesAsText("error")).anyMatch(e -> e.startsWith("Interrupted"));
        assertThat(noOverlappingRuns()).isTrue();
    }

    private static JsonNode awaitAllSynced(int nodeIndex) {
        return Dvcs.await("every repository synced", WAIT, () -> Dvcs.account(admin(nodeIndex), account).filter(a -> {
            if (a.path("repositories").isEmpty()) {
                return false;
            }
            for (JsonNode r : a.path("repositories")) {
                if (!"DONE".equals(r.path("sync").path("state").asText())) {
                    return false;
                }
            }
            return true;
        }));
    }

    private static Http admin(int node) {
        return Http.basic(nodes.get(node).baseUrl(), "admin", "admin");
    }

    private static org.dvcsconnector.refapp.simulator.model.Repository remote(String slug) {
        return simulator.store().repository(WORKSPACE, slug).orElseThrow();
    }

    private static int repositoryId(String slug) {
        for (JsonNode r : Dvcs.account(admin(0), account).orElseThrow().path("repositories")) {
            if (r.path("slug").asText().equals(slug)) {
                return r.path("id").asInt();
            }
        }
        throw new AssertionError("no repository " + slug);
    }

    /** The node running the job now (db-scheduler's {@code picked_by}), if one is. */
    private static Optional<String> pickedBy(String jobId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT picked_by FROM scheduled_tasks WHERE task_instance = ? AND picked")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scheduler rows (runs, or changes waiting for one) of jobs whose id matches either LIKE pattern. */
    private static int jobsLeft(String jobIds, String orJobIds) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance LIKE ? OR task_instance LIKE ?")) {
            s.setString(1, jobIds);
            s.setString(2, orJobIds);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commit pages the simulator has served (GET or the POST form), by its own count. */
    private static long commitPagesServed() {
        JsonNode byEndpoint = Http.anonymous(simulator.baseUrl()).get("/_sim/stats").expect(200).json().path("byEndpoint");
        long pages = 0;
        for (var endpoint = byEndpoint.fields(); endpoint.hasNext(); ) {
            var entry = endpoint.next();
            if (entry.getKey().contains("/{repo_slug}/commits")) { // by branch head too: .../commits/{revision}
                pages += entry.getValue().asLong();
            }
        }
        return pages;
    }

    /** Runs of one repository never overlap in time: one node at a time. */
    private static boolean noOverlappingRuns() {
        SyncRunEntity[] runs = ao.find(SyncRunEntity.class, net.java.ao.Query.select().where("TYPE <> ?", "WEBHOOK")
                .order("ID"));
        for (SyncRunEntity a : runs) {
            for (SyncRunEntity b : runs) {
                if (a.getID() < b.getID() && a.getRepositoryId() == b.getRepositoryId() && a.getFinished() != null
                        && b.getStarted() < a.getFinished() && a.getError() == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int commitRows(String hash) {
        return ao.count(org.dvcsconnector.devinfo.CommitEntity.class, net.java.ao.Query.select().where("HASH = ?", hash));
    }

    /** The accounts as REST shows them, without what differs by the instant it is read. */
    private static JsonNode stripVolatile(JsonNode accounts) {
        JsonNode copy = accounts.deepCopy();
        copy.forEach(a -> {
            // What a forecast or the budget's use says depends on the moment asked.
            if (a instanceof com.fasterxml.jackson.databind.node.ObjectNode account) {
                account.remove("requestBudget");
            }
            if (a.path("sync") instanceof com.fasterxml.jackson.databind.node.ObjectNode summary) {
                summary.remove(List.of("eta", "etaRequestsPerHour", "text"));
            }
            a.path("repositories").forEach(r -> {
                if (r instanceof com.fasterxml.jackson.databind.node.ObjectNode repository) {
                    repository.remove("syncText");
                }
                if (r.path("sync") instanceof com.fasterxml.jackson.databind.node.ObjectNode sync) {
                    sync.remove(List.of("eta", "requestsLeft", "etaRequestsPerHour"));
                }
            });
        });
        return copy;
    }

    private static int post(String url, Delivery delivery, String secret) throws Exception {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("X-Event-Key", delivery.event())
                .header("X-Request-UUID", delivery.requestUuid())
                .header("X-Hook-UUID", delivery.hookUuid())
                .header("X-Attempt-Number", "2")
                .header("X-Hub-Signature", "sha256=" + WebhookDispatcher.hmacSha256(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode control(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Http.JSON.readTree(response.body());
    }
}
