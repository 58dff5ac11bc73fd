package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.it.RefappH2IT.ACCOUNTS_PAGE;
import static org.dvcsconnector.it.RefappH2IT.ACCOUNTS_REST;
import static org.dvcsconnector.it.RefappH2IT.assertNoStackTrace;
import static org.dvcsconnector.it.RefappH2IT.createIssue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The refapp host on its default H2 database with the demo data, over HTTP: login and logout, the XSRF check, the
 * Jira-shaped REST and the issue page. The plugin's side is {@link RefappH2IT}'s.
 */
class RefappHostH2IT {

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
