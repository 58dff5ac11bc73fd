package org.dvcsconnector.it.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.DEMO_PUBLIC;
import static org.dvcsconnector.testing.Dvcs.DEMO_PUBLIC_SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
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
 * Linking an account through {@code POST /rest/dvcs/1.0/accounts} against the simulator: with a private consumer,
 * and every way a link can be refused. What can be done with a linked account is {@link AccountsRestIT}'s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountLinkingRestIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0");

    private static Sim sim;
    private static Http admin;
    /** The acme account linked by the first test. */
    private static int acme;

    @BeforeAll
    static void setUp() {
        sim = Sim.of(server);
        admin = server.admin();
    }

    @Test
    @Order(1)
    void linkingWithAPrivateConsumerDiscoversTheWorkspacesRepositories() {
        Http.Response created = admin.postJson(ACCOUNTS, Dvcs.linkBody("acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET))
                .expect(201);
        JsonNode account = created.json();
        acme = account.path("id").asInt();
        assertThat(acme).isPositive();
        assertThat(created.location()).as("Location of the new account").endsWith("/accounts/" + acme);
        assertThat(account.path("workspace").asText()).isEqualTo("acme");
        assertThat(account.path("authType").asText()).isEqualTo("OAUTH2_PRIVATE_CONSUMER");
        assertThat(account.path("authBadge").asText()).isEqualTo("OAuth 2.0 · private consumer");
        assertThat(account.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.path("autoLink").asBoolean()).isTrue();
        assertThat(account.path("smartCommits").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(DEMO_PRIVATE_SECRET);

        JsonNode discovered = Dvcs.awaitDiscovered(admin, acme);
        assertThat(Dvcs.slugs(discovered)).containsExactly("api", "infra", "webapp");
        discovered.path("repositories").forEach(r -> {
            assertThat(r.path("linked").asBoolean()).as("auto-linked %s", r.path("slug")).isTrue();
            assertThat(r.path("smartCommits").asBoolean()).as("smart commits on %s", r.path("slug")).isTrue();
            assertThat(r.path("accountId").asInt()).isEqualTo(acme);
        });
        assertThat(admin.get(ACCOUNTS + "/" + acme).expect(200).json().path("repositories")).hasSize(3);
    }

    @Test
    @Order(2)
    void aWorkspaceIsLinkedOnlyOnce() {
        JsonNode errors = refused(Dvcs.linkBody("acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET));
        assertThat(errors.path("workspace").asText()).contains("acme").contains("linked already");
        assertThat(Dvcs.accounts(admin).stream().filter(a -> a.path("workspace").asText().equals("acme"))).hasSize(1);
    }

    @Test
    void anIncompleteFormNamesEveryFieldToFix() {
        JsonNode empty = refused(Map.of());
        assertThat(empty.path("workspace").asText()).contains("workspace ID");
        assertThat(empty.path("clientId").asText()).contains("Key");
        assertThat(empty.path("clientSecret").asText()).contains("Secret");

        Map<String, Object> body = Dvcs.linkBody("formcheck", DEMO_PRIVATE, DEMO_PRIVATE_SECRET);
        body.put("host", "github");
        assertThat(refused(body).path("host").asText()).contains("bitbucket-cloud");

        body = Dvcs.linkBody("Not A Workspace!", DEMO_PRIVATE, DEMO_PRIVATE_SECRET);
        assertThat(refused(body).path("workspace").asText()).contains("lowercase letters");

        body = Dvcs.linkBody("formcheck", "has spaces in it", DEMO_PRIVATE_SECRET);
        assertThat(refused(body).path("clientId").asText()).contains("Key");

        body = Dvcs.linkBody("formcheck", DEMO_PRIVATE, "secret with spaces");
        assertThat(refused(body).path("clientSecret").asText()).contains("Secret");

        body = Dvcs.linkBody("formcheck", DEMO_PRIVATE, DEMO_PRIVATE_SECRET);
        body.put("consumerType", "sideways");
        assertThat(refused(body).path("consumerType").asText()).isNotBlank();

        assertThat(Dvcs.accountByWorkspace(admin, "formcheck")).isEmpty();
    }

    @Test
    void aWrongSecretIsRefusedWithBitbucketsReason() {
        sim.workspace("wrongsecret", "one");
        JsonNode errors = refused(Dvcs.linkBody("wrongsecret", DEMO_PRIVATE, "not-the-secret"));
        assertThat(errors.path("clientSecret").asText()).contains("rejected the Key or the Secret");
        assertThat(errors.toString()).doesNotContain("not-the-secret");
        assertThat(Dvcs.accountByWorkspace(admin, "wrongsecret")).isEmpty();
    }

    @Test
    void aPublicConsumerUsedAsAPrivateOneIsExplained() {
        sim.workspace("publicasprivate", "one");
        JsonNode errors = refused(Dvcs.linkBody("publicasprivate", DEMO_PUBLIC, DEMO_PUBLIC_SECRET));
        assertThat(errors.path("consumerType").asText()).contains("private consumer");

        Map<String, Object> asPublic = Dvcs.linkBody("publicasprivate", DEMO_PUBLIC, DEMO_PUBLIC_SECRET);
        asPublic.put("consumerType", "public");
        assertThat(refused(asPublic).path("consumerType").asText())
                .as("REST cannot do the browser round trip a public consumer needs").contains("accounts page");
        assertThat(Dvcs.accountByWorkspace(admin, "publicasprivate")).isEmpty();
    }

    @Test
    void aConsumerWithoutTheWebhookPermissionIsRefusedNamingIt() {
        sim.workspace("nohooks", "one");
        sim.consumer("no-webhooks", "no-webhooks-secret", true, null, List.of("account", "repository", "pullrequest"));
        JsonNode errors = refused(Dvcs.linkBody("nohooks", "no-webhooks", "no-webhooks-secret"));
        assertThat(errors.path("clientId").asText()).contains("Webhooks").doesNotContain("Pull requests");

        sim.consumer("read-only", "read-only-secret", true, null, List.of("account", "repository"));
        assertThat(refused(Dvcs.linkBody("nohooks", "read-only", "read-only-secret")).path("clientId").asText())
                .contains("Pull requests").contains("Webhooks");
        assertThat(Dvcs.accountByWorkspace(admin, "nohooks")).isEmpty();
    }

    @Test
    void anUnknownWorkspaceIsRefused() {
        JsonNode errors = refused(Dvcs.linkBody("no-such-workspace", DEMO_PRIVATE, DEMO_PRIVATE_SECRET));
        assertThat(errors.path("workspace").asText()).contains("no-such-workspace");
        assertThat(Dvcs.accountByWorkspace(admin, "no-such-workspace")).isEmpty();
    }

    /** POSTs a link that must be refused: the {@code errors} object of the 400. */
    private static JsonNode refused(Map<String, ?> body) {
        Http.Response response = admin.postJson(ACCOUNTS, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        JsonNode errors = response.json().path("errors");
        assertThat(errors.isObject()).as("errors object in " + response).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return errors;
    }
}
