package org.dvcsconnector.refapp.tracker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import org.dvcsconnector.refapp.tracker.TestTrackers;
import org.dvcsconnector.refapp.tracker.Tracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every /rest/api/2 endpoint through real HTTP: shapes, errors and permissions. */
class TrackerRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NOT_FOUND = "Issue Does Not Exist or you do not have permission to see it.";

    private static Tracker tracker;
    private static RestServer server;

    record Reply(int status, JsonNode json, String raw, HttpResponse<String> response) {}

    @BeforeAll
    static void start() throws Exception {
        tracker = TestTrackers.withFixtures();
        tracker.actions().create("admin", "OPS", "Rotate the database credentials", null);
        server = new RestServer(tracker);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private Reply call(String method, String path, String user, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header(RestServer.USER_HEADER, user);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        assertThat(raw).as("never a stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        JsonNode json = raw == null || raw.isEmpty() ? null : JSON.readTree(raw);
        return new Reply(response.statusCode(), json, raw, response);
    }

    private Reply get(String path, String user) throws Exception {
        return call("GET", path, user, null, null);
    }

    private Reply post(String path, String user, String body) throws Exception {
        return call("POST", path, user, "application/json", body);
    }

    private String createIssue(String user, String summary) throws Exception {
        Reply reply = post("issue", user, "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"summary\":\"" + summary
                + "\",\"issuetype\":{\"name\":\"Task\"}}}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("key").asText();
    }

    @Test
    void anonymousCallersGet401InJiraShape() throws Exception {
        for (String path : new String[] {"myself", "project", "issue/DEMO-1", "issue/DEMO-1/transitions"}) {
            Reply reply = get(path, null);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.raw()).isEqualTo("{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}");
        }
        assertThat(post("issue", null, "{}").status()).isEqualTo(401);
        assertThat(get("myself", "ghost").status()).isEqualTo(401);
    }

    @Test
    void myselfDescribesTheCaller() throws Exception {
        JsonNode me = get("myself", "alice").json();

        assertThat(me.get("name").asText()).isEqualTo("alice");
        assertThat(me.get("key").asText()).isEqualTo("alice");
        assertThat(me.get("displayName").asText()).isEqualTo("Alice Anders");
        assertThat(me.get("emailAddress").asText()).isEqualTo("alice@example.com");
        assertThat(me.get("active").asBoolean()).isTrue();
    }

    @Test
    void projectsAreOnlyThoseTheCallerMayBrowse() throws Exception {
        assertThat(get("project", "alice").json()).extracting(p -> p.get("key").asText()).containsExactly("DEMO");
        JsonNode all = get("project", "admin").json();
        assertThat(all).extracting(p -> p.get("key").asText()).containsExactly("DEMO", "OPS");
        assertThat(all.get(0).get("name").asText()).isEqualTo("Demo project");
        assertThat(all.get(0).get("id").asText()).matches("\\d+");
    }

    @Test
    void createsAndReadsAnIssue() throws Exception {
        Reply created = post("issue", "alice", "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"summary\":\"Login page"
                + " fails\",\"description\":\"Steps to reproduce\",\"issuetype\":{\"name\":\"Bug\"}},\"extra\":1}");

        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(key).matches("DEMO-\\d+");
        String id = created.json().get("id").asText();
        assertThat(created.json().get("self").asText()).isEqualTo(server.uri("issue/" + id).toString());
        assertThat(created.response().headers().firstValue("Location")).contains(server.uri("issue/" + id).toString());

        JsonNode issue = get("issue/" + key, "bob").json();
        assertThat(issue.get("key").asText()).isEqualTo(key);
        assertThat(issue.get("id").asText()).isEqualTo(id);
        JsonNode fields = issue.get("fields");
        assertThat(fields.get("summary").asText()).isEqualTo("Login page fails");
        assertThat(fields.get("description").asText()).isEqualTo("Steps to reproduce");
        assertThat(fields.at("/status/name").asText()).isEqualTo("To Do");
        assertThat(fields.at("/project/key").asText()).isEqualTo("DEMO");
        assertThat(fields.at("/project/name").asText()).isEqualTo("Demo project");
        assertThat(fields.at("/reporter/name").asText()).isEqualTo("alice");
        assertThat(fields.at("/reporter/displayName").asText()).isEqualTo("Alice Anders");
        assertThat(OffsetDateTime.parse(fields.get("created").asText())).isNotNull();
        assertThat(OffsetDateTime.parse(fields.get("updated").asText())).isNotNull();
        assertThat(fields.at("/comment/total").asInt()).isZero();
        assertThat(fields.at("/comment/comments").isArray()).isTrue();
        assertThat(fields.at("/worklog/total").asInt()).isZero();
        assertThat(get("issue/" + id, "bob").json().get("key").asText()).as("by id").isEqualTo(key);
        assertThat(get("issue/" + key.toLowerCase(), "bob").json().get("key").asText()).isEqualTo(key);
    }

    @Test
    void refusesBadIssuesWithFieldErrors() throws Exception {
        Reply missing = post("issue", "alice", "{\"fields\":{\"project\":{\"key\":\"DEMO\"}}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).isEqualTo(
                "{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}");

        Reply blankAndUnknown = post("issue", "alice", "{\"fields\":{\"project\":{\"key\":\"NOPE\"},\"summary\":\" \"}}");
        assertThat(blankAndUnknown.status()).isEqualTo(400);
        assertThat(blankAndUnknown.json().get("errors").fieldNames()).toIterable().containsExactly("summary", "project");

        Reply tooLong = post("issue", "alice", "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"summary\":\"" + "x".repeat(256) + "\"}}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/summary").asText()).contains("255");

        Reply hidden = post("issue", "alice", "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"summary\":\"Sneaky\"}}");
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.json().at("/errors/project").asText()).isEqualTo("Specify a valid project ID or key");

        Reply byId = post("issue", "alice", "{\"fields\":{\"project\":{\"id\":99999},\"summary\":\"By id\"}}");
        assertThat(byId.json().at("/errors/project").asText()).isEqualTo("Specify a valid project ID or key");

        Reply wrongType = post("issue", "alice", "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"summary\":42}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/errors/summary").asText()).contains("must be a string");

        assertThat(post("issue", "alice", "{}").json().at("/errorMessages/0").asText()).contains("'fields'");
        assertThat(post("issue", "alice", "[1]").json().at("/errorMessages/0").asText()).contains("JSON object");
        assertThat(post("issue", "alice", "").json().at("/errorMessages/0").asText()).contains("required");
    }

    @Test
    void malformedJsonIsAClear400() throws Exception {
        Reply reply = post("issue", "alice", "{\"fields\": {\"summary\": \"oops\",}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/errorMessages/0").asText()).startsWith("The request body is not valid JSON (line 1");
        assertThat(reply.json().get("errors").isObject()).isTrue();
    }

    @Test
    void nonJsonPostsAreRefused() throws Exception {
        Reply form = call("POST", "issue/DEMO-1/comment", "alice", "application/x-www-form-urlencoded", "body=hi");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("errorMessages").isArray()).isTrue();
    }

    @Test
    void unknownPathsAnswerInJiraShape() throws Exception {
        Reply reply = get("nothing-here", "alice");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("errorMessages").isArray()).isTrue();
    }

    @Test
    void hiddenAndMissingIssuesLookTheSame() throws Exception {
        Reply hidden = get("issue/OPS-1", "alice");
        Reply missing = get("issue/DEMO-9999", "alice");
        Reply nonsense = get("issue/not-a-key", "alice");

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.raw()).isEqualTo(missing.raw()).isEqualTo(nonsense.raw())
                .isEqualTo("{\"errorMessages\":[\"" + NOT_FOUND + "\"],\"errors\":{}}");
        assertThat(get("issue/OPS-1/transitions", "alice").status()).isEqualTo(404);
        assertThat(get("issue/OPS-1/comment", "alice").status()).isEqualTo(404);
        assertThat(post("issue/OPS-1/comment", "alice", "{\"body\":\"peek\"}").status()).isEqualTo(404);
        assertThat(post("issue/OPS-1/worklog", "alice", "{\"timeSpentSeconds\":60}").status()).isEqualTo(404);
        assertThat(post("issue/OPS-1/transitions", "alice", "{\"transition\":{\"id\":\"11\"}}").status()).isEqualTo(404);

        JsonNode asAdmin = get("issue/OPS-1", "admin").json();
        assertThat(asAdmin.at("/fields/summary").asText()).isEqualTo("Rotate the database credentials");
    }

    @Test
    void listsAndRunsTransitions() throws Exception {
        String key = createIssue("bob", "Workflow test");

        JsonNode transitions = get("issue/" + key + "/transitions", "bob").json().get("transitions");
        assertThat(transitions).extracting(t -> t.get("id").asText()).containsExactly("11", "31");
        assertThat(transitions.get(0).get("name").asText()).isEqualTo("Start Progress");
        assertThat(transitions.get(0).at("/to/name").asText()).isEqualTo("In Progress");

        Reply started = post("issue/" + key + "/transitions", "bob", "{\"transition\":{\"id\":\"11\"}}");
        assertThat(started.status()).isEqualTo(204);
        assertThat(get("issue/" + key, "bob").json().at("/fields/status/name").asText()).isEqualTo("In Progress");
        assertThat(post("issue/" + key + "/transitions", "bob", "{\"transition\":{\"id\":21}}").status()).isEqualTo(204);
        assertThat(get("issue/" + key, "bob").json().at("/fields/status/name").asText()).isEqualTo("In Review");

        Reply unavailable = post("issue/" + key + "/transitions", "bob", "{\"transition\":{\"id\":\"11\"}}");
        assertThat(unavailable.status()).isEqualTo(400);
        assertThat(unavailable.json().at("/errorMessages/0").asText())
                .contains("'11'", "In Review", "31 (Resolve)");
        assertThat(post("issue/" + key + "/transitions", "bob", "{\"transition\":{\"id\":\"99\"}}").status()).isEqualTo(400);
        Reply missingId = post("issue/" + key + "/transitions", "bob", "{\"transition\":{}}");
        assertThat(missingId.status()).isEqualTo(400);
        assertThat(missingId.json().at("/errorMessages/0").asText()).contains("transition");
    }

    @Test
    void addsAndListsComments() throws Exception {
        String key = createIssue("alice", "Comment test");

        Reply created = post("issue/" + key + "/comment", "bob", "{\"body\":\"Looks good to me\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).matches("\\d+");
        assertThat(created.json().at("/author/name").asText()).isEqualTo("bob");
        assertThat(created.json().at("/author/displayName").asText()).isEqualTo("Bob Brown");
        assertThat(created.json().get("body").asText()).isEqualTo("Looks good to me");
        assertThat(OffsetDateTime.parse(created.json().get("created").asText())).isNotNull();

        JsonNode listed = get("issue/" + key + "/comment", "alice").json();
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        assertThat(listed.at("/comments/0/body").asText()).isEqualTo("Looks good to me");
        JsonNode comments = get("issue/" + key, "alice").json().at("/fields/comment");
        assertThat(comments.get("total").asInt()).isEqualTo(1);
        assertThat(comments.at("/comments/0/author/name").asText()).isEqualTo("bob");
        assertThat(comments.at("/comments/0/body").asText()).isEqualTo("Looks good to me");

        assertThat(post("issue/" + key + "/comment", "bob", "{\"body\":\"  \"}").json().at("/errors/comment").asText())
                .isEqualTo("Comment body can not be empty!");
        Reply tooLong = post("issue/" + key + "/comment", "bob", "{\"body\":\"" + "y".repeat(32_769) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/comment").asText()).contains("32768");
        assertThat(post("issue/" + key + "/comment", "bob", "{\"body\":\"" + "y".repeat(32_768) + "\"}").status())
                .isEqualTo(201);
    }

    @Test
    void logsWork() throws Exception {
        String key = createIssue("alice", "Worklog test");

        Reply logged = post("issue/" + key + "/worklog", "alice",
                "{\"timeSpentSeconds\":5400,\"comment\":\"Pairing\",\"started\":\"2024-05-01T09:30:00.000+0000\"}");
        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("timeSpent").asText()).isEqualTo("1h 30m");
        assertThat(logged.json().get("started").asText()).isEqualTo("2024-05-01T09:30:00.000+00:00");
        assertThat(post("issue/" + key + "/worklog", "bob", "{\"timeSpent\":\"1d 2h\"}").status()).isEqualTo(201);

        JsonNode worklog = get("issue/" + key, "bob").json().at("/fields/worklog");
        assertThat(worklog.get("total").asInt()).isEqualTo(2);
        JsonNode first = worklog.at("/worklogs/0");
        assertThat(first.at("/author/name").asText()).isEqualTo("alice");
        assertThat(first.get("timeSpentSeconds").asLong()).isEqualTo(5400);
        assertThat(first.get("comment").asText()).isEqualTo("Pairing");
        assertThat(worklog.at("/worklogs/1/timeSpentSeconds").asLong()).isEqualTo(10 * 3600);
        assertThat(get("issue/" + key + "/worklog", "bob").json().get("total").asInt()).isEqualTo(2);

        assertThat(post("issue/" + key + "/worklog", "alice", "{}").json().at("/errors/timeLogged").asText())
                .contains("time spent");
        assertThat(post("issue/" + key + "/worklog", "alice", "{\"timeSpentSeconds\":0}").status()).isEqualTo(400);
        assertThat(post("issue/" + key + "/worklog", "alice", "{\"timeSpent\":\"soon\"}").status()).isEqualTo(400);
        assertThat(post("issue/" + key + "/worklog", "alice", "{\"timeSpentSeconds\":60,\"started\":\"yesterday\"}")
                .json().at("/errors/started").asText()).contains("date-time");
    }
}
