package org.dvcsconnector.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.dvcsconnector.account.legacy.LegacyImport;
import org.dvcsconnector.refapp.settings.JdbcPluginSettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import from Atlassian's legacy connector, on tables created with the legacy column names. */
class LegacyImportTest {

    private AccountFixture fixture;
    private LegacyImport legacyImport;

    @BeforeEach
    void start() throws Exception {
        fixture = new AccountFixture();
        sql("CREATE TABLE AO_E8B6CC_ORGANIZATION_MAPPING (ID INT PRIMARY KEY, HOST_URL VARCHAR(255), NAME VARCHAR(255),"
                + " DVCS_TYPE VARCHAR(255), AUTOLINK_NEW_REPOS BOOLEAN, SMARTCOMMITS_FOR_NEW_REPOS BOOLEAN,"
                + " OAUTH_KEY VARCHAR(255), OAUTH_SECRET VARCHAR(255), ACCESS_TOKEN VARCHAR(255))",
                "CREATE TABLE AO_E8B6CC_REPOSITORY_MAPPING (ID INT PRIMARY KEY, ORGANIZATION_ID INT, SLUG VARCHAR(255),"
                + " NAME VARCHAR(255), LINKED BOOLEAN, DELETED BOOLEAN, SMARTCOMMITS_ENABLED BOOLEAN)",
                "INSERT INTO AO_E8B6CC_ORGANIZATION_MAPPING VALUES (1, 'https://bitbucket.org', 'Acme', 'bitbucket', TRUE,"
                + " FALSE, 'legacy-key', 'legacy-secret', 'tok&toksecret')",
                "INSERT INTO AO_E8B6CC_ORGANIZATION_MAPPING VALUES (2, 'https://github.com', 'octo', 'github', TRUE, TRUE,"
                + " 'gh-key', 'gh-secret', 'gh-token')",
                "INSERT INTO AO_E8B6CC_REPOSITORY_MAPPING VALUES (10, 1, 'webapp', 'Web app', TRUE, FALSE, TRUE)",
                "INSERT INTO AO_E8B6CC_REPOSITORY_MAPPING VALUES (11, 1, 'old', 'Old', TRUE, TRUE, TRUE)",
                "INSERT INTO AO_E8B6CC_REPOSITORY_MAPPING VALUES (12, 1, 'api', 'API', FALSE, FALSE, FALSE)");
        legacyImport = new LegacyImport(fixture.ao, fixture.db, fixture.store, fixture.secrets, fixture.locks,
                new JdbcPluginSettingsStore(fixture.database.dataSource()).forNamespace("test.plugin"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void importsBitbucketAccountsWithTheirLiveRepositoriesAndSettings() {
        assertThat(legacyImport.run()).isEqualTo(1);
        List<AccountEntity> accounts = fixture.store.all();
        assertThat(accounts).hasSize(1);
        AccountEntity account = accounts.get(0);
        assertThat(account.getWorkspace()).isEqualTo("acme");
        assertThat(account.getAuthType()).isEqualTo(AuthType.OAUTH1_LEGACY.name());
        assertThat(account.isAutoLink()).isTrue();
        assertThat(account.isSmartCommits()).isFalse();
        assertThat(account.getClientId()).isEqualTo("legacy-key");
        assertThat(fixture.secrets.open(account.getClientSecretEncrypted())).isEqualTo("legacy-secret");
        assertThat(fixture.secrets.open(account.getAccessTokenEncrypted())).isEqualTo("tok&toksecret");
        assertThat(account.getClientSecretEncrypted()).doesNotContain("legacy-secret");
        assertThat(fixture.store.repositories(account.getID()))
                .extracting(RepositoryEntity::getSlug, RepositoryEntity::isLinked, RepositoryEntity::isSmartCommits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", false, false),
                        org.assertj.core.groups.Tuple.tuple("webapp", true, true));
    }

    @Test
    void clearsTheLegacySecretsOfImportedAccountsOnly() throws Exception {
        legacyImport.run();
        assertThat(query("SELECT OAUTH_SECRET, ACCESS_TOKEN FROM AO_E8B6CC_ORGANIZATION_MAPPING WHERE ID = 1"))
                .containsExactly(null, null);
        assertThat(query("SELECT OAUTH_SECRET FROM AO_E8B6CC_ORGANIZATION_MAPPING WHERE ID = 2")).containsExactly("gh-secret");
    }

    @Test
    void importsOnceEvenAfterTheAdministratorDeletedTheImportedAccount() {
        assertThat(legacyImport.run()).isEqualTo(1);
        assertThat(legacyImport.run()).isZero();
        AccountEntity account = fixture.store.all().get(0);
        fixture.store.repositories(account.getID()).forEach(r -> fixture.ao.delete(r));
        fixture.ao.delete(account);
        assertThat(legacyImport.run()).isZero();
        assertThat(fixture.store.all()).isEmpty();
    }

    @Test
    void doesNothingWithoutLegacyTables() throws Exception {
        sql("DROP TABLE AO_E8B6CC_REPOSITORY_MAPPING", "DROP TABLE AO_E8B6CC_ORGANIZATION_MAPPING");
        assertThat(legacyImport.run()).isZero();
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = fixture.database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection c = fixture.database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            java.util.ArrayList<String> values = new java.util.ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.add(rows.getString(i));
            }
            return values;
        }
    }
}
