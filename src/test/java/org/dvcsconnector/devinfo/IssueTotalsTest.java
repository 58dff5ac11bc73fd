package org.dvcsconnector.devinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.refapp.db.Database;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The issue totals the panel's summary reads, on H2 and on PostgreSQL: always what the issue's links add up to, under
 * randomized write histories, rebuilds, and writers of several repositories racing each other and link changes.
 */
class IssueTotalsTest {

    @Nested
    class OnH2 extends Cases {
        @Override
        Database open() {
            return h2();
        }
    }

    @Nested
    class OnPostgres extends Cases {
        @Override
        Database open() throws Exception {
            return onPostgres();
        }
    }

    abstract static class Cases extends DevInfoCase {

        /**
         * The summary table against the links it is derived from, after every step of seeded random histories of
         * every write the store has (commit pages, full branch replacement, a branch created, moved or deleted by a
         * push, pull requests stored and changing state, duplicates, repositories unlinked and linked again). Then
         * the table is dropped and rebuilt as the backfill does, with some links from before CREATED_AT existed.
         */
        @Test
        void theSummaryTableAlwaysEqualsWhatTheLinksAddUpTo() throws Exception {
            start();
            for (long seed = 1; seed <= 6; seed++) {
                randomHistory(new java.util.Random(seed), "S" + seed + "-");
            }
        }

        private void randomHistory(java.util.Random random, String project) {
            List<String> keys = java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> project + i).toList();
            List<Integer> repositories = List.of(repository(project + "a", true), repository(project + "b", true),
                    repository(project + "c", false));
            Map<Integer, List<String>> hashes = new java.util.HashMap<>();
            for (int step = 0; step < 60; step++) {
                int repository = repositories.get(random.nextInt(repositories.size()));
                String key = keys.get(random.nextInt(keys.size()));
                randomWrite(random, project, keys, hashes, repository, key);
                assertTableEqualsLinks(keys, "seed history step " + step);
            }
            // Links from before CREATED_AT: the rebuild dates them as the links read does.
            Sql raw = DevInfoStore.tables(store.db());
            raw.update("UPDATE [IssueLinkEntity] SET [CREATED_AT] = NULL WHERE [ISSUE_KEY] IN (?, ?)", keys.get(0),
                    keys.get(1));
            raw.update("DELETE FROM [IssueSummaryEntity]");
            raw.update("DELETE FROM [IssueTotalEntity]");
            repositories.forEach(repository -> store.writer().write(repository, DevInfoWrite::rebuildSummaries));
            store.writer().rebuildTotals();
            assertTableEqualsLinks(keys, "rebuilt");
        }

        /** One write of every kind the store has, or a repository unlinked or linked again, drawn at random. */
        private void randomWrite(java.util.Random random, String project, List<String> keys,
                Map<Integer, List<String>> hashes, int repository, String key) {
            java.util.Set<String> known = store.linkIdentities(repository);
        switch (random.nextInt(7)) {
            case 0, 1 -> { // a page of commits, some mentioning one or two issues, some stored already
                List<CommitRow> page = new ArrayList<>();
                List<LinkRow> links = new ArrayList<>();
                for (int i = random.nextInt(4); i >= 0; i--) {
                    List<String> stored = hashes.computeIfAbsent(repository, r -> new ArrayList<>());
                    String hash = !stored.isEmpty() && random.nextInt(4) == 0 ? stored.get(random.nextInt(stored.size()))
                            : UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
                    stored.add(hash);
                    page.add(new CommitRow(hash, key, "Alice", "alice@example.com", null, null, clock++, List.of()));
                    links.add(new LinkRow(key, project, LinkKind.COMMIT, hash));
                    if (random.nextBoolean()) {
                        links.add(new LinkRow(keys.get(random.nextInt(keys.size())), project, LinkKind.COMMIT, hash));
                    }
                }
                store.writer().writeReturning(repository, tx -> tx.insertCommits(page, new HashSet<>(store.commitHashes(repository))));
                store.writer().writeReturning(repository, tx -> tx.insertLinks(links, known));
            }
            case 2 -> { // a full sync's branches: links first or heads first, as the sync orders them
                Map<String, String> heads = new java.util.HashMap<>();
                List<LinkRow> links = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    String k = keys.get(random.nextInt(keys.size()));
                    String name = "feature/" + k + "-" + random.nextInt(3);
                    heads.put(name, "h" + random.nextInt(100));
                    links.add(new LinkRow(k, project, LinkKind.BRANCH, name));
                }
                if (random.nextBoolean()) {
                    store.writer().writeReturning(repository, tx -> tx.insertLinks(links, known));
                    store.writer().write(repository, tx -> tx.replaceBranches(heads));
                } else {
                    store.writer().write(repository, tx -> tx.replaceBranches(heads));
                    store.writer().writeReturning(repository, tx -> tx.insertLinks(links, known));
                }
            }
            case 3 -> { // a push creates or moves a branch
                String name = "feature/" + key + "-" + random.nextInt(3);
                store.writer().writeReturning(repository, tx -> tx.insertLinks(List.of(new LinkRow(key, project, LinkKind.BRANCH, name)), known));
                store.writer().write(repository, tx -> tx.setBranchHead(name, "h" + random.nextInt(100)));
            }
            case 4 -> store.writer().write(repository, tx -> tx.deleteBranch("feature/" + key + "-" + random.nextInt(3)));
            case 5 -> { // a pull request stored, new or in another state
                long id = 1 + random.nextInt(4);
                store.writer().write(repository, tx -> tx.savePullRequest(new PullRequestRow(id, key + " change",
                        PullRequestState.values()[random.nextInt(4)], "feature/x", "main", "Bob", null,
                        1_600_000_000_000L + random.nextInt(1000) * 1000L, 0, null, null, null, List.of(), null)));
                store.writer().writeReturning(repository, tx -> tx.insertLinks(List.of(new LinkRow(key, project, LinkKind.PULL_REQUEST,
                        Long.toString(id))), known));
            }
            default -> { // unlinked or linked again: both reads skip unlinked repositories alike
                RepositoryEntity entity = ao.get(RepositoryEntity.class, repository);
                entity.setLinked(!entity.isLinked());
                entity.save();
                store.writer().repositoryVisibilityChanged(repository); // as the accounts page and the discovery do
            }
        }
        }

        /**
         * Totals span repositories, whose writers run in parallel, while an administrator links and unlinks them:
         * three threads each write their own repository's commits, branches and pull requests for the same issues,
         * a fourth toggles the repositories' links, and afterwards every total equals what the links add up to.
         */
        @Test
        void concurrentWritersAndLinkChangesLeaveEveryTotalRight() throws Exception {
            start();
            List<String> keys = java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(i -> "CC-" + i).toList();
            List<Integer> repositories = List.of(repository("cc-a", true), repository("cc-b", true), repository("cc-c", true));
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> work = new ArrayList<>();
                for (int repository : repositories) {
                    work.add(threads.submit(() -> writeConcurrently(repository, keys, new java.util.Random(repository))));
                }
                work.add(threads.submit(() -> {
                    java.util.Random random = new java.util.Random(7);
                    for (int i = 0; i < 40; i++) {
                        int repository = repositories.get(random.nextInt(repositories.size()));
                        ao.executeInTransaction(() -> {
                            RepositoryEntity entity = ao.get(RepositoryEntity.class, repository);
                            entity.setLinked(!entity.isLinked());
                            entity.save();
                            store.writer().repositoryVisibilityChanged(repository);
                            return null;
                        });
                    }
                }));
                for (java.util.concurrent.Future<?> future : work) {
                    future.get(2, java.util.concurrent.TimeUnit.MINUTES);
                }
            } finally {
                threads.shutdownNow();
            }
            assertTableEqualsLinks(keys, "after the concurrent writes");
        }

        /**
         * The race the totals' lock exists for: two repositories' writes of the same issue reach the end of their
         * transactions at the same moment, so each would sum without the other's uncommitted rows.
         */
        @Test
        void writesOfTwoRepositoriesEndingTogetherBothCount() throws Exception {
            start();
            writeTwoRepositoriesTogether(false);
        }

        /**
         * The same on a table without its lock row (a write before the plugin's start created it): both writers
         * insert it, and the one losing that race must still commit its work (PostgreSQL aborts a transaction on any
         * failed statement).
         */
        @Test
        void writesOfTwoRepositoriesRacingToCreateTheLockRowBothCount() throws Exception {
            start();
            writeTwoRepositoriesTogether(true);
        }

        private void writeTwoRepositoriesTogether(boolean withoutLockRow) throws Exception {
            List<Integer> repositories = List.of(repository("race-a", true), repository("race-b", true));
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                for (int round = 1; round <= 5; round++) {
                    String key = "RACE-" + round;
                    if (withoutLockRow) {
                        DevInfoStore.tables(store.db()).update("DELETE FROM [IssueTotalEntity] WHERE [ISSUE_KEY] = ?",
                                IssueTotals.LOCK_KEY);
                    }
                    java.util.concurrent.CyclicBarrier bothWritten = new java.util.concurrent.CyclicBarrier(2);
                    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
                    for (int repository : repositories) {
                        work.add(threads.submit(() -> store.writer().write(repository, tx -> {
                            String hash = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
                            tx.insertCommits(List.of(new CommitRow(hash, key, "Alice", "alice@example.com", null, null,
                                    clock, List.of())), new HashSet<>());
                            tx.insertLinks(List.of(new LinkRow(key, "RACE", LinkKind.COMMIT, hash)), new HashSet<>());
                            await(bothWritten); // both units refresh the total as they end, neither committed yet
                        })));
                    }
                    for (java.util.concurrent.Future<?> future : work) {
                        future.get(1, java.util.concurrent.TimeUnit.MINUTES);
                    }
                    assertThat(queries.summary(key).commits().count()).as(key).isEqualTo(2);
                }
            } finally {
                threads.shutdownNow();
            }
        }

        /**
         * A repository unlinked while its sync commits links to issues it never mentioned before: the unlinking
         * cannot know those issues when it starts, yet they must not count once both are done.
         */
        @Test
        void aRepositoryUnlinkedWhileItsSyncAddsNewIssuesCountsForNoneOfThem() throws Exception {
            start();
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                for (int round = 1; round <= 5; round++) {
                    int repository = repository("unlinked-" + round, true);
                    String key = "GONE-" + round;
                    java.util.concurrent.CyclicBarrier bothChanged = new java.util.concurrent.CyclicBarrier(2);
                    java.util.concurrent.Future<?> sync = threads.submit(() -> store.writer().write(repository, tx -> {
                        String hash = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
                        tx.insertCommits(List.of(new CommitRow(hash, key, "Alice", "alice@example.com", null, null, clock,
                                List.of())), new HashSet<>());
                        tx.insertLinks(List.of(new LinkRow(key, "GONE", LinkKind.COMMIT, hash)), new HashSet<>());
                        await(bothChanged);
                    }));
                    java.util.concurrent.Future<?> unlink = threads.submit(() -> ao.executeInTransaction(() -> {
                        RepositoryEntity entity = ao.get(RepositoryEntity.class, repository);
                        entity.setLinked(false);
                        entity.save();
                        await(bothChanged);
                        store.writer().repositoryVisibilityChanged(repository);
                        return null;
                    }));
                    sync.get(1, java.util.concurrent.TimeUnit.MINUTES);
                    unlink.get(1, java.util.concurrent.TimeUnit.MINUTES);
                    assertThat(queries.summary(key)).as(key).isEqualTo(queries.summaryFromLinks(key));
                    assertThat(queries.summary(key).commits().count()).as(key).isZero();
                }
            } finally {
                threads.shutdownNow();
            }
        }

        private static void await(java.util.concurrent.CyclicBarrier barrier) {
            try {
                barrier.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void writeConcurrently(int repository, List<String> keys, java.util.Random random) {
            for (int step = 0; step < 40; step++) {
                String key = keys.get(random.nextInt(keys.size()));
                store.writer().write(repository, tx -> {
                    java.util.Set<String> known = store.linkIdentities(repository);
                    switch (random.nextInt(4)) {
                        case 0, 1 -> {
                            String hash = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
                            tx.insertCommits(List.of(new CommitRow(hash, key, "Alice", "alice@example.com",
                                    null, null, 1_700_000_000_000L + random.nextInt(1000), List.of())), new HashSet<>());
                            tx.insertLinks(List.of(new LinkRow(key, "CC", LinkKind.COMMIT, hash),
                                    new LinkRow(keys.get(random.nextInt(keys.size())), "CC", LinkKind.COMMIT, hash)), known);
                        }
                        case 2 -> {
                            String name = "feature/" + key + "-" + random.nextInt(2);
                            tx.insertLinks(List.of(new LinkRow(key, "CC", LinkKind.BRANCH, name)), known);
                            if (random.nextBoolean()) {
                                tx.setBranchHead(name, "h" + random.nextInt(100));
                            } else {
                                tx.deleteBranch(name);
                            }
                        }
                        default -> {
                            long id = 1 + random.nextInt(3);
                            tx.savePullRequest(new PullRequestRow(id, key + " change",
                                    PullRequestState.values()[random.nextInt(3)], "feature/x", "main", "Bob", null,
                                    1_600_000_000_000L + random.nextInt(1000) * 1000L, 0, null, null, null, List.of(), null));
                            tx.insertLinks(List.of(new LinkRow(key, "CC", LinkKind.PULL_REQUEST,
                                    Long.toString(id))), known);
                        }
                    }
                });
            }
        }

        private void assertTableEqualsLinks(List<String> keys, String when) {
            for (String key : keys) {
                assertThat(queries.summaryFromTable(key)).as(key + ", " + when).isEqualTo(queries.summaryFromLinks(key));
            }
        }
    }
}
