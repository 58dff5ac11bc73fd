package org.dvcsconnector.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.java.ao.Query;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.spi.ActiveObjects;

/** Accounts and their repositories in the plugin's tables. */
public final class AccountStore {

    private final ActiveObjects ao;
    private final Sql sql;

    public AccountStore(ActiveObjects ao, PluginDatabase db) {
        this.ao = ao;
        this.sql = db.sql(AccountEntity.class);
    }

    public List<AccountEntity> all() {
        return Arrays.asList(ao.find(AccountEntity.class, Query.select().order("WORKSPACE, ID")));
    }

    public Optional<AccountEntity> find(int id) {
        return Optional.ofNullable(ao.get(AccountEntity.class, id));
    }

    public Optional<AccountEntity> findByWorkspace(String host, String workspace) {
        AccountEntity[] found = ao.find(AccountEntity.class, Query.select().where("HOST = ? AND WORKSPACE = ?", host, workspace));
        return found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    public Optional<AccountEntity> findByLegacyId(int legacyId) {
        AccountEntity[] found = ao.find(AccountEntity.class, Query.select().where("LEGACY_ORGANIZATION_ID = ?", legacyId));
        return found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    public List<RepositoryEntity> repositories(int accountId) {
        return Arrays.asList(ao.find(RepositoryEntity.class,
                Query.select().where("ACCOUNT_ID = ?", accountId).order("NAME, ID")));
    }

    /** Every repository of every account, grouped by the caller: one query, not one per account. */
    public List<RepositoryEntity> allRepositories() {
        return Arrays.asList(ao.find(RepositoryEntity.class, Query.select().order("ACCOUNT_ID, NAME, ID")));
    }

    public Optional<RepositoryEntity> repository(int id) {
        return Optional.ofNullable(ao.get(RepositoryEntity.class, id));
    }

    /**
     * Stores new tokens only if nobody stored newer ones since {@code expectedVersion} was read: an atomic
     * compare-and-set, so two nodes racing on a rotated refresh token cannot both win.
     */
    public boolean swapTokens(int accountId, int expectedVersion, String accessEncrypted, String refreshEncrypted,
            long expiresAtMillis, String scopes) {
        int updated = sql.update("UPDATE [AccountEntity] SET [ACCESS_TOKEN_ENCRYPTED] = ?, [REFRESH_TOKEN_ENCRYPTED] = ?, "
                + "[TOKEN_EXPIRES_AT] = ?, [SCOPES] = ?, [TOKEN_VERSION] = ? WHERE [ID] = ? AND [TOKEN_VERSION] = ?",
                accessEncrypted, refreshEncrypted, expiresAtMillis, scopes, expectedVersion + 1, accountId, expectedVersion);
        // Raw SQL changed the row behind the entity manager's back.
        ao.flushAll();
        return updated == 1;
    }

    public <T> T inTransaction(org.dvcsconnector.spi.TransactionCallback<T> work) {
        return ao.executeInTransaction(work);
    }

    public ActiveObjects ao() {
        return ao;
    }
}
