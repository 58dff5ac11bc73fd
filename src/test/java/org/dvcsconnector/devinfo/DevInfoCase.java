package org.dvcsconnector.devinfo;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.sync.SyncRunEntity;
import org.dvcsconnector.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;

/**
 * Development information over real ActiveObjects tables, for the tests of the panel's queries and of the issue
 * totals: a fresh database per test (H2, or a database of its own on one embedded PostgreSQL per JVM), an account, and
 * helpers that write as the sync does.
 */
abstract class DevInfoCase {

    static final String SITE = "https://bitbucket.example";

    static Database h2() {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** A new database of its own on the test JVM's PostgreSQL. */
    static Database onPostgres() throws Exception {
        return Database.open(SharedPostgres.newDatabase(), "postgres", "postgres");
    }

    Database database;
    ActiveObjectsFactory factory;
    PluginActiveObjects ao;
    DevInfoStore store;
    DevInfoQueries queries;
    final List<String> statements = new CopyOnWriteArrayList<>();
    AccountEntity account;
    long clock = 1_700_000_000_000L;

    abstract Database open() throws Exception;

    @SuppressWarnings("unchecked")
    void start() throws Exception {
        database = open();
        factory = new ActiveObjectsFactory(database.dataSource(), database.kind());
        ao = factory.forPlugin("test.plugin");
        ao.migrate(AccountEntity.class, RepositoryEntity.class, CommitEntity.class, BranchEntity.class,
                CommitBranchEntity.class, PullRequestEntity.class, PullRequestCommitEntity.class,
                IssueLinkEntity.class, IssueSummaryEntity.class, IssueTotalEntity.class, SyncRunEntity.class);
        store = new DevInfoStore(ao, new PluginDatabase(ao, "test.plugin"));
        store.writer().prepareTotals(); // as the plugin does at start
        queries = new DevInfoQueries(store.db(), () -> SITE + "/", () -> true);
        account = ao.create(AccountEntity.class, Map.of("HOST", "bitbucket-cloud", "WORKSPACE", "acme",
                "AUTH_TYPE", "OAUTH2_PRIVATE_CONSUMER", "STATUS", "ACTIVE"));
    }

    @AfterEach
    void stop() {
        if (database != null) {
            database.close();
        }
    }

    int repository(String slug, boolean linked) {
        RepositoryEntity r = ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", account.getID(), "SLUG", slug,
                "NAME", slug.toUpperCase(), "LINKED", linked, "AVATAR_URL", "javascript:alert(1)"));
        return r.getID();
    }

    String commit(int repository, String issueKey, String message) {
        String hash = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
        long at = clock++;
        store.writer().write(repository, tx -> {
            tx.insertCommits(List.of(new CommitRow(hash, message, "Alice", "alice@example.com", null,
                    "https://avatars.example/alice", at, List.of())), new HashSet<>());
            tx.insertLinks(List.of(new LinkRow(issueKey, "DEMO", LinkKind.COMMIT, hash)), new HashSet<>());
        });
        return hash;
    }

    void branch(int repository, String issueKey, String name, String head) {
        Map<String, String> heads = new java.util.HashMap<>(store.branchHeads(repository));
        heads.put(name, head);
        store.writer().write(repository, tx -> {
            tx.replaceBranches(heads);
            tx.insertLinks(List.of(new LinkRow(issueKey, "DEMO", LinkKind.BRANCH, name)), new HashSet<>());
        });
    }

    void pullRequest(int repository, String issueKey, long id, String state, long updatedOn,
            List<Participant> participants) {
        store.writer().write(repository, tx -> {
            tx.savePullRequest(new PullRequestRow(id, issueKey + " pull request " + id, PullRequestState.valueOf(state),
                    "feature/" + id, "main", "Bob", "https://avatars.example/bob", updatedOn, 2,
                    SITE + "/acme/x/pull-requests/" + id, null, null, participants, null));
            tx.insertLinks(List.of(new LinkRow(issueKey, "DEMO", LinkKind.PULL_REQUEST, Long.toString(id))),
                    new HashSet<>());
        });
    }

    /** Statements run by {@code action}. */
    int count(Runnable action) {
        statements.clear();
        factory.setSqlListener(statements::add);
        try {
            action.run();
        } finally {
            factory.setSqlListener(null);
        }
        return statements.size();
    }
}
