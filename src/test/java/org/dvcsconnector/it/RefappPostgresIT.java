package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.refapp.ao.TablePrefixes;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/** The refapp on PostgreSQL, as one node and as a cluster of two nodes sharing the database. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefappPostgresIT {

    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static final RefappServer node1 = RefappServer.demo()
            .database(() -> jdbcUrl, "postgres", "postgres").args("--node-id", "it-node-1");
    private static final RefappServer node2 = RefappServer.demo()
            .database(() -> jdbcUrl, "postgres", "postgres").args("--node-id", "it-node-2");

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        node1.start("pg-node-1");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            node2.close();
            node1.close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    @Order(1)
    void oneNodeRunsThePluginOnPostgres() throws Exception {
        Http admin = node1.admin();
        assertThat(PluginsJson.plugin(admin, RefappServer.PLUGIN_KEY).path("state").asText()).isEqualTo("ENABLED");
        assertThat(admin.get(RefappH2IT.ACCOUNTS_REST).expect(200).json()).isEmpty();
        assertThat(node1.basic("alice", "alice").get(RefappH2IT.ACCOUNTS_REST).status()).isEqualTo(403);

        String accountTable = TablePrefixes.forPluginKey(RefappServer.PLUGIN_KEY) + "ACCOUNT";
        assertThat(tablesNamed(accountTable)).as("the ao module's table in PostgreSQL").hasSize(1);

        assertThat(node1.basic("alice", "alice").get("/rest/api/2/myself").expect(200).json().path("name").asText())
                .isEqualTo("alice");
        String key = RefappH2IT.createIssue(node1.basic("alice", "alice"), "DEMO", "Stored in PostgreSQL");
        assertThat(admin.get("/rest/api/2/issue/" + key).expect(200).json().path("fields").path("summary").asText())
                .isEqualTo("Stored in PostgreSQL");
        assertThat(node1.basic("alice", "alice").get("/rest/api/2/issue/OPS-1").status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void twoNodesShareTheDatabase() throws Exception {
        node2.start("pg-node-2");
        assertThat(node2.baseUrl()).isNotEqualTo(node1.baseUrl());
        for (RefappServer node : List.of(node1, node2)) {
            assertThat(PluginsJson.plugin(node.admin(), RefappServer.PLUGIN_KEY).path("state").asText())
                    .as(node.baseUrl()).isEqualTo("ENABLED");
            assertThat(node.admin().get(RefappH2IT.ACCOUNTS_REST).expect(200).json()).isEmpty();
        }

        String fromNode1 = RefappH2IT.createIssue(node1.basic("alice", "alice"), "DEMO", "Written on node 1");
        assertThat(node2.basic("bob", "bob").get("/rest/api/2/issue/" + fromNode1).expect(200).json()
                .path("fields").path("summary").asText()).isEqualTo("Written on node 1");

        String fromNode2 = RefappH2IT.createIssue(node2.basic("bob", "bob"), "DEMO", "Written on node 2");
        assertThat(fromNode2).isNotEqualTo(fromNode1);
        node2.basic("bob", "bob").postJson("/rest/api/2/issue/" + fromNode2 + "/transitions",
                Map.of("transition", Map.of("id", "11"))).expect(204);
        assertThat(node1.basic("alice", "alice").get("/rest/api/2/issue/" + fromNode2).expect(200).json()
                .path("fields").path("status").path("name").asText()).isEqualTo("In Progress");

        // The demo data was seeded once, though both nodes ran --demo.
        assertThat(issueCount("OPS")).isEqualTo(4);
        assertThat(tablesNamed(TablePrefixes.forPluginKey(RefappServer.PLUGIN_KEY) + "ACCOUNT")).hasSize(1);
    }

    private static List<String> tablesNamed(String name) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE upper(table_name) = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static int issueCount(String project) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM REFAPP_ISSUE i"
                        + " JOIN REFAPP_PROJECT p ON p.ID = i.PROJECT_ID WHERE p.PROJECT_KEY = ?")) {
            s.setString(1, project);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
