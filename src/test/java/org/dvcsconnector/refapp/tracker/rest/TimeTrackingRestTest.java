package org.dvcsconnector.refapp.tracker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dvcsconnector.refapp.tracker.TestTrackers;
import org.dvcsconnector.refapp.tracker.Tracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /rest/api/2/configuration/timetracking/options}: Jira's working-time settings, read by anyone logged in,
 * changed by admins only, and used by the tracker's own work logs (on a fresh tracker each, since they change it).
 */
class TimeTrackingRestTest {

    private static final String OPTIONS = "configuration/timetracking/options";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Tracker tracker;
    private RestServer server;

    record Reply(int status, JsonNode json) {}

    @BeforeEach
    void start() throws Exception {
        tracker = TestTrackers.withFixtures();
        server = new RestServer(tracker);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theDefaultsAreJirasAndOnlyAnAdminChangesThem() throws Exception {
        Reply defaults = call("GET", OPTIONS, "alice", null);
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().get("workingHoursPerDay").decimalValue()).isEqualByComparingTo("8");
        assertThat(defaults.json().get("workingDaysPerWeek").decimalValue()).isEqualByComparingTo("5");
        assertThat(defaults.json().get("timeFormat").asText()).isEqualTo("pretty");
        assertThat(call("GET", OPTIONS, null, null).status()).isEqualTo(401);

        String sevenHours = "{\"workingHoursPerDay\":7,\"workingDaysPerWeek\":5,\"timeFormat\":\"pretty\",\"defaultUnit\":\"minute\"}";
        assertThat(call("PUT", OPTIONS, "alice", sevenHours).status()).isEqualTo(403);
        Reply changed = call("PUT", OPTIONS, "admin", sevenHours);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("workingHoursPerDay").decimalValue()).isEqualByComparingTo("7");
        assertThat(call("GET", OPTIONS, "bob", null).json().get("workingHoursPerDay").decimalValue())
                .isEqualByComparingTo("7");
        assertThat(tracker.timeTracking().getHoursPerDay()).isEqualByComparingTo("7");
    }

    @Test
    void outOfRangeOrMissingValuesAreRefusedNamingTheField() throws Exception {
        Reply tooLong = call("PUT", OPTIONS, "admin", "{\"workingHoursPerDay\":25,\"workingDaysPerWeek\":0}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/workingHoursPerDay").asText()).contains("at most 24");
        assertThat(tooLong.json().at("/errors/workingDaysPerWeek").asText()).contains("more than 0");
        Reply missing = call("PUT", OPTIONS, "admin", "{\"workingHoursPerDay\":\"7\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/errors/workingHoursPerDay").asText()).contains("number");
        assertThat(missing.json().at("/errors/workingDaysPerWeek").asText()).contains("required");
        assertThat(tracker.timeTracking().getHoursPerDay()).isEqualByComparingTo("8");
    }

    @Test
    void workLogsInDaysAndWeeksFollowTheSetting() throws Exception {
        tracker.timeTracking().update(new BigDecimal("7"), new BigDecimal("4"));
        String key = tracker.actions().create("alice", "DEMO", "Worklog on a 7-hour site", null).key();

        Reply logged = call("POST", "issue/" + key + "/worklog", "alice", "{\"timeSpent\":\"1w 1d 2h\"}");
        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("timeSpentSeconds").asLong()).isEqualTo((4 * 7 + 7 + 2) * 3600L);
        assertThat(logged.json().get("timeSpent").asText()).isEqualTo("1w 1d 2h");
    }

    private Reply call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header(RestServer.USER_HEADER, user);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        return new Reply(response.statusCode(), raw == null || raw.isEmpty() ? null : JSON.readTree(raw));
    }
}
