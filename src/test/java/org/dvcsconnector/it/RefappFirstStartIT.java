package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dvcsconnector.refapp.tracker.BrowsePermission;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A start without --demo: a generated admin password once, and data that outlives a restart. */
class RefappFirstStartIT {

    private static final RefappServer server = RefappServer.plain();

    @BeforeAll
    static void start() throws Exception {
        server.start("first-start");
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void theFirstStartCreatesAnAdminAndTheSecondKeepsEverything() throws Exception {
        String password = server.refapp().bootstrapPassword();
        assertThat(password).as("bootstrap password").isNotBlank().hasSizeGreaterThanOrEqualTo(12);

        Http admin = server.basic("admin", password);
        JsonNode me = admin.get("/rest/api/2/myself").expect(200).json();
        assertThat(me.path("name").asText()).isEqualTo("admin");
        assertThat(admin.get(RefappH2IT.ACCOUNTS_REST).expect(200).json()).isEmpty();
        assertThat(server.basic("admin", "admin").get("/rest/api/2/myself").status())
                .as("no well-known password without --demo").isEqualTo(401);
        assertThat(server.basic("alice", "alice").get("/rest/api/2/myself").status())
                .as("no demo users without --demo").isEqualTo(401);
        assertThat(PluginsJson.plugin(admin, RefappServer.PLUGIN_KEY).path("state").asText()).isEqualTo("ENABLED");

        // No projects without --demo: make one the refapp's own way, then an issue over REST.
        server.refapp().tracker().projects().create("KEEP", "Kept across restarts", BrowsePermission.USERS);
        String key = admin.postJson("/rest/api/2/issue", Map.of("fields",
                Map.of("project", Map.of("key", "KEEP"), "summary", "Still here after a restart"))).expect(201)
                .json().path("key").asText();

        Path home = server.home();
        server.stop();
        assertThat(Files.isDirectory(home)).isTrue();
        server.start("first-start");

        assertThat(server.refapp().bootstrapPassword()).as("admin exists: no new password").isNull();
        Http sameAdmin = server.basic("admin", password);
        assertThat(sameAdmin.get("/rest/api/2/issue/" + key).expect(200).json().path("fields").path("summary").asText())
                .isEqualTo("Still here after a restart");
        assertThat(PluginsJson.plugin(sameAdmin, RefappServer.PLUGIN_KEY).path("state").asText()).isEqualTo("ENABLED");
        assertThat(sameAdmin.get(RefappH2IT.ACCOUNTS_PAGE).expect(200).body()).contains("dvcs-empty-state");
    }
}
