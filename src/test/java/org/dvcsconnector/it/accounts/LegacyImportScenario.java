package org.dvcsconnector.it.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.PAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.LegacyTables;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The import of Atlassian's legacy DVCS connector tables at plugin start, on any database: which rows,
 * with what, the plain-text secrets scrubbed, idempotent over restarts, and the migration of an imported
 * account to OAuth 2.0 in place. Subclasses say which database and how to reach it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LegacyImportScenario {

    /** The refapp, started on a database that had the legacy tables before it started. */
    abstract RefappServer server();

    /** A connection to the refapp's database, for reading the legacy tables. */
    abstract Connection database() throws Exception;

    private static final Map<Class<?>, Map<String, Integer>> REPOSITORY_IDS = new HashMap<>();

    @Test
    @Order(1)
    void exactlyTheBitbucketAccountsAreImportedWithTheirLiveRepositories() throws Exception {
        Http admin = server().admin();
        List<JsonNode> accounts = Dvcs.accounts(admin);
        assertThat(accounts).extracting(a -> a.path("workspace").asText()).containsExactlyInAnyOrder("acme", "oldteam");

        JsonNode acme = byWorkspace(accounts, "acme");
        assertThat(acme.path("authType").asText()).isEqualTo("OAUTH1_LEGACY");
        assertThat(acme.path("authBadge").asText()).isEqualTo("OAuth 1.0 · deprecated");
        assertThat(acme.path("autoLink").asBoolean()).isTrue();
        assertThat(acme.path("smartCommits").asBoolean()).isFalse();
        assertThat(Dvcs.slugs(acme)).as("the deleted repository stays behind").containsExactly("api", "webapp");
        JsonNode api = repository(acme, "api");
        assertThat(api.path("linked").asBoolean()).isTrue();
        assertThat(api.path("smartCommits").asBoolean()).isTrue();
        JsonNode webapp = repository(acme, "webapp");
        assertThat(webapp.path("linked").asBoolean()).isFalse();
        assertThat(webapp.path("smartCommits").asBoolean()).isFalse();

        JsonNode team = byWorkspace(accounts, "oldteam");
        assertThat(team.path("workspaceName").asText()).isEqualTo("OldTeam");
        assertThat(team.path("authBadge").asText()).isEqualTo("OAuth 1.0 · deprecated");
        assertThat(team.path("autoLink").asBoolean()).isFalse();
        assertThat(team.path("smartCommits").asBoolean()).isTrue();
        assertThat(Dvcs.slugs(team)).as("DELETED NULL counts as not deleted").containsExactly("legacy-repo");

        String body = admin.get(ACCOUNTS).body();
        for (String secret : LegacyTables.bitbucketSecrets()) {
            assertThat(body).doesNotContain(secret);
        }
        Http session = Dvcs.login(server(), "admin", "admin");
        String page = session.get(PAGE).expect(200).body();
        for (JsonNode account : accounts) {
            String card = TokenLifecycleIT.card(page, account.path("id").asInt()).replace("&middot;", "·");
            assertThat(card).contains("OAuth 1.0 · deprecated").contains("Migrate to OAuth 2.0");
        }

        Map<String, Integer> ids = new HashMap<>();
        acme.path("repositories").forEach(r -> ids.put(r.path("slug").asText(), r.path("id").asInt()));
        ids.put("#account", acme.path("id").asInt());
        REPOSITORY_IDS.put(getClass(), ids);
    }

    @Test
    @Order(2)
    void theLegacySecretsAreClearedFromTheLegacyTables() throws Exception {
        Map<Integer, List<String>> rows;
        try (Connection c = database()) {
            rows = LegacyTables.secretColumns(c);
        }
        assertThat(rows.get(LegacyTables.ACME)).containsExactly(null, null);
        assertThat(rows.get(LegacyTables.OLD_TEAM)).containsExactly(null, null);
        assertThat(rows).containsKey(LegacyTables.GITHUB);
    }

    @Test
    @Order(3)
    void aRestartDoesNotImportTwice() throws Exception {
        List<JsonNode> before = Dvcs.accounts(server().admin());
        server().stop();
        server().start(getClass().getSimpleName() + "-restart");
        List<JsonNode> after = Dvcs.accounts(server().admin());
        assertThat(after).hasSize(2);
        for (JsonNode account : before) {
            JsonNode again = byWorkspace(after, account.path("workspace").asText());
            assertThat(again.path("id")).isEqualTo(account.path("id"));
            assertThat(again.path("repositories")).isEqualTo(account.path("repositories"));
        }
    }

    @Test
    @Order(4)
    void migratingToOAuth2KeepsTheRepositoriesAndDiscoversTheRest() {
        Http admin = server().admin();
        Map<String, Integer> ids = REPOSITORY_IDS.get(getClass());
        assertThat(ids).as("the import test ran first").isNotNull();
        int acme = ids.get("#account");

        Http.Response migrated = admin.postJson(ACCOUNTS + "/" + acme + "/migrate",
                Map.of("clientId", DEMO_PRIVATE, "clientSecret", DEMO_PRIVATE_SECRET));
        assertThat(migrated.status()).as(migrated.toString()).isEqualTo(200);
        assertThat(migrated.json().path("authType").asText()).isEqualTo("OAUTH2_PRIVATE_CONSUMER");
        assertThat(migrated.json().path("id").asInt()).isEqualTo(acme);

        JsonNode discovered = Dvcs.awaitDiscovered(admin, acme);
        assertThat(discovered.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(discovered.path("authBadge").asText()).isEqualTo("OAuth 2.0 · private consumer");
        assertThat(Dvcs.slugs(discovered)).containsExactly("api", "infra", "webapp");
        assertThat(repository(discovered, "api").path("id").asInt()).isEqualTo(ids.get("api"));
        assertThat(repository(discovered, "webapp").path("id").asInt()).isEqualTo(ids.get("webapp"));
        assertThat(repository(discovered, "api").path("linked").asBoolean()).isTrue();
        assertThat(repository(discovered, "webapp").path("linked").asBoolean())
                .as("the administrator's choice survives the migration").isFalse();
        assertThat(repository(discovered, "infra").path("linked").asBoolean()).as("auto-linked (AUTOLINK_NEW_REPOS)")
                .isTrue();
        assertThat(discovered.path("smartCommits").asBoolean()).isFalse();

        JsonNode team = Dvcs.accountByWorkspace(admin, "oldteam").orElseThrow();
        assertThat(team.path("authType").asText()).as("the other legacy account waits").isEqualTo("OAUTH1_LEGACY");
    }

    static JsonNode byWorkspace(List<JsonNode> accounts, String workspace) {
        return accounts.stream().filter(a -> a.path("workspace").asText().equals(workspace)).findFirst()
                .orElseThrow(() -> new AssertionError("No account " + workspace + " in " + accounts));
    }

    static JsonNode repository(JsonNode account, String slug) {
        for (JsonNode r : account.path("repositories")) {
            if (r.path("slug").asText().equals(slug)) {
                return r;
            }
        }
        throw new AssertionError("No repository " + slug + " in " + account.toPrettyString());
    }
}
