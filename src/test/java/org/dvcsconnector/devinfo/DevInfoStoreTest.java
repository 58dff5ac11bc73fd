package org.dvcsconnector.devinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.sync.SyncRunEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevInfoStoreTest {

    private Database database;
    private PluginActiveObjects ao;
    private DevInfoStore store;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(AccountEntity.class, RepositoryEntity.class, CommitEntity.class, BranchEntity.class,
                CommitBranchEntity.class, PullRequestEntity.class, PullRequestCommitEntity.class, IssueLinkEntity.class,
                IssueSummaryEntity.class, IssueTotalEntity.class,
                SyncRunEntity.class);
        store = new DevInfoStore(ao, new PluginDatabase(ao, "test.plugin"));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private static CommitRow commit(String hash, String... parents) {
        return new CommitRow(hash, "DEMO-1 message of " + hash, "Alice", "alice@example.com", null, 1000L, List.of(parents));
    }

    @Test
    void aPageWrittenTwiceIsStoredOnce() {
        List<CommitRow> page = List.of(commit("a".repeat(40)), commit("b".repeat(40), "a".repeat(40)));
        assertThat((int) store.writer().writeReturning(1, tx -> tx.insertCommits(page, store.commitHashes(1)))).isEqualTo(2);
        // A retried page after a crash: a fresh sync reloads what is stored and skips it.
        assertThat((int) store.writer().writeReturning(1, tx -> tx.insertCommits(page, store.commitHashes(1)))).isZero();
        assertThat(store.commitHashes(1)).containsExactlyInAnyOrder("a".repeat(40), "b".repeat(40));
        Map<String, String> parents = new java.util.HashMap<>();
        store.forEachCommitParents(1, parents::put);
        assertThat(parents).containsEntry("b".repeat(40), "a".repeat(40)).containsEntry("a".repeat(40), "");
        assertThat(store.commitHashes(2)).isEmpty();
    }

    @Test
    void linksBranchesAndPullRequestsAreIdempotent() {
        LinkRow link = new LinkRow("DEMO-1", "DEMO", LinkKind.COMMIT, "a".repeat(40));
        assertThat((int) store.writer().writeReturning(1, tx -> tx.insertLinks(List.of(link, link), store.linkIdentities(1)))).isEqualTo(1);
        assertThat((int) store.writer().writeReturning(1, tx -> tx.insertLinks(List.of(link), store.linkIdentities(1)))).isZero();

        store.writer().write(1, tx -> tx.replaceBranches(Map.of("main", "a".repeat(40), "feature/x", "b".repeat(40))));
        store.writer().write(1, tx -> tx.replaceBranches(Map.of("main", "b".repeat(40))));
        assertThat(store.branchHeads(1)).isEqualTo(Map.of("main", "b".repeat(40)));

        store.writer().write(1, tx -> tx.replaceBranchCommits("main", List.of("a".repeat(40), "b".repeat(40))));
        store.writer().write(1, tx -> tx.replaceBranchCommits("old", List.of("a".repeat(40))));
        store.writer().write(1, tx -> tx.deleteBranchCommitsExcept(Set.of("main")));
        assertThat(store.count(CommitBranchEntity.class, 1)).isEqualTo(2);

        PullRequestRow pr = new PullRequestRow(7, "DEMO-1 title", PullRequestState.OPEN, "feature/x", "main", "Alice", 5L, 0, "u",
                "b".repeat(12), null);
        store.writer().write(1, tx -> tx.savePullRequest(pr));
        store.writer().write(1, tx -> tx.savePullRequest(new PullRequestRow(7, "DEMO-1 title", PullRequestState.MERGED, "feature/x", "main", "Alice", 9L, 0,
                "u", "b".repeat(12), "c".repeat(12))));
        assertThat(store.pullRequestVersions(1)).isEqualTo(Map.of(7L, 9L));
        assertThat(store.count(PullRequestCommitEntity.class, 1)).as("a pull request's commits are not stored").isZero();
    }

    @Test
    void theCleanerDeletesInBoundedBatches() {
        Set<String> known = new HashSet<>();
        List<CommitRow> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.add(commit(String.format("%040x", i)));
        }
        store.writer().writeReturning(3, tx -> tx.insertCommits(many, known));
        store.writer().writeReturning(4, tx -> tx.insertCommits(List.of(commit("f".repeat(40))), new HashSet<>()));
        RepositoryEntity repository = ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", 1, "SLUG", "r"));
        int id = repository.getID();
        store.writer().writeReturning(id, tx -> tx.insertCommits(many.subList(0, 10), new HashSet<>()));
        DevInfoCleaner cleaner = new DevInfoCleaner(store);
        assertThat(cleaner.remaining(repository)).isEqualTo(id == 3 ? 1210 : 10);
        int rounds = 0;
        while (cleaner.deleteBatch(repository, 4) > 0) {
            rounds++;
        }
        assertThat(cleaner.remaining(repository)).isZero();
        assertThat(rounds).isGreaterThanOrEqualTo(3);
        assertThat(store.commitHashes(4)).hasSize(1);
    }
}
