package org.dvcsconnector.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of Atlassian's legacy Jira DVCS connector ({@code AO_E8B6CC_*}, quoted upper-case identifiers
 * as ActiveObjects creates them), with two Bitbucket accounts, one GitHub account and a deleted repository.
 * Only the table and column names the importer reads; values chosen so that leaks are easy to grep for.
 */
public final class LegacyTables {

    public static final String ORGANIZATIONS = "AO_E8B6CC_ORGANIZATION_MAPPING";
    public static final String REPOSITORIES = "AO_E8B6CC_REPOSITORY_MAPPING";

    public static final int ACME = 11;
    public static final int OLD_TEAM = 12;
    public static final int GITHUB = 13;

    public static final String ACME_OAUTH_SECRET = "legacy-oauth-secret-acme-7f3a2e";
    public static final String ACME_TOKEN = "legacytoken-acme-91b2d0";
    public static final String ACME_TOKEN_SECRET = "legacytokensecret-acme-c4d8e1";
    public static final String TEAM_OAUTH_SECRET = "legacy-oauth-secret-team-5a6b7c";
    public static final String TEAM_TOKEN = "legacytoken-team-0d1e2f";
    public static final String TEAM_TOKEN_SECRET = "legacytokensecret-team-3a4b5c";

    private LegacyTables() {}

    /** The plain-text secrets of the Bitbucket rows, which must not survive the import anywhere. */
    public static List<String> bitbucketSecrets() {
        return List.of(ACME_OAUTH_SECRET, ACME_TOKEN, ACME_TOKEN_SECRET, TEAM_OAUTH_SECRET, TEAM_TOKEN,
                TEAM_TOKEN_SECRET);
    }

    /** The refapp's default H2 database in {@code home}, opened with the refapp's own URL. */
    public static Connection h2(Path home) throws SQLException {
        Path file = home.toAbsolutePath().resolve("database").resolve("refapp");
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** Creates and fills the legacy tables unless they exist (so a restart of the same home is not a re-seed). */
    public static void createIfMissing(Connection connection) throws SQLException {
        if (exists(connection, ORGANIZATIONS)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE \"" + ORGANIZATIONS + "\" (\"ID\" INTEGER NOT NULL PRIMARY KEY,"
                    + " \"HOST_URL\" VARCHAR(255), \"NAME\" VARCHAR(255), \"DVCS_TYPE\" VARCHAR(255),"
                    + " \"AUTOLINK_NEW_REPOS\" BOOLEAN, \"SMARTCOMMITS_FOR_NEW_REPOS\" BOOLEAN,"
                    + " \"OAUTH_KEY\" VARCHAR(255), \"OAUTH_SECRET\" VARCHAR(255), \"ACCESS_TOKEN\" VARCHAR(255))");
            s.execute("CREATE TABLE \"" + REPOSITORIES + "\" (\"ID\" INTEGER NOT NULL PRIMARY KEY,"
                    + " \"ORGANIZATION_ID\" INTEGER, \"SLUG\" VARCHAR(255), \"NAME\" VARCHAR(255), \"LINKED\" BOOLEAN,"
                    + " \"DELETED\" BOOLEAN, \"SMARTCOMMITS_ENABLED\" BOOLEAN)");
        }
        organization(connection, ACME, "https://bitbucket.org", "acme", "bitbucket", true, false, "legacy-key-acme",
                ACME_OAUTH_SECRET, ACME_TOKEN + "&" + ACME_TOKEN_SECRET);
        organization(connection, OLD_TEAM, "https://bitbucket.org", "OldTeam", "bitbucket", false, true,
                "legacy-key-team", TEAM_OAUTH_SECRET, TEAM_TOKEN + "&" + TEAM_TOKEN_SECRET);
        organization(connection, GITHUB, "https://github.com", "octo-org", "github", true, true, "gh-key",
                "github-oauth-secret-not-ours", "gh-token&gh-token-secret");
        repository(connection, 101, ACME, "api", "API", true, false, true);
        repository(connection, 102, ACME, "webapp", "Web app", false, false, false);
        repository(connection, 103, ACME, "retired", "Retired", true, true, true);
        repository(connection, 104, OLD_TEAM, "legacy-repo", "Legacy repo", true, null, true);
        repository(connection, 105, GITHUB, "octo-repo", "Octo repo", true, false, true);
    }

    private static void organization(Connection c, int id, String host, String name, String type, boolean autoLink,
            boolean smartCommits, String key, String secret, String token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO \"" + ORGANIZATIONS + "\" (\"ID\", \"HOST_URL\","
                + " \"NAME\", \"DVCS_TYPE\", \"AUTOLINK_NEW_REPOS\", \"SMARTCOMMITS_FOR_NEW_REPOS\", \"OAUTH_KEY\","
                + " \"OAUTH_SECRET\", \"ACCESS_TOKEN\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setInt(1, id);
            s.setString(2, host);
            s.setString(3, name);
            s.setString(4, type);
            s.setBoolean(5, autoLink);
            s.setBoolean(6, smartCommits);
            s.setString(7, key);
            s.setString(8, secret);
            s.setString(9, token);
            s.executeUpdate();
        }
    }

    private static void repository(Connection c, int id, int organization, String slug, String name, boolean linked,
            Boolean deleted, boolean smartCommits) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO \"" + REPOSITORIES + "\" (\"ID\", \"ORGANIZATION_ID\","
                + " \"SLUG\", \"NAME\", \"LINKED\", \"DELETED\", \"SMARTCOMMITS_ENABLED\") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setInt(1, id);
            s.setInt(2, organization);
            s.setString(3, slug);
            s.setString(4, name);
            s.setBoolean(5, linked);
            if (deleted == null) {
                s.setNull(6, java.sql.Types.BOOLEAN);
            } else {
                s.setBoolean(6, deleted);
            }
            s.setBoolean(7, smartCommits);
            s.executeUpdate();
        }
    }

    /** ID → [OAUTH_SECRET, ACCESS_TOKEN] of every legacy organization row. */
    public static Map<Integer, List<String>> secretColumns(Connection connection) throws SQLException {
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT \"ID\", \"OAUTH_SECRET\","
                + " \"ACCESS_TOKEN\" FROM \"" + ORGANIZATIONS + "\" ORDER BY \"ID\"")) {
            while (r.next()) {
                List<String> values = new ArrayList<>();
                values.add(r.getString(2));
                values.add(r.getString(3));
                rows.put(r.getInt(1), values);
            }
        }
        return rows;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(null, null, table, null)) {
            return tables.next();
        }
    }
}
