package org.dvcsconnector.it.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.DEMO_PUBLIC;
import static org.dvcsconnector.testing.Dvcs.DEMO_PUBLIC_SECRET;
import static org.dvcsconnector.testing.Dvcs.PAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Access tokens that expire while the plugin works (the simulator issues them for one second): renewal
 * with client credentials (private consumer) and with rotating refresh tokens (public consumer), then
 * revocation, which leaves the account waiting for an administrator with its data intact, and the reset.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenLifecycleIT {

    private static final List<String> SCOPES = Sim.ALL_SCOPES;
    private static final long SHORT_TTL = 5;

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0");

    private static Sim sim;
    private static Http admin;
    private static int privateAccount;
    private static int publicAccount;

    @BeforeAll
    static void setUp() {
        sim = Sim.of(server);
        admin = server.admin();
        sim.workspace("umbrella", "alpha", "beta", "gamma", "delta");
        // Tokens live a few seconds: enough to verify a link, far below the plugin's renew-a-minute-early
        // margin, so every later use of a token needs a new one, and a stale one is refused by Bitbucket.
        sim.accessTokenTtlSeconds(SHORT_TTL);
    }

    @Test
    @Order(1)
    void aPrivateConsumerGetsNewTokensWhenTheyExpire() {
        privateAccount = Dvcs.linkPrivate(admin, "acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET).path("id").asInt();
        Dvcs.awaitDiscovered(admin, privateAccount);
        long before = sim.count(Sim.TOKEN_ENDPOINT);

        syncRepeatedly(privateAccount, 3);

        assertThat(sim.count(Sim.TOKEN_ENDPOINT) - before).as("new token requests while syncing").isGreaterThanOrEqualTo(3);
        JsonNode account = Dvcs.account(admin, privateAccount).orElseThrow();
        assertThat(account.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(Dvcs.slugs(account)).containsExactly("api", "infra", "webapp");
    }

    @Test
    @Order(2)
    void aPublicConsumerRotatesItsRefreshTokenAcrossSeveralRefreshes() {
        Http session = Dvcs.login(server, "admin", "admin");
        Dvcs.linkPublic(session, sim, "umbrella", DEMO_PUBLIC, DEMO_PUBLIC_SECRET);
        JsonNode linked = Dvcs.accountByWorkspace(admin, "umbrella").orElseThrow();
        publicAccount = linked.path("id").asInt();
        assertThat(linked.path("authType").asText()).isEqualTo("OAUTH2_AUTHORIZATION_CODE");
        assertThat(linked.path("authBadge").asText()).isEqualTo("OAuth 2.0 · authorization code");
        assertThat(Dvcs.slugs(Dvcs.awaitDiscovered(admin, publicAccount))).containsExactly("alpha", "beta", "delta", "gamma");

        long before = sim.count(Sim.TOKEN_ENDPOINT);
        // A public consumer cannot use client credentials, and the simulator retires each refresh token
        // when it is used: every discovery below succeeds only if the previous rotation was stored.
        syncRepeatedly(publicAccount, 4);
        assertThat(sim.count(Sim.TOKEN_ENDPOINT) - before).as("refresh-token grants").isGreaterThanOrEqualTo(4);
        assertThat(Dvcs.account(admin, publicAccount).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @Order(3)
    void aRevokedPublicConsumerNeedsReauthorisationKeepsItsDataAndCanBeReset() {
        List<Integer> repositoriesBefore = repositoryIds(publicAccount);
        // The consumer's secret is changed on Bitbucket: the stored one no longer renews anything.
        sim.consumer(DEMO_PUBLIC, "rotated-public-secret", false, server.baseUrl() + Dvcs.CALLBACK, SCOPES);
        requestSyncAfterRevocation(publicAccount);

        JsonNode refused = Dvcs.awaitAccount(admin, publicAccount, "NEEDS_REAUTHORISATION",
                a -> a.path("status").asText().equals("NEEDS_REAUTHORISATION"));
        assertThat(refused.path("statusMessage").asText()).isNotBlank();
        assertThat(repositoryIds(publicAccount)).as("no data lost").isEqualTo(repositoriesBefore);
        assertThat(Dvcs.account(admin, privateAccount).orElseThrow().path("status").asText())
                .as("the other account is not affected").isEqualTo("ACTIVE");

        Http session = Dvcs.login(server, "admin", "admin");
        String card = card(session.get(PAGE).expect(200).body(), publicAccount);
        assertThat(card).contains("dvcs-banner error").contains("Reset OAuth settings")
                .contains("action=credentials&amp;id=" + publicAccount);

        // Reset: the credentials form with the new secret, and the authorization round trip again.
        String credentialsPage = PAGE + "?action=credentials&id=" + publicAccount;
        Http.Response toBitbucket = Dvcs.postPageForm(session, credentialsPage, Map.of("action", "credentials",
                "id", Integer.toString(publicAccount), "clientId", DEMO_PUBLIC, "clientSecret", "rotated-public-secret",
                "consumerType", "PUBLIC")).expect(200);
        String callback = Dvcs.authorize(sim, Dvcs.authorizeUrl(toBitbucket), true);
        assertThat(session.get(callback).expect(302).location()).endsWith(PAGE);
        assertThat(session.get(PAGE).expect(200).body()).contains("now uses OAuth 2.0");

        JsonNode reset = Dvcs.awaitDiscovered(admin, publicAccount);
        assertThat(reset.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(reset.path("authType").asText()).isEqualTo("OAUTH2_AUTHORIZATION_CODE");
        assertThat(repositoryIds(publicAccount)).isEqualTo(repositoriesBefore);
        assertThat(card(session.get(PAGE).expect(200).body(), publicAccount)).doesNotContain("dvcs-banner error");
    }

    @Test
    @Order(4)
    void aRevokedPrivateConsumerNeedsReauthorisationAndIsResetOverRest() {
        List<Integer> repositoriesBefore = repositoryIds(privateAccount);
        sim.consumer(DEMO_PRIVATE, "rotated-private-secret", true, server.baseUrl() + Dvcs.CALLBACK, SCOPES);
        requestSyncAfterRevocation(privateAccount);
        JsonNode refused = Dvcs.awaitAccount(admin, privateAccount, "NEEDS_REAUTHORISATION",
                a -> a.path("status").asText().equals("NEEDS_REAUTHORISATION"));
        assertThat(refused.path("statusMessage").asText()).contains("Reset OAuth settings");
        assertThat(repositoryIds(privateAccount)).isEqualTo(repositoriesBefore);

        Http.Response wrong = admin.postJson(ACCOUNTS + "/" + privateAccount + "/credentials",
                Map.of("clientId", DEMO_PRIVATE, "clientSecret", DEMO_PRIVATE_SECRET));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        assertThat(Dvcs.account(admin, privateAccount).orElseThrow().path("status").asText())
                .isEqualTo("NEEDS_REAUTHORISATION");

        JsonNode reset = admin.postJson(ACCOUNTS + "/" + privateAccount + "/credentials",
                Map.of("clientId", DEMO_PRIVATE, "clientSecret", "rotated-private-secret")).expect(200).json();
        assertThat(reset.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(Dvcs.awaitDiscovered(admin, privateAccount).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(repositoryIds(privateAccount)).isEqualTo(repositoriesBefore);
    }

    private static void syncRepeatedly(int account, int times) {
        for (int i = 0; i < times; i++) {
            admin.post(ACCOUNTS + "/" + account + "/sync", null, null).expect(202);
            JsonNode done = Dvcs.awaitIdle(admin, account);
            assertThat(done.path("status").asText()).as("after sync %d: %s", i + 1, done).isEqualTo("ACTIVE");
        }
    }

    /**
     * Asks for a sync once the consumer was revoked. Any background use of the token (a scheduled sync, a webhook
     * registration) may find the refusal first; the plugin then refuses the sync request itself, naming the reset.
     */
    private static void requestSyncAfterRevocation(int account) {
        Http.Response response = admin.post(ACCOUNTS + "/" + account + "/sync", null, null);
        if (response.status() == 409) {
            assertThat(response.body()).as(response.toString()).contains("Reset OAuth settings");
        } else {
            response.expect(202);
        }
    }

    private static List<Integer> repositoryIds(int account) {
        List<Integer> ids = new ArrayList<>();
        Dvcs.account(admin, account).orElseThrow().path("repositories").forEach(r -> ids.add(r.path("id").asInt()));
        ids.sort(null);
        return ids;
    }

    /** The HTML of one account's card on the accounts page. */
    static String card(String page, int account) {
        Matcher start = Pattern.compile("<article[^>]*id=\"dvcs-account-" + account + "\"").matcher(page);
        if (!start.find()) {
            throw new AssertionError("No card for account " + account + " on the page:\n" + page);
        }
        int end = page.indexOf("</article>", start.start());
        return page.substring(start.start(), end < 0 ? page.length() : end);
    }
}
