package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.java.ao.Query;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.db.AoTableNames;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.ao.TablePrefixes;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The refapp on its default H2 database with the demo data and the built plugin, over HTTP: the plugin, its REST,
 * admin pages, errors and web resources. The host's own login, XSRF check, Jira REST and issue page are
 * {@link RefappHostH2IT}'s.
 */
class RefappH2IT {

    static final String ACCOUNTS_PAGE = "/plugins/servlet/dvcs/accounts";
    static final String ACCOUNTS_REST = "/rest/dvcs/1.0/accounts";

    @RegisterExtension
    static final RefappServer server = RefappServer.demo();

    static Http admin() {
        return server.admin();
    }

    static Http alice() {
        return server.basic("alice", "alice");
    }

    static Http anonymous() {
        return server.anonymous();
    }

    static String createIssue(Http as, String project, String summary) {
        JsonNode created = as.postJson("/rest/api/2/issue",
                Map.of("fields", Map.of("project", Map.of("key", project), "summary", summary))).expect(201).json();
        assertThat(created.path("key").asText()).startsWith(project + "-");
        return created.path("key").asText();
    }

    static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("Exception", "at org.", "at java.", "at jakarta.");
    }

    @Nested
    class ThePlugin {

        @Test
        void isEnabledWithAllItsModules() {
            JsonNode plugin = PluginsJson.plugin(admin(), RefappServer.PLUGIN_KEY);
            assertThat(plugin.path("state").asText()).as(plugin.toString()).isEqualTo("ENABLED");
            assertThat(plugin.path("enabled").asBoolean()).isTrue();

            List<String> types = new ArrayList<>();
            for (JsonNode module : plugin.path("modules")) {
                assertThat(module.path("enabled").asBoolean()).as("module " + module).isTrue();
                types.add(module.path("type").asText() + (module.path("type").asText().equals("resource")
                        ? ":" + module.path("key").asText() : ""));
            }
            assertThat(types).contains("ao", "rest", "servlet", "web-section", "web-item", "web-resource",
                    "resource:i18n");
        }

        @Test
        void theInstalledAppsNeedALogin() {
            assertThat(anonymous().get("/rest/plugins/1.0/").status()).isEqualTo(401);
        }

        @Test
        void itsAccountTableExistsWithTheAoPrefix() {
            PluginActiveObjects ao = server.refapp().activeObjects().forPlugin(RefappServer.PLUGIN_KEY);
            // The plugin derives the name itself, as AO does; the host's AO created the table under the same name.
            String table = new AoTableNames(RefappServer.PLUGIN_KEY).name(AccountEntity.class);
            assertThat(table).matches("AO_[0-9A-F]{6}_ACCOUNT")
                    .isEqualTo(TablePrefixes.forPluginKey(RefappServer.PLUGIN_KEY) + "ACCOUNT");
            // A real query on that table, named as the plugin names it: fails if the ao module did not create it.
            Sql sql = new PluginDatabase(ao, RefappServer.PLUGIN_KEY).sql(AccountEntity.class);
            assertThat(sql.list("SELECT COUNT(*) AS [N] FROM [AccountEntity]", row -> row.integer("N"))).containsExactly(0);
            assertThat(ao.count(AccountEntity.class, Query.select())).isZero();
        }
    }

    @Nested
    class AccountsRest {

        @Test
        void adminsGetTheEmptyList() {
            Http.Response response = admin().get(ACCOUNTS_REST).expect(200);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().isArray()).isTrue();
            assertThat(response.json()).isEmpty();
        }

        @Test
        void otherUsersGetA403AsJson() {
            Http.Response response = alice().get(ACCOUNTS_REST).expect(403);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().path("message").asText()).isNotBlank();
        }

        @Test
        void anonymousCallersGetA401AsJson() {
            Http.Response response = anonymous().get(ACCOUNTS_REST).expect(401);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().path("message").asText()).isNotBlank();
        }
    }

    @Nested
    class AdminPages {

        @Test
        void theAccountsPageShowsTheEmptyStateInTheAdminLayout() {
            Http.Response response = admin().get(ACCOUNTS_PAGE).expect(200);
            assertThat(response.contentType()).startsWith("text/html");
            String html = response.body();
            assertThat(html).contains("id=\"dvcs-empty-state\"", "No Bitbucket Cloud account is linked yet",
                    "Link an account", "<h1>DVCS accounts</h1>");
            assertThat(html).contains("id=\"admin-menu\"", "<h3>Applications</h3>", "id=\"dvcs-accounts-link\"");
            assertThat(html).containsPattern("id=\"dvcs-accounts-link\"[^>]*class=\"active\"[^>]*>DVCS accounts</a>");
            assertThat(html).contains("/download/resources/org.dvcsconnector.dvcs-connector:admin-resources/accounts.js");
        }

        @Test
        void theAccountsPageIsForbiddenToOtherUsers() {
            Http.Response response = alice().get(ACCOUNTS_PAGE).expect(403);
            assertThat(response.contentType()).startsWith("text/html");
            assertThat(response.body()).contains("403").doesNotContain("id=\"admin-menu-link\"", "dvcs-empty-state");
            assertNoStackTrace(response.body());
        }

        @Test
        void anonymousUsersAreSentToLogIn() {
            Http.Response response = anonymous().get(ACCOUNTS_PAGE).expect(302);
            assertThat(response.location())
                    .endsWith("/login?os_destination=%2Fplugins%2Fservlet%2Fdvcs%2Faccounts");
        }

        @Test
        void theAdministrationAreaListsTheDvcsItem() {
            String html = admin().get("/secure/admin").expect(200).body();
            assertThat(html).contains("id=\"admin-menu\"", "Applications", "DVCS accounts",
                    "href=\"/plugins/servlet/dvcs/accounts\"", "id=\"admin-menu-link\"");
            assertThat(alice().get("/secure/admin").status()).isEqualTo(403);
            Http.Response anonymous = anonymous().get("/secure/admin").expect(302);
            assertThat(anonymous.location()).contains("/login?os_destination=%2Fsecure%2Fadmin");
        }

        @Test
        void otherUsersSeeNoAdministrationLink() {
            String html = alice().get("/").expect(200).body();
            assertThat(html).contains("id=\"current-user\"").doesNotContain("id=\"admin-menu-link\"");
        }
    }

    @Nested
    class Errors {

        @Test
        void anUnknownPageIsA404PageWithoutInternals() {
            for (Http http : List.of(anonymous(), admin())) {
                Http.Response response = http.get("/no/such/page").expect(404);
                assertThat(response.contentType()).startsWith("text/html");
                assertThat(response.body()).contains("404");
                assertNoStackTrace(response.body());
            }
        }

        @Test
        void anUnknownPluginServletIsA404() {
            Http.Response response = admin().get("/plugins/servlet/dvcs/no-such-page").expect(404);
            assertNoStackTrace(response.body());
        }
    }

    @Nested
    class WebResources {

        static final String PREFIX = "/download/resources/org.dvcsconnector.dvcs-connector:admin-resources/";

        @Test
        void declaredResourcesAreServedWithTheirType() {
            Http.Response js = anonymous().get(PREFIX + "accounts.js").expect(200);
            assertThat(js.contentType()).startsWith("text/javascript");
            assertThat(js.body()).contains("import");
            Http.Response css = anonymous().get(PREFIX + "accounts.css").expect(200);
            assertThat(css.contentType()).startsWith("text/css");
        }

        @Test
        void undeclaredNamesAreNotServed() {
            assertThat(anonymous().get(PREFIX + "nope.js").status()).isEqualTo(404);
            assertThat(anonymous().get(PREFIX + "../atlassian-plugin.xml").status()).isIn(400, 404);
            assertThat(anonymous().get("/download/resources/org.dvcsconnector.dvcs-connector:no-module/accounts.js")
                    .status()).isEqualTo(404);
        }

        @Test
        void everyModuleTheAccountsScriptImportsIsServed() {
            // A browser resolves "./x.js" next to accounts.js; an undeclared file breaks the whole module.
            String js = anonymous().get(PREFIX + "accounts.js").expect(200).body();
            java.util.regex.Matcher imports = java.util.regex.Pattern
                    .compile("from\\s+['\"]\\./([^'\"]+)['\"]").matcher(js);
            while (imports.find()) {
                assertThat(anonymous().get(PREFIX + imports.group(1)).status())
                        .as("accounts.js imports ./" + imports.group(1)).isEqualTo(200);
            }
        }
    }
}
