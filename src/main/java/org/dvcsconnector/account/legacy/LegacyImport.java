package org.dvcsconnector.account.legacy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.Secrets;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.PluginSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports Bitbucket accounts and their repositories from the tables of Atlassian's legacy Jira DVCS
 * connector, when the host database has them. Imported accounts keep their settings and repositories,
 * carry the OAuth 1.0 deprecation warning and wait to be migrated. Their OAuth 1.0 secrets are encrypted
 * on import and then cleared from the legacy tables, so no secret stays in plain text in the database.
 * Each legacy id is imported once, ever (remembered in the plugin's settings, so an account the
 * administrator deleted is not imported again at the next start), under a cluster lock, so nodes
 * starting together import once.
 */
public final class LegacyImport {

    static final String ORGANIZATIONS = "AO_E8B6CC_ORGANIZATION_MAPPING";
    static final String REPOSITORIES = "AO_E8B6CC_REPOSITORY_MAPPING";
    private static final Logger LOG = LoggerFactory.getLogger(LegacyImport.class);

    private final ActiveObjects ao;
    private final Sql sql;
    private final AccountStore store;
    private final Secrets secrets;
    private final ClusterLockService locks;
    private final PluginSettings settings;
    private final Clock clock;
    static final String IMPORTED_SETTING = "legacy.importedOrganizationIds";

    /** A legacy organization row, secrets still in plain text: never logged. */
    record LegacyAccount(int id, String name, boolean autoLink, boolean smartCommits, String oauthKey,
            String oauthSecret, String accessToken) {
        @Override
        public String toString() {
            return "LegacyAccount[id=" + id + ", name=" + name + "]";
        }
    }

    record LegacyRepository(String slug, String name, boolean linked, boolean smartCommits) {}

    public LegacyImport(ActiveObjects ao, PluginDatabase db, AccountStore store, Secrets secrets, ClusterLockService locks,
            PluginSettings settings, Clock clock) {
        this.ao = ao;
        this.sql = db.sql(); // the legacy connector's tables, named as that plugin's AO named them
        this.store = store;
        this.secrets = secrets;
        this.locks = locks;
        this.settings = settings;
        this.clock = clock;
    }

    /** Imports what is not imported yet; returns how many accounts it imported. */
    public int run() {
        if (!sql.withConnection(connection -> tableExists(connection, ORGANIZATIONS))) {
            return 0;
        }
        ClusterLock lock = locks.getLockForName("dvcs.legacy-import");
        if (!lock.tryLock()) {
            return 0;
        }
        try {
            int imported = 0;
            Set<String> done = new TreeSet<>(Arrays.asList(settings.get(IMPORTED_SETTING).orElse("").split(",")));
            for (LegacyAccount legacy : readAccounts()) {
                if (done.contains(Integer.toString(legacy.id())) || store.findByLegacyId(legacy.id()).isPresent()) {
                    continue;
                }
                String workspace = legacy.name().trim().toLowerCase(Locale.ROOT);
                if (store.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, workspace).isPresent()) {
                    LOG.info("Legacy account {} is linked already over OAuth 2.0; not imported", workspace);
                    // Its OAuth 1.0 secrets are of no further use: do not leave them in plain text.
                    ao.executeInTransaction(() -> scrubSecrets(legacy.id()));
                } else {
                    ao.executeInTransaction(() -> importAccount(legacy, workspace));
                    imported++;
                }
                done.add(Integer.toString(legacy.id()));
                done.remove("");
                settings.put(IMPORTED_SETTING, String.join(",", done));
            }
            if (imported > 0) {
                LOG.info("Imported {} account(s) from the legacy DVCS connector; migrate them to OAuth 2.0", imported);
            }
            return imported;
        } finally {
            lock.unlock();
        }
    }

    private Void importAccount(LegacyAccount legacy, String workspace) {
        AccountEntity account = ao.create(AccountEntity.class, Map.of(
                "HOST", LinkRequest.HOST_BITBUCKET_CLOUD,
                "WORKSPACE", workspace,
                "AUTH_TYPE", AuthType.OAUTH1_LEGACY.name(),
                "STATUS", AccountStatus.ACTIVE.name()));
        account.setWorkspaceName(legacy.name());
        account.setAutoLink(legacy.autoLink());
        account.setSmartCommits(legacy.smartCommits());
        account.setClientId(legacy.oauthKey());
        account.setClientSecretEncrypted(secrets.seal(legacy.oauthSecret()));
        account.setAccessTokenEncrypted(secrets.seal(legacy.accessToken()));
        account.setLegacyOrganizationId(legacy.id());
        account.setCreatedAt(clock.millis());
        account.setStatusMessage("Imported from the legacy DVCS connector. OAuth 1.0 is deprecated by Bitbucket:"
                + " migrate this account to OAuth 2.0 to sync it again.");
        account.save();
        for (LegacyRepository repository : readRepositories(legacy.id())) {
            RepositoryEntity entity = ao.create(RepositoryEntity.class, Map.of(
                    "ACCOUNT_ID", account.getID(), "SLUG", repository.slug()));
            entity.setName(repository.name());
            entity.setLinked(repository.linked());
            entity.setSmartCommits(repository.smartCommits());
            entity.save();
        }
        scrubSecrets(legacy.id());
        return null;
    }

    private List<LegacyAccount> readAccounts() {
        return sql.list("SELECT [ID], [NAME], [AUTOLINK_NEW_REPOS], [SMARTCOMMITS_FOR_NEW_REPOS], [OAUTH_KEY], [OAUTH_SECRET], "
                + "[ACCESS_TOKEN] FROM [" + ORGANIZATIONS + "] WHERE LOWER([DVCS_TYPE]) = 'bitbucket' ORDER BY [ID]",
                row -> new LegacyAccount(row.integer("ID"), row.string("NAME"), row.bool("AUTOLINK_NEW_REPOS"),
                        row.bool("SMARTCOMMITS_FOR_NEW_REPOS"), row.string("OAUTH_KEY"), row.string("OAUTH_SECRET"),
                        row.string("ACCESS_TOKEN")))
                .stream().filter(account -> account.name() != null && !account.name().isBlank()).toList();
    }

    private List<LegacyRepository> readRepositories(int organizationId) {
        if (!sql.withConnection(connection -> tableExists(connection, REPOSITORIES))) {
            return List.of();
        }
        return sql.list("SELECT [SLUG], [NAME], [LINKED], [SMARTCOMMITS_ENABLED] FROM [" + REPOSITORIES + "] WHERE "
                + "[ORGANIZATION_ID] = ? AND ([DELETED] IS NULL OR [DELETED] = ?) ORDER BY [ID]",
                row -> new LegacyRepository(row.string("SLUG"), row.string("NAME"), row.bool("LINKED"),
                        row.bool("SMARTCOMMITS_ENABLED")), organizationId, false)
                .stream().filter(repository -> repository.slug() != null && !repository.slug().isBlank()).toList();
    }

    private Void scrubSecrets(int organizationId) {
        sql.update("UPDATE [" + ORGANIZATIONS + "] SET [OAUTH_SECRET] = NULL, [ACCESS_TOKEN] = NULL WHERE [ID] = ?",
                organizationId);
        return null;
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String candidate : List.of(table, table.toLowerCase(Locale.ROOT))) {
            try (ResultSet tables = metaData.getTables(null, null, candidate, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
