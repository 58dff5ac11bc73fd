package org.dvcsconnector.it.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.CALLBACK;
import static org.dvcsconnector.testing.Dvcs.PAGE;
import static org.dvcsconnector.testing.Dvcs.REST;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.LegacyTables;
import org.dvcsconnector.testing.LogCapture;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Security of the accounts feature: consumer secrets, access and refresh tokens (every one the simulator
 * issued) and the imported OAuth 1.0 secrets never appear in a page, a REST answer, the log or the
 * database files; only administrators get anywhere; forms need the XSRF token; an OAuth {@code state}
 * works once, in the session that started it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {

    private static final String PRIVATE_KEY = "vault-private";
    private static final String PRIVATE_SECRET = "S3cr3tPrivate9d8c7b6a5f";
    private static final String PUBLIC_KEY = "vault-public";
    private static final String PUBLIC_SECRET = "S3cr3tPublic1a2b3c4d5e";
    private static LogCapture logs;

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0").beforeStart(home -> {
        if (logs == null) {
            // Before the refapp starts, so that the legacy import's logging is seen too.
            logs = LogCapture.start("org.dvcsconnector.account", "org.dvcsconnector.bitbucket",
                    "org.dvcsconnector.sync", "org.dvcsconnector.web", "org.dvcsconnector.PluginComponents", "okhttp3");
        }
        Files.createDirectories(home.resolve("database"));
        try (Connection c = LegacyTables.h2(home)) {
            LegacyTables.createIfMissing(c);
        }
    });

    private static Sim sim;
    private static Http admin;
    private static int privateAccount;
    private static int publicAccount;
    /** Every page and REST answer the tests saw, to search for secrets. */
    private static final Map<String, String> seen = new LinkedHashMap<>();

    @BeforeAll
    static void link() {
        sim = Sim.of(server);
        sim.recordTokens();
        admin = server.admin();
        sim.accessTokenTtlSeconds(5); // so that tokens are renewed (and refresh tokens rotated) on every use
        sim.workspace("vault", "safe", "deposit");
        sim.workspace("pubvault", "ledger");
        sim.consumer(PRIVATE_KEY, PRIVATE_SECRET, true, null, Sim.ALL_SCOPES);
        sim.consumer(PUBLIC_KEY, PUBLIC_SECRET, false, server.baseUrl() + CALLBACK, Sim.ALL_SCOPES);
        privateAccount = keep(admin.postJson(ACCOUNTS, Dvcs.linkBody("vault", PRIVATE_KEY, PRIVATE_SECRET)).expect(201))
                .json().path("id").asInt();
        Dvcs.awaitDiscovered(admin, privateAccount);
    }

    @AfterAll
    static void stopCapturing() {
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    void anOAuthStateWorksOnceAndOnlyInTheSessionThatStartedIt() {
        Http mine = Dvcs.login(server, "admin", "admin");
        Http other = Dvcs.login(server, "admin", "admin");
        String toBitbucket = Dvcs.authorizeUrl(Dvcs.beginPublicLink(mine, "pubvault", PUBLIC_KEY, PUBLIC_SECRET));
        assertThat(toBitbucket).doesNotContain(PUBLIC_SECRET);
        String callback = Dvcs.authorize(sim, toBitbucket, true);

        // Another administrator's session (a link sent to a colleague, or a login CSRF) gets nowhere.
        Http.Response foreign = keep(other.get(callback));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(server.basic("alice", "alice").get(callback).status()).isEqualTo(403);
        assertThat(Dvcs.accountByWorkspace(admin, "pubvault")).isEmpty();

        // A state this session never issued.
        String forged = callback.replaceAll("state=[^&]+", "state=forged-state-value");
        assertThat(keep(mine.get(forged)).status()).isEqualTo(400);
        assertThat(Dvcs.accountByWorkspace(admin, "pubvault")).isEmpty();

        // The real round trip still works (the refusals above did not use the state up) ...
        assertThat(mine.get(callback).expect(302).location()).endsWith(PAGE);
        assertThat(keep(mine.get(PAGE)).body()).contains("Linked ");
        publicAccount = Dvcs.accountByWorkspace(admin, "pubvault").orElseThrow().path("id").asInt();
        Dvcs.awaitDiscovered(admin, publicAccount);
        // ... once.
        Http.Response replay = keep(mine.get(callback));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(400);
        assertThat(Dvcs.accounts(admin).stream().filter(a -> a.path("workspace").asText().equals("pubvault")))
                .hasSize(1);
    }

    @Test
    @Order(2)
    void noSecretOrTokenAppearsInAnyPageOrRestAnswer() {
        // Renew tokens a few times so that there are several generations to look for.
        for (int i = 0; i < 2; i++) {
            for (int account : List.of(privateAccount, publicAccount)) {
                admin.post(ACCOUNTS + "/" + account + "/sync", null, null).expect(202);
                Dvcs.awaitDiscovered(admin, account);
            }
        }
        Http session = Dvcs.login(server, "admin", "admin");
        keep(session.get(PAGE).expect(200));
        keep(session.get(PAGE + "?action=link").expect(200));
        List<JsonNode> accounts = Dvcs.accounts(admin);
        for (JsonNode account : accounts) {
            int id = account.path("id").asInt();
            keep(session.get(PAGE + "?action=credentials&id=" + id).expect(200));
            keep(session.get(PAGE + "?action=delete&id=" + id).expect(200));
            keep(admin.get(ACCOUNTS + "/" + id).expect(200));
        }
        keep(admin.get(ACCOUNTS).expect(200));

        // Forms and REST calls that fail, each sent with a real secret that must not come back.
        Map<String, String> link = new LinkedHashMap<>();
        link.put("action", "link");
        link.put("host", "bitbucket-cloud");
        link.put("workspace", "vault");
        link.put("clientId", PRIVATE_KEY);
        link.put("clientSecret", PRIVATE_SECRET);
        link.put("consumerType", "PRIVATE");
        keep(Dvcs.postPageForm(session, PAGE + "?action=link", link).expect(400));
        link.put("workspace", "elsewhere");
        link.put("clientId", "no-such-consumer");
        keep(Dvcs.postPageForm(session, PAGE + "?action=link", link).expect(400));
        Map<String, String> credentials = Map.of("action", "credentials", "id", Integer.toString(privateAccount),
                "clientId", "no-such-consumer", "clientSecret", PUBLIC_SECRET, "consumerType", "PRIVATE");
        keep(Dvcs.postPageForm(session, PAGE + "?action=credentials&id=" + privateAccount, credentials).expect(400));
        keep(admin.postJson(ACCOUNTS, Dvcs.linkBody("vault", PRIVATE_KEY, PRIVATE_SECRET)).expect(400));
        keep(admin.postJson(ACCOUNTS, Dvcs.linkBody("pubvault", PUBLIC_KEY, PUBLIC_SECRET)).expect(400));
        keep(admin.postJson(ACCOUNTS + "/" + publicAccount + "/credentials",
                Map.of("clientId", "no-such-consumer", "clientSecret", PRIVATE_SECRET)).expect(400));
        keep(admin.postJson(ACCOUNTS, "{\"clientSecret\": \"" + PRIVATE_SECRET + "\", \"workspace\": [1]}"));

        List<String> secrets = secrets();
        assertThat(secrets.size()).as("tokens issued by the simulator").isGreaterThan(10);
        SoftAssertions soft = new SoftAssertions();
        seen.forEach((request, body) -> {
            for (String secret : secrets) {
                soft.assertThat(body).as("%s contains a secret or token", request).doesNotContain(secret);
            }
        });
        soft.assertAll();
    }

    @Test
    @Order(3)
    void onlyAdministratorsGetAnywhere() {
        Http alice = Dvcs.login(server, "alice", "alice");
        Http anonymous = server.anonymous();
        String callback = CALLBACK + "?code=abc&state=def";
        SoftAssertions soft = new SoftAssertions();
        for (String page : List.of(PAGE, PAGE + "?action=link", PAGE + "?action=credentials&id=" + privateAccount,
                PAGE + "?action=delete&id=" + privateAccount, callback)) {
            soft.assertThat(alice.get(page).status()).as("alice GET " + page).isEqualTo(403);
            Http.Response nobody = anonymous.get(page);
            soft.assertThat(nobody.status()).as("anonymous GET " + page).isEqualTo(302);
            soft.assertThat(nobody.location()).as("anonymous GET " + page).contains("/login");
        }
        String token = Http.atlToken(alice.get("/login").body());
        Http.Response post = alice.postForm(PAGE, Map.of("atl_token", token, "action", "delete",
                "id", Integer.toString(privateAccount)));
        soft.assertThat(post.status()).as("alice POST delete").isEqualTo(403);
        Http.Response anonymousPost = anonymous.postForm(PAGE, Map.of("action", "delete", "id",
                Integer.toString(privateAccount)));
        soft.assertThat(anonymousPost.status()).as("anonymous POST delete").isIn(302, 403);

        int repository = Dvcs.account(admin, privateAccount).orElseThrow().path("repositories").get(0).path("id").asInt();
        String one = ACCOUNTS + "/" + privateAccount;
        Map<String, Object> creds = Map.of("clientId", PRIVATE_KEY, "clientSecret", PRIVATE_SECRET);
        List<java.util.function.BiFunction<Http, String[], Http.Response>> calls = List.of(
                (h, x) -> h.get(ACCOUNTS, x), (h, x) -> h.get(one, x),
                (h, x) -> h.postJson(ACCOUNTS, Dvcs.linkBody("other", PRIVATE_KEY, PRIVATE_SECRET), x),
                (h, x) -> h.putJson(one, Map.of("autoLink", false), x), (h, x) -> h.delete(one, x),
                (h, x) -> h.postJson(one + "/credentials", creds, x), (h, x) -> h.postJson(one + "/migrate", creds, x),
                (h, x) -> h.postJson(one + "/sync", "{}", x),
                (h, x) -> h.putJson(REST + "/repositories/" + repository, Map.of("linked", false), x));
        for (var call : calls) {
            Http.Response asAlice = call.apply(alice, new String[0]);
            soft.assertThat(asAlice.status()).as("alice: " + asAlice).isEqualTo(403);
            Http.Response asNobody = call.apply(anonymous, new String[0]);
            soft.assertThat(asNobody.status()).as("anonymous: " + asNobody).isEqualTo(401);
            keep(asAlice);
            keep(asNobody);
        }
        soft.assertAll();
        JsonNode account = Dvcs.account(admin, privateAccount).orElseThrow();
        assertThat(account.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.path("autoLink").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void aFormPostWithoutTheXsrfTokenChangesNothing() {
        Http session = Dvcs.login(server, "admin", "admin");
        sim.workspace("xsrfvault", "x");
        String id = Integer.toString(privateAccount);
        List<Map<String, String>> forms = List.of(
                Map.of("action", "delete", "id", id),
                Map.of("action", "delete", "id", id, "atl_token", "not-the-token"),
                Map.of("action", "account-options", "id", id),
                Map.of("action", "sync", "id", id),
                Map.of("action", "credentials", "id", id, "clientId", "x", "clientSecret", "y"),
                Map.of("action", "link", "workspace", "xsrfvault", "clientId", PRIVATE_KEY,
                        "clientSecret", PRIVATE_SECRET, "consumerType", "PRIVATE"));
        for (Map<String, String> form : forms) {
            Http.Response response = keep(session.postForm(PAGE, form));
            assertThat(response.status()).as(form + " -> " + response).isEqualTo(403);
        }
        JsonNode account = Dvcs.account(admin, privateAccount).orElseThrow();
        assertThat(account.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.path("autoLink").asBoolean()).as("account-options without token ignored").isTrue();
        assertThat(account.path("clientId").asText()).isEqualTo(PRIVATE_KEY);
        assertThat(Dvcs.accountByWorkspace(admin, "xsrfvault")).isEmpty();
    }

    @Test
    @Order(5)
    void noSecretOrTokenIsLogged() {
        List<String> secrets = secrets();
        List<String> texts = logs.texts();
        assertThat(texts).as("log events captured").isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (String text : texts) {
            for (String secret : secrets) {
                soft.assertThat(text).as("log event contains a secret or token").doesNotContain(secret);
            }
        }
        soft.assertAll();
    }

    @Test
    @Order(6)
    void noSecretOrTokenIsStoredInPlainTextInTheDatabaseFiles() throws IOException {
        List<String> secrets = secrets();
        Path database = server.home().resolve("database");
        server.stop(); // H2 writes everything out when it closes
        List<Path> files;
        try (Stream<Path> walk = Files.walk(database)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("database files under " + database).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String secret : secrets) {
                soft.assertThat(indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8)))
                        .as("%s holds \"%s…\" in plain text", file.getFileName(), secret.substring(0, 6)).isEqualTo(-1);
            }
        }
        soft.assertAll();
    }

    /** The consumer secrets, the imported OAuth 1.0 secrets and every token the simulator issued. */
    private static List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(PRIVATE_SECRET, PUBLIC_SECRET));
        all.addAll(LegacyTables.bitbucketSecrets());
        all.addAll(sim.issuedTokens());
        return all;
    }

    private static Http.Response keep(Http.Response response) {
        seen.put(response.request() + " #" + seen.size() + " (" + response.status() + ")", response.body());
        return response;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
