package org.dvcsconnector.devinfo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import net.java.ao.RawEntity;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.db.StoredEnum;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.spi.ActiveObjects;

/**
 * The plugin's development information: reads here (what a sync compares with what Bitbucket says: its cursors and
 * idempotency checks), every write through {@link #writer()}, which keeps the panel's counts with it.
 */
public final class DevInfoStore {

    private final ActiveObjects ao;
    private final PluginDatabase db;
    private final Sql sql;
    private final DevInfoWriter writer;

    public DevInfoStore(ActiveObjects ao, PluginDatabase db) {
        this.ao = ao;
        this.db = db;
        this.sql = tables(db);
        this.writer = new DevInfoWriter(ao, sql);
    }

    /** The one way to write what this store reads. */
    public DevInfoWriter writer() {
        return writer;
    }

    public PluginDatabase db() {
        return db;
    }

    /** SQL over every table development information reads or joins. */
    static Sql tables(PluginDatabase db) {
        return db.sql(CommitEntity.class, BranchEntity.class, CommitBranchEntity.class, PullRequestEntity.class,
                PullRequestCommitEntity.class, IssueLinkEntity.class, IssueSummaryEntity.class, IssueTotalEntity.class,
                RepositoryEntity.class, AccountEntity.class);
    }

    public ActiveObjects ao() {
        return ao;
    }

    /** Every commit hash stored for the repository (the idempotency check of a sync). */
    public Set<String> commitHashes(int repositoryId) {
        Set<String> hashes = new HashSet<>();
        sql.forEach("SELECT [HASH] FROM [CommitEntity] WHERE [REPOSITORY_ID] = ?", row -> hashes.add(row.string("HASH")),
                repositoryId);
        return hashes;
    }

    /** Each stored commit with its parents (hash, space-separated parent hashes): rebuilding the graph locally. */
    public void forEachCommitParents(int repositoryId, BiConsumer<String, String> consumer) {
        sql.forEach("SELECT [HASH], [PARENT_HASHES] FROM [CommitEntity] WHERE [REPOSITORY_ID] = ?",
                row -> consumer.accept(row.string("HASH"), row.string("PARENT_HASHES")), repositoryId);
    }

    /**
     * Branch name → head hash: the soft sync's cursor. Whole names, as Bitbucket sends them (cleaned as
     * {@link StoredText#clean} says), however long: what a sync compares with Bitbucket's listing.
     */
    public Map<String, String> branchHeads(int repositoryId) {
        Map<String, String> heads = new HashMap<>();
        sql.forEach("SELECT [NAME], [FULL_NAME], [HEAD_HASH] FROM [BranchEntity] WHERE [REPOSITORY_ID] = ?",
                row -> heads.put(StoredText.shown(row.string("NAME"), row.string("FULL_NAME")), row.string("HEAD_HASH")),
                repositoryId);
        return heads;
    }

    /** Remote id → stored {@code updated_on}. */
    public Map<Long, Long> pullRequestVersions(int repositoryId) {
        Map<Long, Long> versions = new HashMap<>();
        sql.forEach("SELECT [REMOTE_ID], [UPDATED_ON] FROM [PullRequestEntity] WHERE [REPOSITORY_ID] = ?",
                row -> versions.put(row.number("REMOTE_ID"), row.number("UPDATED_ON")), repositoryId);
        return versions;
    }

    /** Remote id → stored state: what a change of state is measured against. */
    public Map<Long, PullRequestState> pullRequestStates(int repositoryId) {
        Map<Long, PullRequestState> states = new HashMap<>();
        sql.forEach("SELECT [REMOTE_ID], [STATE] FROM [PullRequestEntity] WHERE [REPOSITORY_ID] = ?",
                row -> states.put(row.number("REMOTE_ID"), StoredEnum.read(PullRequestState.class, row.string("STATE"))),
                repositoryId);
        return states;
    }

    /** The author e-mails of stored commits Bitbucket linked to the account id (any repository; a few at most). */
    public List<String> authorEmails(String accountId) {
        return sql.list("SELECT DISTINCT [AUTHOR_EMAIL] FROM [CommitEntity] WHERE [AUTHOR_ACCOUNT_ID] = ? AND "
                + "[AUTHOR_EMAIL] IS NOT NULL LIMIT 10", row -> row.string("AUTHOR_EMAIL"), accountId);
    }

    /** The identities of the repository's stored links (to skip duplicates). */
    public Set<String> linkIdentities(int repositoryId) {
        Set<String> identities = new HashSet<>();
        sql.forEach("SELECT [KIND], [TARGET], [ISSUE_KEY] FROM [IssueLinkEntity] WHERE [REPOSITORY_ID] = ?",
                row -> identities.add(LinkRow.identity(row.string("KIND"), row.string("TARGET"), row.string("ISSUE_KEY"))),
                repositoryId);
        return identities;
    }

    /** Rows of the repository in {@code table}, for progress and for the accounts page. */
    public int count(Class<? extends RawEntity<?>> table, int repositoryId) {
        return sql.countRows(table, "REPOSITORY_ID", repositoryId);
    }
}
