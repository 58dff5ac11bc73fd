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

/** The refapp on its default H2 database with the demo data and the built plugin, over HTTP. */
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

    @Nested
    class Login {

        @Test
        void aWrongPasswordAndAnUnknownUserLookTheSame() {
            Http wrongPassword = server.session();
            Http.Response first = wrongPassword.login("alice", "not-her-password");
            Http unknownUser = server.session();
            Http.Response second = unknownUser.login("nobody-at-all", "whatever");
            assertThat(first.status()).isEqualTo(second.status()).isBetween(400, 499);
            assertThat(message(first)).isNotBlank().isEqualTo(message(second));
            assertThat(first.body()).doesNotContain("nobody-at-all does not exist");
            // Still anonymous: the admin page sends them to log in.
            assertThat(wrongPassword.get(ACCOUNTS_PAGE).status()).isEqualTo(302);
        }

        @Test
        void wrongBasicCredentialsGetA401WithoutPrompt() {
            Http.Response response = server.basic("alice", "wrong").get("/rest/api/2/myself").expect(401);
            assertThat(response.header("WWW-Authenticate")).isEmpty();
        }

        private String message(Http.Response response) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("id=\"login-error\"[^>]*>([^<]+)<")
                    .matcher(response.body());
            assertThat(matcher.find()).as("an error message on the login form:\n" + response.body()).isTrue();
            return matcher.group(1);
        }

        @Test
        void aFormLoginOpensTheAdminPage() {
            Http session = server.session();
            String token = session.loginFormToken();
            Http.Response login = session.postForm("/login", Map.of("atl_token", token, "os_username", "admin",
                    "os_password", "admin", "os_destination", ACCOUNTS_PAGE)).expect(302);
            assertThat(login.location()).endsWith(ACCOUNTS_PAGE);
            assertThat(session.get(ACCOUNTS_PAGE).expect(200).body()).contains("dvcs-empty-state");
            assertThat(session.get(ACCOUNTS_REST).expect(200).json()).isEmpty();
        }

        @Test
        void theLoginRefusesAForeignDestination() {
            Http session = server.session();
            String token = session.loginFormToken();
            Http.Response login = session.postForm("/login", Map.of("atl_token", token, "os_username", "alice",
                    "os_password", "alice", "os_destination", "//evil.example/")).expect(302);
            assertThat(login.location()).doesNotContain("evil.example");
        }

        @Test
        void aLoginPostWithoutTheTokenIsRefused() {
            Http session = server.session();
            session.loginFormToken(); // a session exists, but the post does not carry its token
            Http.Response login = session.postForm("/login", Map.of("os_username", "admin", "os_password", "admin",
                    "os_destination", "/"));
            assertThat(login.status()).isEqualTo(403);
            assertThat(session.get(ACCOUNTS_PAGE).status()).as("not logged in").isEqualTo(302);

            Http fresh = server.session(); // no session at all
            assertThat(fresh.postForm("/login", Map.of("atl_token", "forged", "os_username", "admin",
                    "os_password", "admin")).status()).isEqualTo(403);
            assertThat(fresh.get(ACCOUNTS_PAGE).status()).isEqualTo(302);
        }

        @Test
        void logoutIsAPostWithTheToken() {
            Http session = server.session();
            session.login("alice", "alice").expect(302);
            assertThat(session.get("/rest/api/2/myself").expect(200).json().path("name").asText()).isEqualTo("alice");

            assertThat(session.get("/logout").status()).as("GET /logout").isNotEqualTo(302).isBetween(400, 499);
            assertThat(session.get("/rest/api/2/myself").status()).as("still logged in after GET").isEqualTo(200);

            String token = Http.atlToken(session.get("/").expect(200).body());
            assertThat(session.postForm("/logout", Map.of()).status()).as("without the token").isEqualTo(403);
            assertThat(session.get("/rest/api/2/myself").status()).isEqualTo(200);

            session.postForm("/logout", Map.of("atl_token", token)).expect(302);
            assertThat(session.get("/rest/api/2/myself").status()).as("logged out").isEqualTo(401);
        }
    }

    @Nested
    class Xsrf {

        @Test
        void aFormPostToRestWithASessionNeedsTheHeader() {
            Http session = server.session();
            session.login("alice", "alice").expect(302);
            String form = "fields=x";
            Http.Response refused = session.post("/rest/api/2/issue", "application/x-www-form-urlencoded", form);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("XSRF");

            Http.Response noContentType = session.post("/rest/api/2/issue", null, form);
            assertThat(noContentType.status()).isEqualTo(403);

            Http.Response passed = session.post("/rest/api/2/issue", "application/x-www-form-urlencoded", form,
                    "X-Atlassian-Token", "no-check");
            assertThat(passed.status()).as(passed.toString()).isNotEqualTo(403);
            assertThat(passed.body()).doesNotContain("XSRF check failed");
        }

        @Test
        void jsonFromASessionNeedsNoHeader() {
            Http session = server.session();
            session.login("alice", "alice").expect(302);
            Http.Response created = session.postJson("/rest/api/2/issue",
                    Map.of("fields", Map.of("project", Map.of("key", "DEMO"), "summary", "Made with a session")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
    }

    @Nested
    class JiraRest {

        @Test
        void myselfNamesTheCaller() {
            JsonNode me = alice().get("/rest/api/2/myself").expect(200).json();
            assertThat(me.path("name").asText()).isEqualTo("alice");
            assertThat(me.path("emailAddress").asText()).isEqualTo("alice@example.com");
            assertThat(anonymous().get("/rest/api/2/myself").status()).isEqualTo(401);
        }

        @Test
        void projectsAreFilteredByPermission() {
            assertThat(keys(admin().get("/rest/api/2/project").expect(200).json())).contains("DEMO", "OPS");
            assertThat(keys(alice().get("/rest/api/2/project").expect(200).json())).contains("DEMO")
                    .doesNotContain("OPS");
        }

        private List<String> keys(JsonNode projects) {
            List<String> keys = new ArrayList<>();
            projects.forEach(p -> keys.add(p.path("key").asText()));
            return keys;
        }

        @Test
        void anIssueIsCreatedReadAndTransitioned() {
            String key = createIssue(alice(), "DEMO", "Created over REST");
            JsonNode issue = alice().get("/rest/api/2/issue/" + key).expect(200).json();
            assertThat(issue.path("key").asText()).isEqualTo(key);
            JsonNode fields = issue.path("fields");
            assertThat(fields.path("summary").asText()).isEqualTo("Created over REST");
            assertThat(fields.path("status").path("name").asText()).isEqualTo("To Do");
            assertThat(fields.path("comment").path("comments").isArray()).isTrue();
            assertThat(fields.path("worklog").path("worklogs").isArray()).isTrue();

            JsonNode transitions = alice().get("/rest/api/2/issue/" + key + "/transitions").expect(200).json()
                    .path("transitions");
            String startProgress = null;
            for (JsonNode transition : transitions) {
                if (transition.path("to").path("name").asText().equals("In Progress")) {
                    startProgress = transition.path("id").asText();
                }
            }
            assertThat(startProgress).as("a transition to In Progress in " + transitions).isNotNull();
            alice().postJson("/rest/api/2/issue/" + key + "/transitions",
                    Map.of("transition", Map.of("id", startProgress))).expect(204);
            assertThat(alice().get("/rest/api/2/issue/" + key).expect(200).json()
                    .path("fields").path("status").path("name").asText()).isEqualTo("In Progress");
        }

        @Test
        void commentsAndWorklogsHaveTheJiraShape() {
            JsonNode fields = alice().get("/rest/api/2/issue/DEMO-1").expect(200).json().path("fields");
            for (JsonNode comment : fields.path("comment").path("comments")) {
                assertThat(comment.path("author").path("name").asText()).isNotBlank();
                assertThat(comment.has("body")).isTrue();
            }
            for (JsonNode worklog : fields.path("worklog").path("worklogs")) {
                assertThat(worklog.path("author").path("name").asText()).isNotBlank();
                assertThat(worklog.path("timeSpentSeconds").asLong()).isPositive();
            }
        }

        @Test
        void issuesOfAProjectAUserMayNotBrowseDoNotExistForThem() {
            assertThat(admin().get("/rest/api/2/issue/OPS-1").status()).isEqualTo(200);
            Http.Response response = alice().get("/rest/api/2/issue/OPS-1").expect(404);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(alice().get("/rest/api/2/issue/DEMO-99999").status()).isEqualTo(404);
        }

        @Test
        void aBadCreateIsA400() {
            Http.Response response = alice().postJson("/rest/api/2/issue",
                    Map.of("fields", Map.of("project", Map.of("key", "OPS"), "summary", "not allowed")));
            assertThat(response.status()).isBetween(400, 404);
            assertThat(alice().postJson("/rest/api/2/issue", "{not json").status()).isEqualTo(400);
        }
    }

    @Nested
    class IssuePage {

        @Test
        void rendersTheIssueWithTheRightContextSlot() {
            String html = alice().get("/browse/DEMO-1").expect(200).body();
            assertThat(html).contains("id=\"issue-right-context\"", "id=\"summary-val\"", "DEMO-1",
                    "Login page rejects valid passwords containing spaces");
        }

        @Test
        void escapesWhatUsersWrote() {
            String key = createIssue(alice(), "DEMO", "<script>alert(1)</script>");
            String html = alice().get("/browse/" + key).expect(200).body();
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        }

        @Test
        void anotherProjectsIssueIsHidden() {
            Http.Response response = alice().get("/browse/OPS-1");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Rotate the database credentials");
            assertNoStackTrace(response.body());
        }
    }
}
