package org.dvcsconnector.it.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.ACCOUNTS;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code #time} on a site with 7-hour days, end to end: the refapp started with {@code --hours-per-day 7}, the built
 * bundle reading it through the host's time-tracking contract, a webhook push, and the work log the tracker shows;
 * then the admin changes the setting over REST and the next commit uses the new day at once.
 */
class SmartCommitWorkingTimeIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0", "--hours-per-day", "7");
    private static final String OPTIONS = "/rest/api/2/configuration/timetracking/options";
    private static final String REPO = "/_sim/workspaces/acme/repositories/webapp";

    @Test
    void aDayIsTheSitesWorkingDay() {
        Http admin = server.admin();
        Sim sim = Sim.of(server);
        assertThat(admin.get(OPTIONS).expect(200).json().path("workingHoursPerDay").decimalValue())
                .isEqualByComparingTo("7");
        int account = admin.postJson(ACCOUNTS, Dvcs.linkBody("acme", DEMO_PRIVATE, DEMO_PRIVATE_SECRET)).expect(201)
                .json().path("id").asInt();
        Dvcs.awaitDiscovered(admin, account);
        Dvcs.await("the webapp webhook", Duration.ofSeconds(60), () -> Optional.of(true)
                .filter(x -> !sim.simulator().store().repository("acme", "webapp").orElseThrow().hooks().isEmpty()));

        commit(sim, "DEMO-2 #time 1d 1h on a seven-hour day");
        assertThat(awaitWorklog(admin, "on a seven-hour day").path("timeSpentSeconds").asLong()).isEqualTo(8 * 3600);

        admin.putJson(OPTIONS, Map.of("workingHoursPerDay", 6, "workingDaysPerWeek", 5)).expect(200);
        commit(sim, "bugfix-DEMO-2-login #time 1w after the change");
        assertThat(awaitWorklog(admin, "after the change").path("timeSpentSeconds").asLong()).isEqualTo(30 * 3600);
    }

    private static void commit(Sim sim, String message) {
        sim.http().postJson(sim.baseUrl() + REPO + "/commits", Map.of("branch", "main", "message", message,
                "authorName", "alice", "authorEmail", "alice@example.com")).expect(201);
    }

    private static JsonNode awaitWorklog(Http admin, String comment) {
        return Dvcs.await("the work log '" + comment + "' on DEMO-2", () -> StreamSupport.stream(admin
                        .get("/rest/api/2/issue/DEMO-2").expect(200).json().path("fields").path("worklog")
                        .path("worklogs").spliterator(), false)
                .filter(w -> w.path("comment").asText().equals(comment) && w.path("author").path("name").asText()
                        .equals("alice"))
                .findFirst());
    }
}
